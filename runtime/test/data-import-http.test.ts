import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import type { Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readers } from "../src/access/reader.ts";
import { compileReadPlans } from "../src/api/read-plan.ts";
import { compileWritePlans } from "../src/api/write/write-plan.ts";
import { importBodyRoute, importRouter } from "../src/data-transfer/import-router.ts";
import { XLSX_TYPE } from "../src/data-transfer/sheet-rows.ts";
import type { Database } from "../src/db/database.ts";
import { createHttpApp } from "../src/server/http-app.ts";
import { buildLiveApp, LiveAppHolder } from "../src/server/live-app.ts";
import { currentRevision } from "../src/store/revisions.ts";
import { actingAs, importContent, installForImport, tableRows } from "./data-import-app.ts";
import { type Api, authed, rawGet, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";
import { silentLogger } from "./support/sample-app.ts";

/** The server's app with the import reached before the JSON parser, as `loom start` mounts it. */
async function importApp(db: Database, bodyLimit?: number): Promise<Express> {
  const revision = (await db.run((k) => currentRevision(k)))!;
  const holder = new LiveAppHolder(buildLiveApp(revision, db));
  if (bodyLimit === undefined)
    return createHttpApp(holder, db, silentLogger, {
      routes: [importBodyRoute(() => holder.current)],
    });
  const readPlans = compileReadPlans(revision.model);
  const plans = compileWritePlans(revision.model, readPlans);
  return createHttpApp(holder, db, silentLogger, {
    routes: [importRouter(plans, db, readers(revision.model, readPlans), bodyLimit)],
  });
}

async function sheetOf(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

async function xlsxOf(
  sheets: Record<string, unknown[][]>,
  formats: Record<number, string> = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const values of rows) {
      const row = sheet.addRow(values);
      for (const [column, numFmt] of Object.entries(formats))
        row.getCell(Number(column)).numFmt = numFmt;
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const CSV = "text/csv; charset=utf-8";

describe.each(testDatabases())("importing and exporting files over HTTP on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  let app: Express;
  const as: Record<string, Api> = {};

  beforeAll(async () => {
    db = await open();
    await installForImport(db);
    app = await importApp(db);
    for (const [username, roles] of [
      ["it", ["admin"]],
      ["rep1", ["sales_rep"]],
      ["creator", ["customer_creator"]],
    ] as const)
      as[username] = authed(app, (await signIn(db, { username, roles: [...roles] })).token);
  });
  afterAll(() => db?.dispose());

  const post = (who: string, query: string, type: string, body: string | Buffer) =>
    as[who]!.post(`/api/data/customer/import${query}`).set("Content-Type", type).send(body);

  it("imports a CSV body and answers with what it did", async () => {
    const res = await post(
      "it",
      "",
      CSV,
      "code,name,customer_type\nH-1,Acme,企业\nH-2,Beta,individual\n",
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      dryRun: false,
      mode: "all-or-nothing",
      rows: 2,
      imported: 2,
      rejected: 0,
      errors: [],
      errorsTruncated: false,
    });
    const check = await as.it!.get("/api/data/customer?code=H-1");
    expect(check.body.data).toEqual([
      expect.objectContaining({ name: "Acme", customer_type: "company" }),
    ]);
  });

  it("lists the refused rows: a dry run and skip-bad-rows answer 200, all-or-nothing 422 and writes nothing", async () => {
    const file = "code,name\nH-3,ok\nH-1,taken\n,nameless\n";
    const errors = [
      { row: 3, errors: [{ path: "/code", message: "already used by another record" }] },
      { row: 4, errors: [{ path: "/code", message: "must have required property 'code'" }] },
    ];
    const dry = await post("it", "?dryRun=true", CSV, file);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 3, imported: 0, rejected: 2, errors });
    const refused = await post("it", "", CSV, file);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: "rows-refused",
      message:
        "2 of 3 rows were refused, so none was imported: fix them (see errors), or import with mode=skip-bad-rows",
      details: [],
      dryRun: false,
      mode: "all-or-nothing",
      rows: 3,
      imported: 0,
      rejected: 2,
      errors,
      errorsTruncated: false,
    });
    expect((await as.it!.get("/api/data/customer?code=H-3")).body.data).toEqual([]);
    const skipped = await post("it", "?mode=skip-bad-rows", CSV, file);
    expect(skipped.status).toBe(200);
    expect(skipped.body).toMatchObject({ mode: "skip-bad-rows", imported: 1, rejected: 2, errors });
    expect((await as.it!.get("/api/data/customer?code=H-3")).body.data).toHaveLength(1);
  });

  it("lists the first 1000 refused rows and counts them all", async () => {
    const rows = Array.from({ length: 1005 }, (_, i) => `bad code ${i},x`);
    const res = await post("it", "?dryRun=true", CSV, `code,name\n${rows.join("\n")}\n`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 1005, rejected: 1005, errorsTruncated: true });
    expect(res.body.errors).toHaveLength(1000);
    expect(res.body.errors.at(-1).row).toBe(1001);
  });

  it("imports an XLSX body: typed cells, real dates and percentages, the worksheet chosen by name", async () => {
    const body = await xlsxOf(
      {
        Notes: [["nothing here"]],
        客户: [
          ["客户编码", "客户名称", "信用额度", "账期（天）", "启用", "客户标签"],
          ["X-1", "华东机械", 1234.5, 45, true, "重点客户; 新客户"],
          [
            "X-2",
            { richText: [{ text: "Rich " }, { text: "Text" }] },
            { formula: "1+1", result: 2 },
            7,
            false,
            null,
          ],
        ],
      },
      {},
    );
    const res = await post("it", `?sheet=${encodeURIComponent("客户")}`, XLSX_TYPE, body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 2, imported: 2, rejected: 0 });
    const listed = await as.it!.get(
      "/api/data/customer?where=" +
        encodeURIComponent(JSON.stringify({ in: [{ var: "code" }, ["X-1", "X-2"]] })) +
        "&sort=code",
    );
    expect(
      listed.body.data.map((c: Record<string, unknown>) => [
        c.name,
        c.credit_limit,
        c.payment_terms_days,
        c.is_active,
        c.tags,
      ]),
    ).toEqual([
      ["华东机械", 1234.5, 45, true, ["key_account", "new"]],
      ["Rich Text", 2, 7, false, null],
    ]);
    const missing = await post("it", "?sheet=Sheet9", XLSX_TYPE, body);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      code: "unknown-sheet",
      message: 'the workbook has no worksheet "Sheet9"; it has: Notes, 客户',
    });
    const notXlsx = await post("it", "", XLSX_TYPE, Buffer.from("code,name\n"));
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.code).toBe("bad-file");
  });

  it("reads a date column from real dates, serial numbers and text", async () => {
    const body = await xlsxOf(
      {
        claims: [
          ["Claimant", "Claim Date", "Expense Category", "Amount (CNY)", "Description"],
          ["it", new Date(Date.UTC(2026, 10, 26)), "travel", 10, "a"],
          ["it", 46353, "travel", 10, "b"],
          ["it", "2026/11/28", "travel", 10, "c"],
        ],
      },
      { 2: "yyyy-mm-dd" },
    );
    const res = await as
      .it!.post("/api/data/expense_claim/import")
      .set("Content-Type", XLSX_TYPE)
      .send(body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 3, rejected: 0 });
    const claims = await as.it!.get(
      "/api/data/expense_claim?sort=description&fields=claim_date,description",
    );
    expect(claims.body.data.map((c: Record<string, unknown>) => c.claim_date)).toEqual([
      "2026-11-26",
      "2026-11-27",
      "2026-11-28",
    ]);
  });

  it("refuses, before reading the body, a caller without permission, a bad parameter or a body of another type", async () => {
    const forbidden = await post("creator", "", CSV, "code,name\nF-1,x\n");
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ code: "forbidden", permission: "customer.import" });
    for (const [query, code] of [
      ["?mode=some", "bad-parameter"],
      ["?dryRun=yes", "bad-parameter"],
      ["?limit=1", "unknown-parameter"],
      ["?sheet=Sheet1", "bad-parameter"],
    ] as const) {
      const res = await post("it", query, CSV, "code,name\nF-1,x\n");
      expect({ status: res.status, code: res.body.code }, query).toEqual({ status: 400, code });
    }
    const json = await post("it", "", "application/json", JSON.stringify([{ code: "F-1" }]));
    expect(json.status).toBe(415);
    expect(json.body.code).toBe("unsupported-media-type");
    const header = await post("it", "", CSV, "code,name,colour\nF-1,x,red\n");
    expect(header.status).toBe(400);
    expect(header.body).toMatchObject({
      code: "unknown-column",
      accepted: expect.arrayContaining(["code / Customer Code / 客户编码"]),
    });
    const unknown = await as
      .it!.post("/api/data/nothing/import")
      .set("Content-Type", CSV)
      .send("a\n1\n");
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("unknown-entity");
    expect((await as.it!.get("/api/data/customer/import")).status).toBe(404);
    expect((await as.it!.get("/api/data/customer/import")).body.code).toBe("not-found");
    expect((await as.it!.get("/api/data/customer?code=F-1")).body.data).toEqual([]);
  });

  it("refuses a body over the size limit with 413, writing nothing", async () => {
    const small = await importApp(db, 64);
    const { token } = await signIn(db, { username: "it" });
    const api = authed(small, token);
    const over = await api
      .post("/api/data/customer/import")
      .set("Content-Type", CSV)
      .send(`code,name\n${Array.from({ length: 20 }, (_, i) => `L-${i},x`).join("\n")}\n`);
    expect(over.status).toBe(413);
    expect(over.body.code).toBe("body-too-large");
    const under = await api
      .post("/api/data/customer/import")
      .set("Content-Type", CSV)
      .send("code,name\nL-1,x\n");
    expect(under.status).toBe(200);
    expect((await as.it!.get("/api/data/customer?code=L-0")).body.data).toEqual([]);
  });

  it("exports as XLSX only the rows of the export scope, without hidden fields, typed", async () => {
    const customer = randomUUID();
    await db.transaction(async (tx) => {
      await tx.raw(
        `INSERT INTO app.customer (id, code, name) VALUES (?, 'EXP-C', 'Export Customer')`,
        [customer],
      );
      for (const [no, person, margin] of [
        ["SO-E-1", "rep1", 10],
        ["SO-E-2", "rep2", 20],
        ["SO-E-3", "rep1", 30],
      ] as const)
        await tx.raw(
          `INSERT INTO app.sales_order (id, order_no, customer, order_date, delivery_date, status, currency, exchange_rate, sales_person, margin)
           VALUES (?, ?, ?, '2026-11-26', '2026-12-01', 'draft', 'CNY', 1, ?, ?)`,
          [randomUUID(), no, customer, person, margin],
        );
    });
    const res = await rawGet(as.rep1!, "/api/data/sales_order/export.xlsx?sort=order_no");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe(XLSX_TYPE);
    expect(res.headers["content-disposition"]).toBe('attachment; filename="sales_order.xlsx"');
    const [header, ...rows] = await sheetOf(res.body as Buffer);
    expect(header).toContain("Order No.");
    expect(header).not.toContain("Estimated Margin");
    const at = (name: string) => header!.indexOf(name);
    expect(
      rows.map((row) => [row[at("Order No.")], row[at("Salesperson")], row[at("Order Date")]]),
    ).toEqual([
      ["SO-E-1", "rep1", new Date("2026-11-26T00:00:00Z")],
      ["SO-E-3", "rep1", new Date("2026-11-26T00:00:00Z")],
    ]);
    const names = await rawGet(
      as.rep1!,
      "/api/data/sales_order/export.xlsx?headers=names&fields=order_no,sales_person",
    );
    expect((await sheetOf(names.body as Buffer))[0]).toEqual(["order_no", "sales_person"]);
    const bad = await as.rep1!.get("/api/data/sales_order/export.xlsx?headers=both");
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("bad-parameter");
  });

  it("exports customers as XLSX that import into a fresh database as the same records", async () => {
    await post(
      "it",
      "",
      CSV,
      [
        "code,name,customer_type,tags,credit_limit,payment_terms_days,is_active,email,address,remark",
        'RT-1,华东机械,company,"key_account;new",1234.56,45,true,a@example.cn,"上海市\n浦东新区",',
        'RT-2,Li Wei,individual,,0,0,false,,,"say ""hi"""',
        "",
      ].join("\n"),
    );
    const where = encodeURIComponent(JSON.stringify({ in: [{ var: "code" }, ["RT-1", "RT-2"]] }));
    const exported = await rawGet(as.it!, `/api/data/customer/export.xlsx?where=${where}`, "zh-CN");
    expect(exported.status).toBe(200);
    const fresh = await open();
    try {
      await installForImport(fresh);
      const run = await importContent(
        fresh,
        await actingAs(fresh, "it", ["admin"]),
        "customer",
        exported.body as Buffer,
        {
          format: "xlsx",
        },
      );
      expect(run).toMatchObject({ rows: 2, imported: 2, rejected: 0 });
      const fields = (rows: unknown[]) =>
        (rows as Record<string, unknown>[])
          .filter((row) => String(row.code).startsWith("RT-"))
          .map(({ id: _, created_at: __, updated_at: ___, ...rest }) => rest)
          .sort((a, b) => String(a.code).localeCompare(String(b.code)));
      expect(fields(await tableRows(fresh, "customer"))).toEqual(
        fields(await tableRows(db, "customer")),
      );
    } finally {
      await fresh.dispose();
    }
  });
});
