import type { LoadedPackage } from "@loom/engine";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import {
  applyReferenceData,
  previewReferenceData,
  type ReferenceDataChange,
} from "../src/packages/reference-data/index.ts";
import { SAMPLE_PACKAGES } from "../src/server/start-server.ts";
import { applyPackages } from "../src/store/apply-packages.ts";
import { loadPackages } from "../src/store/load-packages.ts";
import { prepareChange } from "../src/store/prepare-change.ts";
import { testDatabases } from "./support/databases.ts";
import { depot } from "./support/reference-data.ts";
import { databaseSnapshot } from "./support/snapshot.ts";

type Row = Record<string, unknown>;

describe.each(testDatabases())("reference data in packages on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  beforeEach(async () => {
    db = await open();
  });
  afterEach(() => db?.dispose());

  const sql = async (text: string, bindings: unknown[] = []): Promise<Row[]> =>
    db.run(async (k) => (await k.raw(text, bindings as never)).rows);
  const rowsOf = async (table: string): Promise<Row[]> =>
    (await sql(`SELECT to_jsonb(t) AS row FROM app."${table}" t ORDER BY "code"`)).map(
      (r) => r.row as Row,
    );
  const byCode = async (table: string) =>
    Object.fromEntries((await rowsOf(table)).map((row) => [row.code, row]));

  /** What an import's preview shows, against the database as it is. */
  const preview = async (packages: LoadedPackage[]): Promise<ReferenceDataChange[]> => {
    const change = await prepareChange(db, packages);
    return db.run((conn) =>
      previewReferenceData(conn, {
        model: change.model,
        current: change.current?.model ?? null,
        packages,
      }),
    );
  };

  /**
   * An import as the package pipeline runs it: schema, packages and reference data in one
   * transaction (a model that did not change still gets its data written).
   */
  const importing = async (packages: LoadedPackage[]): Promise<ReferenceDataChange[]> => {
    const { model } = await prepareChange(db, packages);
    let changes: ReferenceDataChange[] = [];
    const result = await applyPackages(db, packages, {
      allowDataLoss: true,
      actor: "it",
      afterApply: async (tx) => {
        changes = await applyReferenceData(tx, { model, packages });
      },
    });
    if (result.status === "unchanged")
      changes = await db.transaction((tx) => applyReferenceData(tx, { model, packages }));
    return changes;
  };

  /** Everything an import of reference data may touch. */
  const snapshot = async () => ({
    ...(await databaseSnapshot(db)),
    tracked: await sql(`SELECT * FROM loom_sys.reference_rows ORDER BY entity, key`),
    audit: await sql(`SELECT * FROM loom_sys.audit_log ORDER BY id`),
  });

  const actions = (changes: readonly ReferenceDataChange[], entity: string) =>
    Object.fromEntries(
      changes
        .filter((c) => c.entity === entity)
        .flatMap((c) => c.rows)
        .map((row) => [
          JSON.parse(row.key).code,
          row.fields ? [row.action, row.fields] : row.action,
        ]),
    );

  it("creates every row on first install: links and tree parents by key, written by the package", async () => {
    const packages = [depot()];
    const previewed = await preview(packages);

    const applied = await importing(packages);

    expect(previewed.map((c) => [c.entity, c.policy, c.create, c.rows.length])).toEqual([
      ["currency", "never", 2, 2],
      ["item_category", "always", 3, 3],
      ["approval_limit", "always", 1, 1],
      ["unit", "create-only", 3, 3],
    ]);
    expect(applied).toEqual(previewed);
    const categories = await byCode("item_category");
    expect(categories.RAW?.parent_id).toBeNull();
    expect(categories.STEEL?.parent_id).toBe(categories.RAW?.id);
    expect(categories.SHEET?.parent_id).toBe(categories.STEEL?.id);
    const [limit] = await rowsOf("approval_limit");
    expect(limit).toMatchObject({
      currency: (await byCode("currency")).CNY?.id,
      category: categories.STEEL?.id,
      amount: 5000.5,
      valid_from: "2025-01-01",
      channels: ["web", "store"],
      terms: { net: 30 },
      // computed like any record the API writes
      label: "L1/5000.5",
      version: 1,
      created_by: "package:depot@1.0.0",
      updated_by: "package:depot@1.0.0",
    });
    // a read-only field is the package's to set
    expect((await byCode("unit")).PCS).toMatchObject({ builtin: true, decimals: 0 });
    const audit = await sql(
      `SELECT entity, action, actor FROM loom_sys.audit_log WHERE entity = 'unit' ORDER BY id`,
    );
    expect(audit).toEqual(
      Array(3).fill({ entity: "unit", action: "create", actor: "package:depot@1.0.0" }),
    );
    const tracked = await sql(
      `SELECT entity, key, package FROM loom_sys.reference_rows WHERE entity = 'unit' ORDER BY key`,
    );
    expect(tracked).toEqual(
      ["KG", "M", "PCS"].map((code) => ({
        entity: "unit",
        key: JSON.stringify({ code }),
        package: "depot",
      })),
    );
  });

  it("installs the sample's units and item categories", async () => {
    const { packages } = await loadPackages(SAMPLE_PACKAGES);

    const changes = await importing(packages);

    expect(changes.map((c) => [c.entity, c.create])).toEqual([
      ["item_category", 6],
      ["unit", 6],
    ]);
    const categories = await byCode("item_category");
    expect(categories["RAW-STEEL"]?.parent_id).toBe(categories.RAW?.id);
    expect((await byCode("unit")).KG).toMatchObject({ name: "Kilogram", decimals: 3 });
    expect((await importing(packages)).every((c) => c.unchanged === 6)).toBe(true);
  });

  it("changes nothing when the same data is imported again", async () => {
    await importing([depot()]);
    const before = await snapshot();

    const previewed = await preview([depot()]);
    const applied = await importing([depot()]);

    expect(previewed.every((c) => c.unchanged === c.rows.length && c.rows.length > 0)).toBe(true);
    expect(applied).toEqual(previewed);
    expect(await snapshot()).toEqual(before);
  });

  it("compares values as PostgreSQL stores them: another way to write one is no change", async () => {
    await importing([depot()]);
    const before = await snapshot();
    const rewritten = depot("1.0.1", ({ data }) => {
      Object.assign(data.approval_limit!.rows[0]!, {
        amount: 5000.5,
        reviewed_at: "2025-01-02T11:04:05+08:00",
        terms: { net: 30.0 },
      });
      // rounded to the column's scale (4) it is the stored 7.1
      data.currency!.rows[1]!.rate = 7.10004;
      data.unit!.rows.reverse();
    });

    const { model } = await prepareChange(db, [rewritten]);
    const applied = await db.transaction((tx) =>
      applyReferenceData(tx, { model, packages: [rewritten] }),
    );

    expect(applied.flatMap((c) => c.rows.map((r) => r.action))).toEqual(Array(9).fill("unchanged"));
    expect(await snapshot()).toEqual(before);
  });

  it("keeps a local edit under create-only, overwrites one under always, and says so first", async () => {
    await importing([depot()]);
    await sql(`UPDATE app.unit SET name = 'Pieces' WHERE code = 'PCS'`);
    await sql(`UPDATE app.item_category SET name = 'Iron and steel' WHERE code = 'STEEL'`);
    await sql(`UPDATE app.approval_limit SET amount = 7000 WHERE code = 'L1'`);

    const previewed = await preview([depot()]);
    const applied = await importing([depot()]);

    expect(actions(previewed, "unit")).toEqual({
      PCS: ["keep-local", ["name"]],
      KG: "unchanged",
      M: "unchanged",
    });
    expect(actions(previewed, "item_category")).toMatchObject({
      STEEL: ["overwrite-local", ["name"]],
    });
    expect(actions(previewed, "approval_limit")).toEqual({
      L1: ["overwrite-local", ["amount"]],
    });
    expect(previewed.find((c) => c.entity === "item_category")).toMatchObject({
      overwriteLocal: 1,
      unchanged: 2,
    });
    expect(applied).toEqual(previewed);
    expect((await byCode("unit")).PCS?.name).toBe("Pieces");
    expect((await byCode("item_category")).STEEL).toMatchObject({ name: "Steel", version: 2 });
    // computed again from the package's value, like any update through the API
    expect((await byCode("approval_limit")).L1).toMatchObject({
      amount: 5000.5,
      label: "L1/5000.5",
    });
    const audit = await sql(
      `SELECT action, actor, changes->'fields' AS fields FROM loom_sys.audit_log
       WHERE entity = 'item_category' AND action = 'update'`,
    );
    expect(audit).toEqual([
      {
        action: "update",
        actor: "package:depot@1.0.0",
        fields: { name: { before: "Iron and steel", after: "Steel" } },
      },
    ]);
    // overwritten rows hold the package's values again: the next import finds nothing to do
    expect((await preview([depot()])).flatMap((c) => c.rows.map((r) => r.action))).not.toContain(
      "overwrite-local",
    );
  });

  it("updates rows nobody changed when the package's values change, under always only", async () => {
    await importing([depot()]);
    const next = depot("1.1.0", ({ data }) => {
      data.item_category!.rows[2]!.name = "Raw material";
      data.unit!.rows[1]!.name = "Kilogramme";
      data.approval_limit!.rows[0]!.reviewed_at = "2025-06-01T00:00:00.000+08:00";
    });

    const previewed = await preview([next]);
    await importing([next]);

    expect(actions(previewed, "item_category")).toMatchObject({ RAW: ["update", ["name"]] });
    expect(actions(previewed, "unit")).toMatchObject({ KG: ["keep-local", ["name"]] });
    expect(actions(previewed, "approval_limit")).toEqual({ L1: ["update", ["reviewed_at"]] });
    expect((await byCode("item_category")).RAW?.name).toBe("Raw material");
    expect((await byCode("unit")).KG?.name).toBe("Kilogram");
    const [{ reviewed }] = (await sql(
      `SELECT reviewed_at = '2025-05-31T16:00:00Z'::timestamptz AS reviewed FROM app.approval_limit`,
    )) as [{ reviewed: boolean }];
    expect(reviewed).toBe(true);
  });

  it("writes a row of a never file once: not updated, not recreated once deleted, new rows created", async () => {
    await importing([depot()]);
    await sql(`UPDATE app.currency SET rate = 7.25 WHERE code = 'USD'`);
    await sql(`DELETE FROM app.currency WHERE code = 'USD'`);
    await sql(`DELETE FROM app.unit WHERE code = 'M'`);
    const next = depot("1.1.0", ({ data }) => {
      data.currency!.rows[0]!.name = "Yuan";
      data.currency!.rows.push({ code: "EUR", name: "Euro", rate: 7.8 });
    });
    const before = await byCode("currency");

    const previewed = await preview([next]);
    await importing([next]);

    expect(actions(previewed, "currency")).toEqual({
      CNY: ["keep-local", ["name"]],
      USD: "keep-local",
      EUR: "create",
    });
    // create-only creates a missing row again, whoever deleted it
    expect(actions(previewed, "unit")).toMatchObject({ M: "create" });
    const after = await byCode("currency");
    expect(Object.keys(after).sort()).toEqual(["CNY", "EUR"]);
    expect(after.CNY).toEqual(before.CNY);
    expect(Object.keys(await byCode("unit")).sort()).toEqual(["KG", "M", "PCS"]);
  });

  it("leaves rows the package no longer has in place, and stops tracking them", async () => {
    await importing([depot()]);
    await sql(
      `INSERT INTO app.item (code, unit) SELECT 'BOLT', id FROM app.unit WHERE code = 'KG'`,
    );
    const next = depot("1.1.0", ({ data }) => {
      data.unit!.rows.splice(1, 1);
      delete data.currency;
      delete data.approval_limit;
    });

    const previewed = await preview([next]);
    const applied = await importing([next]);

    expect(previewed.find((c) => c.entity === "unit")).toMatchObject({
      file: "data/unit.json",
      removedFromPackage: 1,
      rows: expect.arrayContaining([{ key: '{"code":"KG"}', action: "left-in-place" }]),
    });
    expect(previewed.at(-2)).toMatchObject({ file: null, entity: "approval_limit" });
    expect(previewed.at(-1)).toEqual({
      package: "depot",
      file: null,
      entity: "currency",
      policy: null,
      create: 0,
      update: 0,
      unchanged: 0,
      keptLocal: 0,
      overwriteLocal: 0,
      removedFromPackage: 2,
      rows: [
        { key: '{"code":"CNY"}', action: "left-in-place" },
        { key: '{"code":"USD"}', action: "left-in-place" },
      ],
    });
    expect(applied).toEqual(previewed);
    expect(Object.keys(await byCode("unit")).sort()).toEqual(["KG", "M", "PCS"]);
    expect(Object.keys(await byCode("currency")).sort()).toEqual(["CNY", "USD"]);
    const tracked = await sql(`SELECT entity, key FROM loom_sys.reference_rows ORDER BY 1, 2`);
    expect(tracked.map((r) => `${r.entity} ${r.key}`)).not.toContain('unit {"code":"KG"}');
    expect(tracked.filter((r) => r.entity === "currency")).toEqual([]);
    expect((await preview([next])).flatMap((c) => c.rows.map((r) => r.action))).not.toContain(
      "left-in-place",
    );
  });

  it("writes data on a table and a column the same import creates", async () => {
    await importing([depot()]);
    const next = depot("1.1.0", ({ entities, data }) => {
      entities.incoterm = {
        kind: "entity",
        name: "incoterm",
        labels: { en: "Incoterm" },
        fields: [
          { name: "code", type: "text", labels: { en: "Code" }, unique: true },
          { name: "unit", type: "link", labels: { en: "Unit" }, target: "unit" },
        ],
      };
      data.incoterm = {
        entity: "incoterm",
        key: ["code"],
        policy: "always",
        rows: [
          { code: "FOB", unit: "KG" },
          { code: "EXW", unit: null },
        ],
      };
      entities.item_category!.fields.push({ name: "short", type: "text", labels: { en: "Short" } });
      for (const row of data.item_category!.rows) row.short = String(row.code).slice(0, 2);
    });

    const previewed = await preview([next]);
    await importing([next]);

    expect(actions(previewed, "incoterm")).toEqual({ FOB: "create", EXW: "create" });
    expect(actions(previewed, "item_category")).toEqual({
      RAW: ["update", ["short"]],
      STEEL: ["update", ["short"]],
      SHEET: ["update", ["short"]],
    });
    expect((await byCode("incoterm")).FOB?.unit).toBe((await byCode("unit")).KG?.id);
    expect((await byCode("item_category")).SHEET?.short).toBe("SH");
  });

  it("refuses a bad data file with its file and pointer before anything changes", async () => {
    await importing([depot()]);
    const before = await snapshot();
    const duplicate = depot("1.1.0", ({ data }) => {
      data.unit!.rows.push({ code: "KG", name: "Kilo" });
      data.currency!.rows[0]!.rate = "one";
    });

    const refused = importing([duplicate]);

    await expect(refused).rejects.toMatchObject({
      code: "invalid-metadata",
      issues: expect.arrayContaining([
        expect.objectContaining({
          code: "duplicate-data-row",
          file: "data/unit.json",
          path: "/rows/3",
        }),
        expect.objectContaining({
          code: "data-value",
          file: "data/currency.json",
          path: "/rows/0/rate",
        }),
      ]),
    });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a row the data API refuses, naming the row, and rolls the import back", async () => {
    await importing([depot()]);
    const before = await snapshot();
    const next = depot("1.1.0", ({ entities, data }) => {
      entities.unit!.fields.push({ name: "symbol", type: "text", labels: { en: "Symbol" } });
      data.approval_limit!.rows.push({ code: "L2", currency: "USD", amount: 0 });
    });

    await expect(importing([next])).rejects.toMatchObject({
      code: "reference-data-refused",
      issues: [
        expect.objectContaining({
          code: "rule-failed",
          package: "depot",
          file: "data/approval_limit.json",
          path: "/rows/1",
          message: "The amount must be above zero",
        }),
      ],
    });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a link to a row the environment deleted, at the link", async () => {
    await importing([depot()]);
    await sql(`DELETE FROM app.currency WHERE code = 'USD'`);
    const next = depot("1.1.0", ({ data }) => {
      data.approval_limit!.rows.push({ code: "L2", currency: "USD", amount: 10 });
    });

    await expect(importing([next])).rejects.toMatchObject({
      code: "reference-link-missing",
      issues: [
        expect.objectContaining({ file: "data/approval_limit.json", path: "/rows/1/currency" }),
      ],
    });
  });

  it("leaves the tables exactly as before when the import's transaction fails after the data", async () => {
    await importing([depot()]);
    await sql(`UPDATE app.item_category SET name = 'Local' WHERE code = 'RAW'`);
    const next = depot("1.1.0", ({ data }) => {
      data.unit!.rows.push({ code: "BOX", name: "Box" });
      data.unit!.rows.splice(0, 1);
    });
    const { model } = await prepareChange(db, [next]);
    const before = await snapshot();

    const failed = db.transaction(async (tx) => {
      const changes = await applyReferenceData(tx, { model, packages: [next] });
      expect(changes.flatMap((c) => c.rows).length).toBeGreaterThan(0);
      throw new Error("a later step of the import failed");
    });

    await expect(failed).rejects.toThrow("a later step of the import failed");
    expect(await snapshot()).toEqual(before);
  });

  it("previews the same changes in the same order every time", async () => {
    await importing([depot()]);
    await sql(`UPDATE app.unit SET name = 'Pieces' WHERE code = 'PCS'`);
    const next = depot("1.1.0", ({ data }) => {
      data.unit!.rows.reverse();
    });

    const first = await preview([next]);
    const second = await preview([next]);

    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first.find((c) => c.entity === "unit")?.rows.map((r) => r.key)).toEqual([
      '{"code":"M"}',
      '{"code":"KG"}',
      '{"code":"PCS"}',
    ]);
  });
});
