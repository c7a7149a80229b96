import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPgliteDataDir } from "./support/databases.ts";
import { SHOP, SHOP_CUSTOM } from "./support/packages.ts";
import { loom } from "./support/run-loom.ts";

/** `loom export`, `loom import` (dry run, plan id, apply), `loom rollback` and `loom params`, as IT runs them. */
describe("moving packages with the loom command line", () => {
  let work: string;
  let dev: string;
  let prod: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "loom-packages-cli-"));
    dev = await freshPgliteDataDir();
    prod = await freshPgliteDataDir();
  });
  afterAll(async () => {
    for (const dir of [work, dev, prod]) await rm(dir, { recursive: true, force: true });
  });
  const inDev = (...args: string[]) => loom(["--data-dir", dev, ...args]);
  const inProd = (...args: string[]) => loom(["--data-dir", prod, ...args]);

  it("exports installed packages as a zip and as a folder, each file checksummed", async () => {
    expect((await inDev("import", SHOP, SHOP_CUSTOM)).code).toBe(0);
    const zip = path.join(work, "shop-custom.zip");
    const exported = await inDev("export", "shop-custom", "--out", zip);
    expect(exported.stdout).toContain(`exported shop-custom 1.0.0 (2 files) to ${zip}`);
    expect((await readFile(zip)).subarray(0, 2).toString()).toBe("PK");

    const folder = path.join(work, "bundle");
    expect((await inDev("export", "shop", "shop-custom", "--out", folder)).code).toBe(0);
    expect((await readdir(folder)).sort()).toEqual(["shop", "shop-custom"]);
    const manifest = JSON.parse(
      await readFile(path.join(folder, "shop-custom", "loom-package.json"), "utf8"),
    );
    expect(Object.keys(manifest.checksums)).toEqual(["extensions/customer.json"]);

    const missing = await inDev("export", "nope");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("package-not-installed");
  });

  it("previews an import, applies exactly the previewed plan, and then has nothing to do", async () => {
    expect((await inProd("import", SHOP)).code).toBe(0);
    const zip = path.join(work, "shop-custom.zip");
    const preview = await inProd("import", zip, "--dry-run");
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain("shop-custom (customization): install 1.0.0");
    expect(preview.stdout).toContain("+ extensions/customer.json");
    expect(preview.stdout).toMatch(/1\. add column customer\.wechat_id/);
    const planId = /^plan ([0-9a-f]{16})$/m.exec(preview.stdout)?.[1];
    expect(planId).toBeDefined();
    expect(preview.stdout).toContain(`loom import ${zip} --plan ${planId}`);

    const stale = await inProd("import", zip, "--plan", "0123456789abcdef");
    expect(stale.code).toBe(2);
    expect(stale.stderr).toContain("plan-stale");

    const applied = await inProd("import", zip, "--plan", planId!);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/applied revision \d+: shop-custom 1\.0\.0; 1 step/);
    expect(applied.stderr).toContain("step 1/1: add column customer.wechat_id");

    const again = await inProd("import", zip, "--dry-run");
    expect(again.stdout).toContain("nothing to do");
  });

  it("rolls a package back to before it was installed, retiring its column", async () => {
    const preview = await inProd("rollback", "shop-custom", "--dry-run");
    expect(preview.stdout).toContain("shop-custom (customization): remove 1.0.0");
    expect(preview.stdout).toContain("retire");
    expect(preview.stdout).not.toContain("[DATA LOSS]");
    const planId = /^plan ([0-9a-f]{16})$/m.exec(preview.stdout)?.[1];
    const applied = await inProd("rollback", "shop-custom", "--plan", planId!);
    expect(applied.code).toBe(0);
    const none = await inProd("rollback", "shop-custom");
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("package-not-installed");
  });

  it("refuses a file that is not a package archive, and a malformed profile", async () => {
    const fake = path.join(work, "fake.zip");
    await writeFile(fake, "not a zip at all");
    const refused = await inProd("import", fake, "--dry-run");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("archive-refused");

    const profile = path.join(work, "prod.json");
    await writeFile(profile, JSON.stringify({ parameters: { limit: { from: "x" } } }));
    const bad = await inProd(
      "import",
      path.join(work, "shop-custom.zip"),
      "--dry-run",
      "--profile",
      profile,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("invalid-profile");
  });

  it("lists parameters (none declared by these packages)", async () => {
    const listed = await inProd("params", "list");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain("no installed package declares parameters");
  });
});
