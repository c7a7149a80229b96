import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRecord } from "../src/api/read-records.ts";
import { createRecord } from "../src/api/write/write-record.ts";
import type { ActingUser } from "../src/data-transfer/acting-user.ts";
import { rejectedFile } from "../src/data-transfer/rejected-file.ts";
import type { Database } from "../src/db/database.ts";
import {
  actingAs,
  type ImportRun,
  importContent,
  importState,
  installForImport,
  tableRows,
} from "./data-import-app.ts";
import { testDatabases } from "./support/databases.ts";

const csv = (...lines: string[]) => `${lines.join("\n")}\n`;

/** The import ran to its end: its result. */
function ran(run: ImportRun) {
  if ("status" in run) throw new Error(`the file was refused: ${JSON.stringify(run)}`);
  return run;
}

describe.each(testDatabases())("importing records from a sheet on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  let admin: ActingUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await open();
    await installForImport(db);
    admin = await actingAs(db, "it", ["admin"]);
    for (const key of ["north", "east1", "east2", "pcs", "bolt", "wh1", "wh2"])
      ids[key] = randomUUID();
    await db.transaction(async (tx) => {
      await tx.raw(
        `INSERT INTO app.sales_region (id, code, name) VALUES (?, 'NORTH', 'North China'), (?, 'E1', 'East'), (?, 'E2', 'East')`,
        [ids.north!, ids.east1!, ids.east2!],
      );
      await tx.raw(
        `INSERT INTO app.unit (id, code, name, decimals) VALUES (?, 'T-PCS', 'Test Pieces', 0)`,
        [ids.pcs!],
      );
      await tx.raw(
        `INSERT INTO app.item (id, code, name, item_type, unit) VALUES (?, 'I-001', 'Hex Bolt M8', 'raw_material', ?)`,
        [ids.bolt!, ids.pcs!],
      );
      await tx.raw(
        `INSERT INTO app.warehouse (id, code, name, warehouse_type) VALUES (?, 'T-WH1', 'Main', 'raw_material'), (?, 'T-WH2', 'Annex', 'raw_material')`,
        [ids.wh1!, ids.wh2!],
      );
    });
  });
  afterAll(() => db?.dispose());

  const customer = (code: string) =>
    db.run(async (k) => (await k.raw(`SELECT * FROM app.customer WHERE code = ?`, [code])).rows[0]);

  it("maps columns by Chinese labels and reads numbers, options, yes/no and links by code, name or id", async () => {
    const run = ran(
      await importContent(
        db,
        admin,
        "customer",
        csv(
          "客户编码,客户名称,客户类型,客户标签,信用额度,账期（天）,启用,电子邮箱,销售区域",
          'ZH-1,华东机械,企业,"重点客户; 新客户","1,234.50",45,是,a@example.cn,NORTH',
          `ZH-2,Li Wei,individual,"Key Account, OEM",12%,60,否,,North China`,
          `ZH-3,Acme,Company,,1 000 000,,1,,${ids.north}`,
        ),
      ),
    );
    expect(run.refused).toEqual({});
    expect(run).toMatchObject({ rows: 3, imported: 3, rejected: 0 });
    expect(await customer("ZH-1")).toMatchObject({
      name: "华东机械",
      customer_type: "company",
      tags: ["key_account", "new"],
      credit_limit: "1234.50",
      payment_terms_days: "45",
      is_active: true,
      email: "a@example.cn",
      region: ids.north,
      created_by: "it",
    });
    expect(await customer("ZH-2")).toMatchObject({
      customer_type: "individual",
      tags: ["key_account", "oem"],
      credit_limit: "0.12",
      payment_terms_days: "60",
      is_active: false,
      region: ids.north,
    });
    // blank cells take the field's default, as a property left out of a POST does
    expect(await customer("ZH-3")).toMatchObject({
      credit_limit: "1000000.00",
      payment_terms_days: "30",
      is_active: true,
      region: ids.north,
    });
  });

  it("stores what POST /api/data/customer stores for the same values, and audits each record", async () => {
    const body = {
      code: "API-1",
      name: "Same",
      customer_type: "individual",
      tags: ["oem"],
      credit_limit: 99.5,
    };
    const created = await createRecord(db, admin.plans, admin.plans.get("customer")!, body, {
      actor: "it",
      language: "en",
    });
    ran(
      await importContent(
        db,
        admin,
        "customer",
        csv("code,name,customer_type,tags,credit_limit", "IMP-1,Same,individual,oem,99.5"),
      ),
    );
    const imported = await db.run(async (k) => {
      const { id } = (await k.raw(`SELECT id FROM app.customer WHERE code = 'IMP-1'`)).rows[0];
      return readRecord(k, admin.plans.get("customer")!.read, id);
    });
    const fields = (record: Record<string, unknown>) => {
      const { id: _, code: __, created_at: ___, updated_at: ____, ...rest } = record;
      return rest;
    };
    expect(fields(imported!)).toEqual(fields(created));
    const audit = await db.run(
      async (k) =>
        (
          await k.raw(`SELECT action, actor, changes FROM loom_sys.audit_log WHERE record_id = ?`, [
            imported!.id as string,
          ])
        ).rows,
    );
    expect(audit).toEqual([
      { action: "create", actor: "it", changes: { version: 1, fields: {}, import: { row: 2 } } },
    ]);
  });

  it("refuses a link it cannot find or that names several records, saying which", async () => {
    const run = ran(
      await importContent(
        db,
        admin,
        "customer",
        csv("code,name,region", "L-1,A,East", "L-2,B,NOWHERE", `L-3,C,${randomUUID()}`, "L-4,D,E2"),
      ),
    );
    expect(run.refused).toEqual({
      2: [
        '/region 2 sales_region records have Region Name (name) "East": give Region Code (code) or the id instead',
      ],
      3: ['/region no sales_region has Region Code (code) or Region Name (name) "NOWHERE"'],
      4: [expect.stringMatching(/^\/region there is no sales_region [0-9a-f-]{36}$/)],
    });
    expect(run).toMatchObject({ rows: 4, imported: 0, rejected: 3 });
  });

  it("numbers stock moves without gaps, reads datetimes with offsets, and refuses rows that break a rule", async () => {
    const run = ran(
      await importContent(
        db,
        admin,
        "stock_move",
        csv(
          "Move Type,Item,Quantity,From Warehouse,To Warehouse,Posting Time",
          "Receipt,I-001,10,,T-WH1,2026-11-26T09:30:00+08:00",
          "transfer,Hex Bolt M8,2,T-WH1,T-WH1,2026-11-26 10:00+0800",
          "issue,I-001,0,T-WH1,,2026-11-26T02:00:00Z",
          "",
          "调拨,I-001,1.5,T-WH1,T-WH2,2026/11/26 12:00:00+08:00",
          "receipt,I-001,3,,T-WH2,2026-11-26 12:00",
        ),
        { mode: "skip-bad-rows", batchSize: 2 },
      ),
    );
    expect(run).toMatchObject({ rows: 5, imported: 2, rejected: 3 });
    expect(run.refused).toEqual({
      3: [" A transfer needs two different warehouses."],
      4: [" Quantity must be greater than zero."],
      7: [
        '/posting_time "2026-11-26 12:00" has no time zone: add the offset, e.g. 2026-11-26 12:00+08:00, or Z for UTC',
      ],
    });
    const added = await db.run(
      async (k) =>
        (
          await k.raw(
            `SELECT move_no, move_type, qty::float8 AS qty,
               to_char(posting_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') AS at FROM app.stock_move
             WHERE move_no IS NOT NULL ORDER BY move_no`,
          )
        ).rows,
    );
    const prefix = (added[0].move_no as string).slice(0, -4);
    expect(
      added.map((m: Record<string, unknown>) => [m.move_no, m.move_type, Number(m.qty), m.at]),
    ).toEqual([
      [`${prefix}0001`, "receipt", 10, "2026-11-26T01:30Z"],
      [`${prefix}0002`, "transfer", 1.5, "2026-11-26T04:00Z"],
    ]);
  });

  it("reads dates in common formats and keeps claims in the importer's row scope", async () => {
    const wang = await actingAs(db, "wang", ["claim_importer"]);
    const run = ran(
      await importContent(
        db,
        wang,
        "expense_claim",
        csv(
          "Claimant,Claim Date,Expense Category,Amount (CNY),Description",
          "wang,2026/11/26,Travel,120,taxi",
          "wang,26.11.2026,差旅费,80.5,train",
          "li,2026-11-26,meals,10,lunch",
          "wang,11/26/2026,meals,10,lunch",
        ),
        { mode: "skip-bad-rows" },
      ),
    );
    expect(run).toMatchObject({ rows: 4, imported: 2, rejected: 2 });
    expect(run.refused).toEqual({
      4: [
        " the expense_claim would be outside the records your roles may create (permission expense_claim.create)",
      ],
      5: [expect.stringMatching(/^\/claim_date "11\/26\/2026" could be month\/day or day\/month/)],
    });
    const claims = await db.run(
      async (k) =>
        (
          await k.raw(
            `SELECT claimant, to_char(claim_date, 'YYYY-MM-DD') AS day, claim_no FROM app.expense_claim ORDER BY claim_no`,
          )
        ).rows,
    );
    expect(claims.map((c: Record<string, unknown>) => [c.claimant, c.day])).toEqual([
      ["wang", "2026-11-26"],
      ["wang", "2026-11-26"],
    ]);
    expect(claims.map((c: Record<string, unknown>) => c.claim_no)).toEqual(
      ["EC-2026-00001", "EC-2026-00002"].map((n) =>
        n.replace("2026", String(new Date().getUTCFullYear())),
      ),
    );
  });

  it("refuses, before any row is read, headers that name no field, a hidden field or what the server sets", async () => {
    const importer = await actingAs(db, "zhao", ["customer_importer"]);
    const refused = await importContent(
      db,
      importer,
      "customer",
      csv("code,name,credit_limit,colour", "X-1,A,5,red"),
    );
    expect(refused).toMatchObject({
      status: 400,
      code: "unknown-column",
      details: [
        { path: "/columns/2", message: 'column 3 "credit_limit" is no field of customer' },
        { path: "/columns/3", message: 'column 4 "colour" is no field of customer' },
      ],
    });
    // the accepted headers name no hidden field either
    expect((refused as { message: string }).message).toContain("code / Customer Code / 客户编码");
    expect((refused as { message: string }).message).not.toContain("credit_limit");
    expect(
      await importContent(db, importer, "customer", csv("code,name,remark", "X-1,A,hi")),
    ).toMatchObject({
      status: 403,
      code: "field-forbidden",
      details: [{ path: "/remark", message: "your roles may not set remark" }],
    });
    expect(
      await importContent(db, importer, "customer", csv("code,customer_type", "X-1,company")),
    ).toMatchObject({
      status: 400,
      code: "missing-column",
      message: "every customer needs Customer Name (name): add that column",
    });
    expect(
      await importContent(
        db,
        admin,
        "expense_claim",
        csv("claim_no,claimant,claim_date,category,amount,description", ""),
      ),
    ).toMatchObject({ status: 400, code: "read-only-column", details: [{ path: "/columns/0" }] });
    expect(await importContent(db, admin, "sales_order", csv("customer", "C-1"))).toMatchObject({
      status: 400,
      code: "lines-required",
    });
    expect(await importContent(db, admin, "sales_order_line", csv("qty", "1"))).toMatchObject({
      status: 404,
      code: "unknown-entity",
    });
    expect(await importContent(db, admin, "customer", "")).toMatchObject({
      status: 400,
      code: "empty-file",
    });
    expect(await tableRows(db, "customer")).not.toContainEqual(
      expect.objectContaining({ code: "X-1" }),
    );
  });

  it("refuses a user without both the import and the create permission", async () => {
    const file = csv("code,name", "P-1,A");
    expect(
      await importContent(db, await actingAs(db, "c1", ["customer_creator"]), "customer", file),
    ).toMatchObject({
      status: 403,
      code: "forbidden",
      message: "your roles do not allow import on customer (permission customer.import)",
    });
    expect(
      await importContent(db, await actingAs(db, "c2", ["import_only"]), "customer", file),
    ).toMatchObject({
      status: 403,
      code: "forbidden",
      message: "your roles do not allow create on customer (permission customer.create)",
    });
    expect(
      await importContent(db, await actingAs(db, "c3", ["sales_rep"]), "customer", file),
    ).toMatchObject({
      status: 403,
      code: "forbidden",
    });
  });

  const DUPLICATES = csv(
    "code,name",
    "D-1,first",
    "D-2,second",
    "D-3,third",
    "D-1,again in another batch",
    "D-4,fourth",
    "D-5,fifth",
    "D-5,again in the same batch",
    "d 6,not a code",
  );
  const DUPLICATES_REFUSED = {
    5: ["/code already used by another record"],
    8: ["/code already used by another record"],
    9: ['/code must match pattern "^[A-Z0-9][A-Z0-9-]*$"'],
  };

  it("all or nothing: reports every bad row, duplicates across batches too, and leaves the table exactly as it was", async () => {
    const before = await importState(db, "customer");
    const run = ran(await importContent(db, admin, "customer", DUPLICATES, { batchSize: 3 }));
    expect(run).toMatchObject({ rows: 8, imported: 0, rejected: 3, refused: DUPLICATES_REFUSED });
    expect(await importState(db, "customer")).toEqual(before);
  });

  it("a file that breaks after batches were stored leaves the table exactly as it was", async () => {
    // batches of two: rows 2-5 are stored (or being stored) when the unclosed quote of row 7 is read
    const before = await importState(db, "customer");
    const run = await importContent(
      db,
      admin,
      "customer",
      csv("code,name", "M-1,one", "M-2,two", "M-3,three", "M-4,four", "M-5,five", 'M-6,"six'),
      { batchSize: 2, mode: "skip-bad-rows" },
    );
    expect(run).toMatchObject({ status: 400, code: "bad-file" });
    expect(await importState(db, "customer")).toEqual(before);
  });

  it("a dry run reports the same and writes nothing, whatever the mode", async () => {
    const before = await importState(db, "customer");
    for (const mode of ["all-or-nothing", "skip-bad-rows"] as const) {
      const run = ran(
        await importContent(db, admin, "customer", DUPLICATES, {
          batchSize: 3,
          mode,
          dryRun: true,
        }),
      );
      expect(run).toMatchObject({
        dryRun: true,
        mode,
        rows: 8,
        imported: 0,
        rejected: 3,
        refused: DUPLICATES_REFUSED,
      });
    }
    expect(await importState(db, "customer")).toEqual(before);
  });

  it("skip-bad-rows: writes the good rows and the refused ones to the rejected file, which imports once fixed", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "loom-rejected-"));
    try {
      const file = path.join(dir, "customers.rejected.csv");
      const rejected = rejectedFile(file, "csv");
      const run = ran(
        await importContent(db, admin, "customer", DUPLICATES, {
          batchSize: 3,
          mode: "skip-bad-rows",
          onRejected: (row, cells, header) => rejected.add(row, cells, header),
        }),
      );
      expect(await rejected.close()).toBe(3);
      expect(run).toMatchObject({ rows: 8, imported: 5, rejected: 3 });
      const names = await db.run(
        async (k) =>
          (await k.raw(`SELECT code, name FROM app.customer WHERE code LIKE 'D-%' ORDER BY code`))
            .rows,
      );
      expect(names).toEqual([
        { code: "D-1", name: "first" },
        { code: "D-2", name: "second" },
        { code: "D-3", name: "third" },
        { code: "D-4", name: "fourth" },
        { code: "D-5", name: "fifth" },
      ]);
      const text = await readFile(file, "utf8");
      expect(text).toBe(
        "\uFEFFcode,name,errors\n" +
          "D-1,again in another batch,code: already used by another record\n" +
          "D-5,again in the same batch,code: already used by another record\n" +
          'd 6,not a code,"code: must match pattern ""^[A-Z0-9][A-Z0-9-]*$"""\n',
      );
      // fixed in the file, it imports as it is: the errors column is ignored
      const fixed = text
        .replace("D-1,again", "D-7,again")
        .replace("D-5,again", "D-8,again")
        .replace("d 6", "D-9");
      expect(ran(await importContent(db, admin, "customer", fixed))).toMatchObject({
        imported: 3,
        rejected: 0,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("finds a link to a row of an earlier batch of the same file, not to one stored after it", async () => {
    // batches of two: rows 2-3, then 4-5; each batch is looked up once the one before is stored
    const run = ran(
      await importContent(
        db,
        admin,
        "import_part",
        csv("code,successor", "P-1,", "P-2,P-4", "P-3,P-1", "P-4,P-3"),
        { batchSize: 2, mode: "skip-bad-rows" },
      ),
    );
    expect(run.refused).toEqual({
      3: ['/successor no import_part has Code (code) "P-4"'],
      5: ['/successor no import_part has Code (code) "P-3"'],
    });
    expect(run).toMatchObject({ rows: 4, imported: 2, rejected: 2 });
    const parts = await db.run(
      async (k) =>
        (
          await k.raw(
            `SELECT p.code, s.code AS successor FROM app.import_part p
             LEFT JOIN app.import_part s ON s.id = p.successor ORDER BY p.code`,
          )
        ).rows,
    );
    expect(parts).toEqual([
      { code: "P-1", successor: null },
      { code: "P-3", successor: "P-1" },
    ]);
  });

  it("refuses a value under a column without header, and numbers rows as a spreadsheet does", async () => {
    const run = ran(
      await importContent(
        db,
        admin,
        "customer",
        csv("code,name,", "N-1,a,", "", "N-2,b,stray", '"N-3","multi', 'line",'),
      ),
    );
    expect(run).toMatchObject({ rows: 3, imported: 0, rejected: 1 });
    expect(run.refused).toEqual({ 4: ["/columns/2 column 3 has a value but no header"] });
  });
});
