import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { type ApplyOptions, applyPackages } from "../src/store/apply-packages.ts";
import { installedPackages } from "../src/store/installed-packages.ts";
import type { PackageSource } from "../src/store/load-packages.ts";
import { planPackages } from "../src/store/plan-packages.ts";
import { currentRevision } from "../src/store/revisions.ts";
import { testDatabases } from "./support/databases.ts";
import { BROKEN, fieldOf, SHOP, SHOP_CUSTOM, shopVersion } from "./support/packages.ts";
import { columnsOf, databaseSnapshot } from "./support/snapshot.ts";

const SAFE: ApplyOptions = { allowDataLoss: false, actor: "test" };

describe.each(testDatabases())("applying packages on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  beforeEach(async () => {
    db = await open();
  });
  afterEach(() => db?.dispose());

  const apply = (sources: PackageSource[], options: Partial<ApplyOptions> = {}) =>
    applyPackages(db, sources, { ...SAFE, ...options });
  const sql = async (text: string, bindings: unknown[] = []) =>
    db.run(async (k) => (await k.raw(text, bindings as never)).rows);

  it("installs the sample into an empty database: tables, package, revision and log", async () => {
    const result = await apply([SHOP]);

    expect(result.status).toBe("applied");
    expect(Object.keys(await columnsOf(db, "customer"))).toEqual(
      expect.arrayContaining(["id", "version", "code", "name", "legacy_ref"]),
    );
    expect(await columnsOf(db, "item")).toMatchObject({ stock: "text", price: "numeric(10,2)" });
    const packages = await db.run(installedPackages);
    expect(packages.map((p) => [p.name, p.version, p.layer, p.installedBy])).toEqual([
      ["shop", "1.0.0", "base", "test"],
    ]);
    expect(Object.keys(packages[0]!.files).sort()).toEqual([
      "entities/customer.json",
      "entities/item.json",
      "loom-package.json",
    ]);
    const revision = await db.run(currentRevision);
    expect(revision).toMatchObject({ id: 1, packages: { shop: "1.0.0" }, createdBy: "test" });
    expect(revision?.checksum).toBe(result.revision.checksum);
    const log = await sql("SELECT step_no, kind FROM loom_sys.migration_log ORDER BY step_no");
    expect(log.length).toBe(result.status === "applied" ? result.plan.steps.length : -1);
    expect(log.map((row: { kind: string }) => row.kind)).toContain("create-table");
  });

  it("treats applying the current model again as a no-op", async () => {
    const first = await apply([SHOP]);
    const before = await databaseSnapshot(db);

    const again = await apply([SHOP]);

    expect(again).toEqual({ status: "unchanged", revision: first.revision });
    expect(await databaseSnapshot(db)).toEqual(before);
  });

  it("adds a field as a new column, keeping existing rows", async () => {
    await apply([SHOP]);
    await sql(`INSERT INTO app.customer (code, name) VALUES ('C1', 'Acme')`);
    const v2 = await shopVersion("1.1.0", (e) => {
      e.customer!.fields.push({ name: "phone", type: "phone", labels: { en: "Phone" } });
    });

    const result = await apply([v2]);

    expect(result.status).toBe("applied");
    expect(await sql("SELECT code, name, phone FROM app.customer")).toEqual([
      { code: "C1", name: "Acme", phone: null },
    ]);
    expect((await db.run(currentRevision))?.packages).toEqual({ shop: "1.1.0" });
  });

  it("renames a field declared with renamedFrom, keeping its values", async () => {
    await apply([SHOP]);
    await sql(`INSERT INTO app.customer (code, name) VALUES ('C1', 'Acme')`);
    const v2 = await shopVersion("1.1.0", (e) => {
      Object.assign(fieldOf(e.customer, "name"), { name: "full_name", renamedFrom: "name" });
      e.customer!.titleField = "full_name";
    });

    const result = await apply([v2]);

    expect(result.status === "applied" && result.plan.steps.map((s) => s.kind)).toEqual([
      "rename-column",
    ]);
    expect(await sql("SELECT full_name FROM app.customer")).toEqual([{ full_name: "Acme" }]);
  });

  it("widens types in place without losing values", async () => {
    await apply([SHOP]);
    await sql(`INSERT INTO app.customer (code, name) VALUES ('C1', ?)`, ["x".repeat(40)]);
    await sql(`INSERT INTO app.item (name, price) VALUES ('bolt', 12345678.91)`);
    const v2 = await shopVersion("1.1.0", (e) => {
      fieldOf(e.customer, "name").maxLength = 80;
      fieldOf(e.item, "price").precision = 14;
    });

    const result = await apply([v2]);

    expect(result.status === "applied" && result.plan.dataLosing).toBe(false);
    expect(await columnsOf(db, "customer")).toMatchObject({ name: "character varying(80)" });
    expect(await columnsOf(db, "item")).toMatchObject({ price: "numeric(14,2)" });
    expect(await sql("SELECT name FROM app.customer")).toEqual([{ name: "x".repeat(40) }]);
    expect(await sql("SELECT price FROM app.item")).toEqual([{ price: "12345678.91" }]);
  });

  it("refuses a data-losing plan without the flag, listing the steps and changing nothing", async () => {
    await apply([SHOP]);
    await sql(`INSERT INTO app.customer (code, name, legacy_ref) VALUES ('C1', 'Acme', 'L-7')`);
    const before = await databaseSnapshot(db);
    const v2 = await shopVersion("1.1.0", (e) => {
      e.customer!.fields = e.customer!.fields.filter((f) => f.name !== "legacy_ref");
    });

    const refused = apply([v2]);

    await expect(refused).rejects.toMatchObject({
      code: "data-loss-refused",
      issues: [{ code: "data-loss", message: expect.stringContaining("customer.legacy_ref") }],
    });
    expect(await databaseSnapshot(db)).toEqual(before);
  });

  it("drops a field with allowDataLoss", async () => {
    await apply([SHOP]);
    await sql(`INSERT INTO app.customer (code, name, legacy_ref) VALUES ('C1', 'Acme', 'L-7')`);
    const v2 = await shopVersion("1.1.0", (e) => {
      e.customer!.fields = e.customer!.fields.filter((f) => f.name !== "legacy_ref");
    });

    const result = await apply([v2], { allowDataLoss: true });

    expect(result.status).toBe("applied");
    expect(await columnsOf(db, "customer")).not.toHaveProperty("legacy_ref");
    expect(await sql("SELECT code, name FROM app.customer")).toEqual([
      { code: "C1", name: "Acme" },
    ]);
    const log = await sql(
      "SELECT kind, safety FROM loom_sys.migration_log WHERE revision_id = 2 ORDER BY step_no",
    );
    expect(log).toEqual([{ kind: "drop-column", safety: "data-losing" }]);
  });

  describe("converting text to integer with a value that does not convert", () => {
    const stockAsInteger = () =>
      shopVersion("1.1.0", (e) => {
        Object.assign(fieldOf(e.item, "stock"), { type: "integer" });
      });
    const seed = async () => {
      await apply([SHOP]);
      await sql(
        `INSERT INTO app.item (name, stock) VALUES ('bolt', '5'), ('nut', 'lots'), ('pin', NULL)`,
      );
    };

    it("refuses by default, reporting the count and the failing values, changing nothing", async () => {
      await seed();
      const before = await databaseSnapshot(db);

      const refused = apply([await stockAsInteger()]);

      await expect(refused).rejects.toMatchObject({
        code: "conversion-refused",
        issues: [{ code: "rows-not-convertible", message: expect.stringMatching(/1 row.*"lots"/) }],
      });
      expect(await databaseSnapshot(db)).toEqual(before);
    });

    it("plan reports the same rows before anything runs", async () => {
      await seed();
      const plan = await planPackages(db, [await stockAsInteger()]);
      expect(plan.checks).toEqual([
        expect.objectContaining({ count: 1, sample: [{ id: expect.any(String), value: "lots" }] }),
      ]);
      expect(await columnsOf(db, "item")).toMatchObject({ stock: "text" });
    });

    it("stores NULL for them with onConversionFailure null", async () => {
      await seed();
      const result = await apply([await stockAsInteger()], { onConversionFailure: "null" });

      expect(result.status).toBe("applied");
      expect(await columnsOf(db, "item")).toMatchObject({ stock: "bigint" });
      expect(await sql("SELECT name, stock FROM app.item ORDER BY name")).toEqual([
        { name: "bolt", stock: "5" },
        { name: "nut", stock: null },
        { name: "pin", stock: null },
      ]);
      const log = await sql(
        "SELECT rows_checked FROM loom_sys.migration_log WHERE revision_id = 2 AND rows_checked IS NOT NULL",
      );
      expect(log).toEqual([{ rows_checked: "1" }]);
    });

    it("keeps the old values in another column with onConversionFailure keep", async () => {
      await seed();
      await apply([await stockAsInteger()], { onConversionFailure: "keep" });

      const rows = await sql("SELECT to_jsonb(i) AS row FROM app.item i WHERE name = 'nut'");
      const row = rows[0].row as Record<string, unknown>;
      expect(row.stock).toBeNull();
      expect(Object.entries(row).filter(([, value]) => value === "lots")).toHaveLength(1);
    });
  });

  it("refuses to make a field required while rows leave it empty, whatever the conversion choice", async () => {
    await apply([SHOP]);
    await sql(`INSERT INTO app.customer (code, name) VALUES ('C1', 'Acme')`);
    const before = await databaseSnapshot(db);
    const v2 = await shopVersion("1.1.0", (e) => {
      fieldOf(e.customer, "legacy_ref").required = true;
    });

    const refused = apply([v2], { onConversionFailure: "null" });

    await expect(refused).rejects.toMatchObject({
      code: "rows-refused",
      issues: [{ message: expect.stringMatching(/customer\.legacy_ref.*1 row/) }],
    });
    expect(await databaseSnapshot(db)).toEqual(before);
  });

  it("rolls back everything when a step fails in the middle of the plan", async () => {
    await apply([SHOP]);
    await sql(`INSERT INTO app.customer (code, name, legacy_ref) VALUES ('C1', 'Acme', 'L-7')`);
    await sql(`INSERT INTO app.item (name, stock) VALUES ('bolt', '5')`);
    const before = await databaseSnapshot(db);
    const v2 = await shopVersion("2.0.0", (e) => {
      Object.assign(fieldOf(e.customer, "name"), { name: "full_name", renamedFrom: "name" });
      e.customer!.titleField = "full_name";
      e.customer!.fields.push({ name: "phone", type: "phone", labels: { en: "Phone" } });
      fieldOf(e.item, "price").precision = 14;
      Object.assign(fieldOf(e.item, "stock"), { type: "integer" });
      e.customer!.fields = e.customer!.fields.filter((f) => f.name !== "legacy_ref");
      e.warehouse = {
        kind: "entity",
        name: "warehouse",
        labels: { en: "Warehouse" },
        fields: [{ name: "code", type: "text", labels: { en: "Code" }, unique: true }],
      };
    });
    let stepsRun = 0;
    let total = 0;

    const failing = apply([v2], {
      allowDataLoss: true,
      async beforeStep(_step, index, plan) {
        total = plan.steps.length;
        if (index === Math.floor(total / 2)) throw new Error("injected failure");
        stepsRun = index + 1;
      },
    });

    await expect(failing).rejects.toThrow("injected failure");
    expect(total).toBeGreaterThanOrEqual(5);
    expect(stepsRun).toBeGreaterThanOrEqual(2);
    expect(await databaseSnapshot(db)).toEqual(before);
    // and the same plan applies cleanly afterwards
    expect((await apply([v2], { allowDataLoss: true })).status).toBe("applied");
    expect(await sql("SELECT full_name FROM app.customer")).toEqual([{ full_name: "Acme" }]);
  });

  it("layers a customization over the installed base without naming the base again", async () => {
    await apply([SHOP]);

    const result = await apply([SHOP_CUSTOM]);

    expect(result.status).toBe("applied");
    expect(await columnsOf(db, "customer")).toHaveProperty("wechat_id");
    const packages = await db.run(installedPackages);
    expect(packages.map((p) => p.name)).toEqual(["shop", "shop-custom"]);
    expect((await db.run(currentRevision))?.packages).toEqual({
      shop: "1.0.0",
      "shop-custom": "1.0.0",
    });
  });

  it("refuses invalid metadata with every issue located in its file, changing nothing", async () => {
    await apply([SHOP]);
    const before = await databaseSnapshot(db);

    const refused = apply([BROKEN]);

    await expect(refused).rejects.toMatchObject({
      code: "invalid-metadata",
      issues: expect.arrayContaining([
        expect.objectContaining({
          file: expect.stringMatching(/broken\/entities\/thing\.json$/),
          line: expect.any(Number),
        }),
      ]),
    });
    expect(await databaseSnapshot(db)).toEqual(before);
  });

  it("lets only one of two concurrent applies from the same revision commit", async () => {
    await apply([SHOP]);
    const phone = await shopVersion("1.1.0", (e) => {
      e.customer!.fields.push({ name: "phone", type: "phone", labels: { en: "Phone" } });
    });
    const email = await shopVersion("1.2.0", (e) => {
      e.customer!.fields.push({ name: "email", type: "email", labels: { en: "Email" } });
    });

    const outcomes = await Promise.allSettled([apply([phone]), apply([email])]);

    const applied = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(applied).toHaveLength(1);
    expect(refused).toEqual([
      expect.objectContaining({ reason: expect.objectContaining({ code: "revision-changed" }) }),
    ]);
    expect((await db.run(currentRevision))?.id).toBe(2);
  });

  it("goes back to an earlier model as a new revision", async () => {
    const first = await apply([SHOP]);
    const v2 = await shopVersion("1.0.0", (e) => {
      e.customer!.fields.push({ name: "phone", type: "phone", labels: { en: "Phone" } });
    });
    await apply([v2]);

    const back = await apply([SHOP], { allowDataLoss: true });

    expect(back).toMatchObject({
      status: "applied",
      revision: { id: 3, checksum: first.revision.checksum },
    });
    expect(await columnsOf(db, "customer")).not.toHaveProperty("phone");
  });
});
