import type { EntityDef, FieldDef } from "@loom/engine";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { purgeRetiredColumns } from "../src/packages/purge-retired.ts";
import { checkRestoresStillRetired, listRetiredColumns } from "../src/packages/retired-columns.ts";
import { type ApplyOptions, applyPackages } from "../src/store/apply-packages.ts";
import type { PackageSource } from "../src/store/load-packages.ts";
import { planPackages } from "../src/store/plan-packages.ts";
import { testDatabases } from "./support/databases.ts";
import { fieldOf, SHOP, shopVersion } from "./support/packages.ts";
import { columnsOf, databaseSnapshot } from "./support/snapshot.ts";

const RETIRE: ApplyOptions = { allowDataLoss: false, actor: "test", dropColumns: "retire" };

/** shop with customer.code (required, unique) and customer.legacy_ref removed */
const withoutCode = (version = "1.1.0") =>
  shopVersion(version, (e) => {
    e.customer!.fields = e.customer!.fields.filter(
      (f) => f.name !== "legacy_ref" && f.name !== "code",
    );
  });

describe.each(testDatabases())("retired columns on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  beforeEach(async () => {
    db = await open();
  });
  afterEach(() => db?.dispose());

  const apply = (sources: PackageSource[], options: Partial<ApplyOptions> = {}) =>
    applyPackages(db, sources, { ...RETIRE, ...options });
  const sql = async (text: string, bindings: unknown[] = []) =>
    db.run(async (k) => (await k.raw(text, bindings as never)).rows);
  const retiredRows = () =>
    sql(
      `SELECT table_name, column_name, retired_as, definition, revision_id::int AS revision_id
       FROM loom_sys.retired_columns ORDER BY table_name, retired_as`,
    );
  /** the database as the snapshot sees it, plus the retired columns' rows */
  const everything = async () => ({
    ...(await databaseSnapshot(db)),
    retired: await sql(`SELECT * FROM loom_sys.retired_columns ORDER BY 1, 2`),
  });
  const seed = async () => {
    await applyPackages(db, [SHOP], { allowDataLoss: false, actor: "test" });
    await sql(
      `INSERT INTO app.customer (code, name, legacy_ref) VALUES ('C1', 'Acme', 'L-7'), ('C2', 'Bolt', NULL)`,
    );
  };

  it("retires removed fields without consent to data loss, keeping their values hidden", async () => {
    await seed();

    const result = await apply([await withoutCode()]);

    expect(result.status === "applied" && result.plan.dataLosing).toBe(false);
    expect(result.status === "applied" && result.plan.steps.map((s) => s.kind)).toEqual([
      "drop-index",
      "retire-column",
      "retire-column",
    ]);
    expect(Object.keys(await columnsOf(db, "customer"))).toEqual(
      expect.arrayContaining(["name", "code~retired~1", "legacy_ref~retired~1"]),
    );
    expect(await columnsOf(db, "customer")).not.toHaveProperty("code");
    expect(
      await sql(
        `SELECT name, "code~retired~1" AS code, "legacy_ref~retired~1" AS legacy FROM app.customer ORDER BY name`,
      ),
    ).toEqual([
      { name: "Acme", code: "C1", legacy: "L-7" },
      { name: "Bolt", code: "C2", legacy: null },
    ]);
    expect(await retiredRows()).toEqual([
      {
        table_name: "customer",
        column_name: "code",
        retired_as: "code~retired~1",
        definition: { name: "code", type: "character varying(20)", notNull: true },
        revision_id: 2,
      },
      {
        table_name: "customer",
        column_name: "legacy_ref",
        retired_as: "legacy_ref~retired~1",
        definition: { name: "legacy_ref", type: "text", notNull: false },
        revision_id: 2,
      },
    ]);
    const log = await sql(
      "SELECT kind, safety FROM loom_sys.migration_log WHERE revision_id = 2 ORDER BY step_no",
    );
    expect(log.map((row: { kind: string }) => row.kind)).toContain("retire-column");
    // a new record needs no value for the retired required column
    await sql(`INSERT INTO app.customer (name) VALUES ('Cube')`);
  });

  it("plans the retirement the same way, changing nothing", async () => {
    await seed();
    const before = await everything();

    const plan = await planPackages(db, [await withoutCode()], {
      exact: false,
      dropColumns: "retire",
    });

    expect(plan.plan.steps.filter((s) => s.kind === "retire-column")).toHaveLength(2);
    expect(await everything()).toEqual(before);
  });

  it("drops, as before, when not asked to retire", async () => {
    await seed();
    const result = await apply([await withoutCode()], {
      dropColumns: undefined,
      allowDataLoss: true,
    });
    expect(result.status === "applied" && result.plan.steps.map((s) => s.kind)).toContain(
      "drop-column",
    );
    expect(await retiredRows()).toEqual([]);
  });

  it("re-applying the old package restores the columns with their values", async () => {
    await seed();
    await apply([await withoutCode()]);
    await sql(`INSERT INTO app.customer (name) VALUES ('Cube')`);
    const before = await everything();

    // the row added meanwhile has no code, which is required again: refused, nothing changed
    await expect(
      applyPackages(db, [SHOP], { allowDataLoss: false, actor: "test" }),
    ).rejects.toMatchObject({
      code: "rows-refused",
      issues: [{ message: expect.stringMatching(/set not null on customer\.code.*1 row/) }],
    });
    expect(await everything()).toEqual(before);

    await sql(`UPDATE app.customer SET "code~retired~1" = 'C3' WHERE name = 'Cube'`);
    const result = await applyPackages(db, [SHOP], { allowDataLoss: false, actor: "test" });

    expect(result.status === "applied" && result.plan.steps.map((s) => s.kind)).toEqual([
      "restore-column",
      "set-not-null",
      "restore-column",
      "create-index",
    ]);
    expect(await sql(`SELECT code, name, legacy_ref FROM app.customer ORDER BY name`)).toEqual([
      { code: "C1", name: "Acme", legacy_ref: "L-7" },
      { code: "C2", name: "Bolt", legacy_ref: null },
      { code: "C3", name: "Cube", legacy_ref: null },
    ]);
    expect(await columnsOf(db, "customer")).toMatchObject({ code: "character varying(20)" });
    expect(await retiredRows()).toEqual([]);
    await expect(sql(`INSERT INTO app.customer (name) VALUES ('Dot')`)).rejects.toThrow(/code/);
    await expect(sql(`INSERT INTO app.customer (code, name) VALUES ('C1', 'Dup')`)).rejects.toThrow(
      /uq_customer_code/,
    );
  });

  it("adds a field that comes back with another type anew, leaving the retired column", async () => {
    await seed();
    await apply([await withoutCode()]);
    const v3 = await shopVersion("1.2.0", (e) => {
      e.customer!.fields = e.customer!.fields.filter((f) => f.name !== "code");
      Object.assign(fieldOf(e.customer, "legacy_ref"), { type: "integer" });
    });

    const result = await apply([v3]);

    expect(result.status === "applied" && result.plan.steps.map((s) => s.kind)).toEqual([
      "add-column",
    ]);
    expect(await columnsOf(db, "customer")).toMatchObject({
      legacy_ref: "bigint",
      "legacy_ref~retired~1": "text",
    });
    expect((await retiredRows()).map((row: { retired_as: string }) => row.retired_as)).toEqual([
      "code~retired~1",
      "legacy_ref~retired~1",
    ]);
  });

  it("moves retired columns with a renamed table, and restores them there", async () => {
    await seed();
    await apply([await withoutCode()]);
    const renamed = (version: string, fields: (customer: EntityDef) => void) =>
      shopVersion(version, (e) => {
        const client = { ...e.customer!, name: "client", renamedFrom: "customer" };
        fields(client);
        delete e.customer;
        e.client = client;
      });
    await apply([
      await renamed("1.2.0", (c) => {
        c.fields = c.fields.filter((f) => f.name !== "legacy_ref" && f.name !== "code");
      }),
    ]);
    expect(
      (await db.run(listRetiredColumns)).map((column) => [column.table, column.retiredAs]),
    ).toEqual([
      ["client", "code~retired~1"],
      ["client", "legacy_ref~retired~1"],
    ]);

    const result = await apply([
      await renamed("1.3.0", (c) => {
        c.fields = c.fields.filter((f) => f.name !== "code");
      }),
    ]);

    expect(result.status === "applied" && result.plan.steps.map((s) => s.kind)).toEqual([
      "restore-column",
    ]);
    expect(await sql(`SELECT name, legacy_ref FROM app.client ORDER BY name`)).toEqual([
      { name: "Acme", legacy_ref: "L-7" },
      { name: "Bolt", legacy_ref: null },
    ]);
    expect((await retiredRows()).map((row: { retired_as: string }) => row.retired_as)).toEqual([
      "code~retired~1",
    ]);
  });

  it("keeps a retired link pointing at its target through a rename, and restores it there", async () => {
    const supplier: FieldDef = {
      name: "supplier",
      type: "link",
      target: "customer",
      labels: { en: "Supplier" },
    };
    const version = (v: string, withLink: boolean, renamed: boolean) =>
      shopVersion(v, (e) => {
        if (withLink) e.item!.fields.push({ ...supplier, target: renamed ? "client" : "customer" });
        if (renamed) {
          e.client = { ...e.customer!, name: "client", renamedFrom: "customer" };
          delete e.customer;
        }
      });
    await applyPackages(db, [await version("1.0.0", true, false)], {
      allowDataLoss: false,
      actor: "test",
    });
    await sql(`INSERT INTO app.customer (code, name) VALUES ('C1', 'Acme'), ('C2', 'Gone')`);
    await sql(`INSERT INTO app.item (name, supplier) SELECT 'for ' || name, id FROM app.customer`);
    await apply([await version("1.1.0", false, false)]);
    await apply([await version("1.2.0", false, true)]);
    expect((await retiredRows())[0]).toMatchObject({
      table_name: "item",
      definition: { type: "uuid", references: "client" },
    });
    // deleted while the link had no key: its value points nowhere now
    await sql(`DELETE FROM app.client WHERE name = 'Gone'`);
    const before = await everything();

    const back = await version("1.3.0", true, true);
    await expect(apply([back])).rejects.toMatchObject({
      code: "conversion-refused",
      issues: [{ message: expect.stringMatching(/1 row.*deleted while it was retired/) }],
    });
    expect(await everything()).toEqual(before);
    const result = await apply([back], { onConversionFailure: "null" });

    expect(result.status === "applied" && result.plan.steps.map((s) => s.kind)).toEqual([
      "restore-column",
      "create-index",
      "add-foreign-key",
    ]);
    expect(
      await sql(
        `SELECT i.name, c.name AS supplier FROM app.item i LEFT JOIN app.client c ON c.id = i.supplier ORDER BY 1`,
      ),
    ).toEqual([
      { name: "for Acme", supplier: "Acme" },
      { name: "for Gone", supplier: null },
    ]);
    expect(await retiredRows()).toEqual([]);
  });

  it("forgets the retired columns of a table it drops", async () => {
    await seed();
    await apply([await withoutCode()]);
    const v3 = await shopVersion("1.2.0", (e) => {
      delete e.customer;
    });

    await apply([v3], { allowDataLoss: true });

    expect(await columnsOf(db, "customer")).toEqual({});
    expect(await retiredRows()).toEqual([]);
  });

  it("a failure injected mid-plan leaves the tables and the retired columns exactly as before", async () => {
    await seed();
    await apply([await withoutCode()]);
    await sql(`UPDATE app.customer SET "legacy_ref~retired~1" = 'L-8' WHERE name = 'Bolt'`);
    // a plan that restores legacy_ref and retires name: both bookkeeping directions at once
    const v3 = await shopVersion("1.2.0", (e) => {
      e.customer!.titleField = "legacy_ref";
      e.customer!.fields = e.customer!.fields.filter((f) => f.name !== "code" && f.name !== "name");
    });
    const before = await everything();
    let kinds: string[] = [];

    const failing = apply([v3], {
      async beforeStep(_step, index, plan) {
        kinds = plan.steps.map((s) => s.kind);
        if (index === plan.steps.length - 1) throw new Error("injected failure");
      },
    });

    await expect(failing).rejects.toThrow("injected failure");
    expect(kinds).toEqual(["retire-column", "restore-column"]);
    expect(await everything()).toEqual(before);
    // failing after every step ran (in the last hook of the transaction) rolls back the books too
    const late = apply([v3], {
      afterApply: async () => {
        throw new Error("injected late failure");
      },
    });
    await expect(late).rejects.toThrow("injected late failure");
    expect(await everything()).toEqual(before);

    await apply([v3]);
    expect((await retiredRows()).map((row: { retired_as: string }) => row.retired_as)).toEqual([
      "code~retired~1",
      "name~retired~1",
    ]);
  });

  describe("purging", () => {
    const retireBoth = async () => {
      await seed();
      await apply([await withoutCode()]);
      await sql(`INSERT INTO app.item (name, stock) VALUES ('bolt', '5')`);
      await apply([
        await shopVersion("1.2.0", (e) => {
          e.customer!.fields = e.customer!.fields.filter(
            (f) => f.name !== "legacy_ref" && f.name !== "code",
          );
          e.item!.fields = e.item!.fields.filter((f) => f.name !== "stock");
        }),
      ]);
    };

    it("lists what it would drop on a dry run, changing nothing", async () => {
      await retireBoth();
      const before = await everything();

      const listed = await purgeRetiredColumns(db, { dryRun: true, actor: "test" });

      expect(
        listed.map((c) => [c.table, c.column, c.retiredAs, c.revisionId, c.rowsWithValues]),
      ).toEqual([
        ["customer", "code", "code~retired~1", 2, 2],
        ["customer", "legacy_ref", "legacy_ref~retired~1", 2, 1],
        ["item", "stock", "stock~retired~1", 3, 1],
      ]);
      expect(listed[0]?.retiredAt).toBeInstanceOf(Date);
      expect(await everything()).toEqual(before);
    });

    it("drops the retired columns of the tables named, and forgets them", async () => {
      await retireBoth();
      const logged: unknown[] = [];

      const purged = await purgeRetiredColumns(db, {
        tables: ["customer"],
        actor: "test",
        logger: { info: (entry) => logged.push(entry) },
      });

      expect(purged.map((c) => c.retiredAs)).toEqual(["code~retired~1", "legacy_ref~retired~1"]);
      expect(Object.keys(await columnsOf(db, "customer")).filter((c) => c.includes("~"))).toEqual(
        [],
      );
      expect(await columnsOf(db, "item")).toHaveProperty("stock~retired~1");
      expect((await retiredRows()).map((row: { retired_as: string }) => row.retired_as)).toEqual([
        "stock~retired~1",
      ]);
      expect(logged).toEqual([
        expect.objectContaining({ actor: "test", table: "customer", column: "code" }),
        expect.objectContaining({ actor: "test", table: "customer", column: "legacy_ref" }),
      ]);
      // the fields that come back now start empty; the item's retired stock still comes back
      const plan = await planPackages(db, [SHOP]);
      expect(plan.plan.steps.map((s) => [s.kind, s.field])).toEqual([
        ["add-column", "code"],
        ["add-column", "legacy_ref"],
        ["restore-column", "stock"],
        ["create-index", "code"],
      ]);
    });

    it("refuses a table the app does not have, changing nothing", async () => {
      await retireBoth();
      const before = await everything();

      const refused = purgeRetiredColumns(db, { tables: ["customer", "custmer"], actor: "test" });

      await expect(refused).rejects.toMatchObject({
        code: "unknown-table",
        message: expect.stringContaining("tables holding retired columns: customer, item"),
        issues: [{ path: "/tables/1", code: "unknown-table" }],
      });
      expect(await everything()).toEqual(before);
    });

    it("refuses an apply planned before a purge dropped a column it restores", async () => {
      await retireBoth();
      const plan = await planPackages(db, [SHOP]);
      expect(plan.plan.steps.map((s) => s.kind)).toContain("restore-column");

      await purgeRetiredColumns(db, { tables: ["customer"], actor: "test" });

      await expect(
        db.transaction((tx) => checkRestoresStillRetired(tx, plan.plan)),
      ).rejects.toMatchObject({ code: "revision-changed" });
    });
  });
});
