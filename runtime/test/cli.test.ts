import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../src/cli/program.ts";
import { freshPgliteDataDir } from "./support/databases.ts";
import { BROKEN, SHOP, shopVersion } from "./support/packages.ts";
import { loom, writePackage } from "./support/run-loom.ts";

describe("loom --help", () => {
  it("describes every command, each with examples", async () => {
    const top = await loom(["--help"]);
    expect(top.code).toBe(0);
    // each command's own help read in-process: the same program, without a process per command
    const program = buildProgram(pino({ level: "silent" }));
    for (const command of [
      "start",
      "validate",
      "plan",
      "apply",
      "export",
      "import",
      "rollback",
      "purge",
      "params",
      "data",
      "sample-data",
      "user",
    ]) {
      expect(top.stdout).toMatch(new RegExp(`^\\s+${command} .*\\S`, "m"));
      const found = program.commands.find((c) => c.name() === command);
      let help = "";
      found!.configureOutput({ writeOut: (text) => (help += text) }).outputHelp();
      expect(help).toContain("Examples:");
      expect(help).toContain(`$ loom ${command} `);
    }
    expect(top.stdout).toContain("--database-url");
    expect(top.stdout).toContain("--data-dir");
  });
});

describe("loom validate", () => {
  it("prints an ok summary for a valid package", async () => {
    const run = await loom(["validate", SHOP]);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/^ok: 1 package \(shop 1\.0\.0\), 2 entities/);
  });

  it("prints each problem at file:line:column and exits 1", async () => {
    const run = await loom(["validate", BROKEN]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/broken\/entities\/thing\.json:\d+:\d+ \/fields\/0\/type/);
    expect(run.stdout).toMatch(/1 problem found/);
  });
});

describe("loom plan and apply on the embedded database", () => {
  let dataDir: string;
  let work: string;
  beforeAll(async () => {
    dataDir = await freshPgliteDataDir();
    work = await mkdtemp(path.join(tmpdir(), "loom-cli-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  it("plans, applies, and then finds nothing to do", async () => {
    const plan = await loom(["--data-dir", dataDir, "plan", SHOP]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(
      /^plan from an empty database to model [0-9a-f]{12} \(shop 1\.0\.0\)/,
    );
    expect(plan.stdout).toMatch(/^ {2}1\. create table/m);
    expect(plan.stdout).toMatch(/steps, all safe$/m);

    const apply = await loom(["apply", SHOP], { LOOM_DATA_DIR: dataDir });
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/^applied revision 1: \d+ steps/);
    expect(apply.stderr).toMatch(/^step 1\/\d+: create table/m);

    const again = await loom(["apply", SHOP], { LOOM_DATA_DIR: dataDir });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^already applied: revision 1/);
  });

  it("flags data loss in the plan, refuses it with exit 2 and a next step, applies it with the flag", async () => {
    const dropped = await writePackage(
      await shopVersion("1.1.0", (e) => {
        e.customer!.fields = e.customer!.fields.filter((f) => f.name !== "legacy_ref");
      }),
      path.join(work, "shop-1.1.0"),
    );

    const plan = await loom(["--data-dir", dataDir, "plan", dropped]);
    expect(plan.stdout).toMatch(/drop column customer\.legacy_ref.* \[DATA LOSS\]$/m);
    expect(plan.stdout).toMatch(/1 data-losing \(apply needs --allow-data-loss\)/);

    const refused = await loom(["--data-dir", dataDir, "apply", dropped]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("error [data-loss-refused]");
    expect(refused.stderr).toMatch(/step 1: drop column customer\.legacy_ref/);
    expect(refused.stderr).toMatch(/^next: .*--allow-data-loss/m);

    const applied = await loom(["--data-dir", dataDir, "apply", dropped, "--allow-data-loss"]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/^applied revision 2: 1 step$/m);
  });

  it("refuses a conversion with exit 2 until told what to do with the rows", async () => {
    const converted = await writePackage(
      await shopVersion("1.2.0", (e) => {
        e.customer!.fields = e.customer!.fields.filter((f) => f.name !== "legacy_ref");
        Object.assign(e.item!.fields.find((f) => f.name === "stock")!, { type: "integer" });
      }),
      path.join(work, "shop-1.2.0"),
    );
    const seed = await loom(["--data-dir", dataDir, "apply", path.join(work, "shop-1.1.0")]);
    expect(seed.stdout).toMatch(/already applied/);
    // rows are written straight into the table: the CLI has no data commands yet
    const { openDatabase } = await import("../src/db/open-database.ts");
    const db = await openDatabase({ dataDir });
    await db.run((k) => k.raw(`INSERT INTO app.item (name, stock) VALUES ('nut', 'lots')`));
    await db.close();

    const refused = await loom(["--data-dir", dataDir, "apply", converted]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("error [conversion-refused]");
    expect(refused.stderr).toMatch(/1 row.*"lots"/);
    expect(refused.stderr).toMatch(/^next: .*--on-conversion-failure/m);

    const bad = await loom([
      "--data-dir",
      dataDir,
      "apply",
      converted,
      "--on-conversion-failure",
      "drop",
    ]);
    expect(bad.code).toBe(1);

    const applied = await loom([
      "--data-dir",
      dataDir,
      "apply",
      converted,
      "--on-conversion-failure",
      "null",
    ]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/step \d+, null: .*1 row/);
  });

  it("exits 1 with the issues located for invalid metadata", async () => {
    const run = await loom(["--data-dir", dataDir, "apply", BROKEN]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error [invalid-metadata]");
    expect(run.stderr).toMatch(/broken\/entities\/thing\.json:\d+:\d+/);
    expect(run.stderr).toMatch(/^next: /m);
  });
});

describe("database URL", () => {
  it("never prints the password of a URL it cannot connect to", async () => {
    const run = await loom([
      "--database-url",
      "postgres://loom:s3cret-pw@127.0.0.1:1/nowhere",
      "plan",
      SHOP,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error [database-open-failed]");
    expect(run.stderr).toContain("postgres://loom:***@127.0.0.1:1/nowhere");
    expect(run.stderr + run.stdout).not.toContain("s3cret-pw");
  });
});
