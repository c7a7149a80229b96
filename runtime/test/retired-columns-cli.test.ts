import { rm } from "node:fs/promises";
import { Command } from "commander";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { purgeCommand } from "../src/cli/commands/purge.ts";
import { reportError } from "../src/cli/report-error.ts";
import { openDatabase } from "../src/db/open-database.ts";
import { applyPackages } from "../src/store/apply-packages.ts";
import { freshPgliteDataDir } from "./support/databases.ts";
import { SHOP, shopVersion } from "./support/packages.ts";

/**
 * `loom purge` on the embedded database, run in-process: a program with the global options and
 * the purge command alone, so its output and its refusals can be read directly.
 */
describe("loom purge", () => {
  let dataDir: string;
  let printed: string[] = [];

  beforeAll(async () => {
    dataDir = await freshPgliteDataDir();
    const db = await openDatabase({ dataDir });
    try {
      await applyPackages(db, [SHOP], { allowDataLoss: false, actor: "test" });
      await db.run((k) =>
        k.raw(`INSERT INTO app.customer (code, name, legacy_ref) VALUES ('C1', 'Acme', 'L-7')`),
      );
      const v2 = await shopVersion("1.1.0", (e) => {
        e.customer!.fields = e.customer!.fields.filter(
          (f) => f.name !== "code" && f.name !== "legacy_ref",
        );
        e.item!.fields = e.item!.fields.filter((f) => f.name !== "stock");
      });
      await applyPackages(db, [v2], { allowDataLoss: false, actor: "test", dropColumns: "retire" });
    } finally {
      await db.close();
    }
  }, 60_000);
  afterAll(() => rm(dataDir, { recursive: true, force: true }));
  afterEach(() => {
    printed = [];
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  async function loom(...args: string[]): Promise<void> {
    // the embedded database of --data-dir, even where the tests run against a server
    vi.stubEnv("DATABASE_URL", undefined);
    vi.spyOn(console, "log").mockImplementation((line: string) => {
      printed.push(line);
    });
    const program = new Command("loom")
      .option("--database-url <url>")
      .option("--data-dir <dir>")
      .exitOverride()
      .configureOutput({ writeOut: (text) => printed.push(text), writeErr: () => {} });
    purgeCommand(program, pino({ level: "silent" }));
    await program.parseAsync(["--data-dir", dataDir, ...args], { from: "user" });
  }
  const columns = async (table: string): Promise<string[]> => {
    const db = await openDatabase({ dataDir });
    try {
      const rows = await db.run(
        async (k) =>
          (
            await k.raw(
              `SELECT column_name FROM information_schema.columns WHERE table_schema = 'app' AND table_name = ? ORDER BY 1`,
              [table],
            )
          ).rows,
      );
      return rows.map((row: { column_name: string }) => row.column_name);
    } finally {
      await db.close();
    }
  };

  it("explains itself with examples", async () => {
    await expect(loom("purge", "--help")).rejects.toMatchObject({
      code: "commander.helpDisplayed",
    });
    const help = printed.join("");
    expect(help).toContain("--dry-run");
    expect(help).toContain("Examples:");
    expect(help).toContain("$ loom purge --table customer --dry-run");
  });

  it("lists the retired columns and drops nothing without --yes", async () => {
    const refused = await loom("purge").catch((error: unknown) => error);

    expect(refused).toMatchObject({
      code: "purge-not-confirmed",
      message:
        "nothing was dropped: re-run with --yes to drop 3 retired columns and their values for good",
    });
    expect(printed[0]).toBe("would drop 3 retired columns:");
    expect(printed.slice(1)).toEqual([
      expect.stringMatching(
        /^ {2}customer\.code +as code~retired~1 +retired \d{4}-\d\d-\d\d \d\d:\d\d UTC by revision 2 +1 row with values$/,
      ),
      expect.stringMatching(
        /^ {2}customer\.legacy_ref +as legacy_ref~retired~1 .* 1 row with values$/,
      ),
      expect.stringMatching(/^ {2}item\.stock +as stock~retired~1 .* 0 rows with values$/),
    ]);
    expect(await columns("customer")).toContain("code~retired~1");
  });

  it("lists them on --dry-run, changing nothing", async () => {
    await loom("purge", "--dry-run", "--yes", "--table", "item");
    expect(printed).toEqual([
      "would drop 1 retired column:",
      expect.stringMatching(/^ {2}item\.stock +as stock~retired~1 /),
    ]);
    expect(await columns("item")).toContain("stock~retired~1");
  });

  it("refuses a table the app does not have (exit 1)", async () => {
    const refused = await loom("purge", "--table", "custmer", "--yes").catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "unknown-table" });
    expect(reportError(refused, () => {})).toBe(1);
  });

  it("drops them with --yes, table by table", async () => {
    await loom("purge", "--table", "customer", "--yes");
    expect(printed[0]).toBe("dropped 2 retired columns:");
    expect(await columns("customer")).not.toContain("code~retired~1");
    expect(await columns("item")).toContain("stock~retired~1");

    printed = [];
    await loom("purge", "--table", "customer", "--yes");
    expect(printed).toEqual(["no retired columns in customer"]);
  });
});
