import { randomUUID } from "node:crypto";
import type { Express } from "express";
import type { Response } from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { type Api, authed, rawGet, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";
import { currentApp, installSample } from "./support/sample-app.ts";

/** Orders by owner; remarks that need quoting in CSV: a comma, a quote, a line break, Chinese. */
const ORDERS = [
  { no: "SO-X-1", person: "rep1", department: "domestic", margin: 120.5, remark: "加急, 客户自提" },
  { no: "SO-X-2", person: "rep1", department: "export", margin: 80, remark: 'say "hi"\nthen go' },
  { no: "SO-X-3", person: "rep2", department: "domestic", margin: 310, remark: null },
] as const;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The raw body: supertest would decode the text and could drop the byte order mark. */
function bytes(res: Response): Buffer {
  return res.body as Buffer;
}

describe.each(testDatabases())("CSV export on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  let app: Express;
  const as: Record<string, Api> = {};

  beforeAll(async () => {
    db = await open();
    await installSample(db);
    app = await currentApp(db);
    const customer = randomUUID();
    await db.transaction(async (tx) => {
      await tx.raw(
        `INSERT INTO app.customer (id, code, name, customer_type, credit_limit, is_active) VALUES (?, 'C1', 'Acme', 'company', 5000, true)`,
        [customer],
      );
      for (const [i, order] of ORDERS.entries())
        await tx.raw(
          `INSERT INTO app.sales_order (id, order_no, customer, order_date, delivery_date, status, currency, exchange_rate, total,
             sales_person, department, margin, remark)
           VALUES (?, ?, ?, '2026-01-0${i + 1}', '2026-02-01', 'draft', 'CNY', 1, 100, ?, ?, ?, ?)`,
          [
            randomUUID(),
            order.no,
            customer,
            order.person,
            order.department,
            order.margin,
            order.remark,
          ],
        );
    });
    for (const [username, roles] of [
      ["rep1", ["sales_rep"]],
      ["cfo", ["cfo"]],
    ] as const)
      as[username] = authed(app, (await signIn(db, { username, roles: [...roles] })).token);
  });
  afterAll(() => db?.dispose());

  const FIELDS = "fields=order_no,department,remark,margin&sort=-order_no";

  it("writes the rows of the list as UTF-8 CSV with a BOM, quoted, headed by labels in `fields` order", async () => {
    const res = await rawGet(as.cfo!, `/api/data/sales_order/export.csv?${FIELDS}`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="sales_order.csv"');
    const body = bytes(res);
    expect(body.subarray(0, 3).equals(BOM)).toBe(true);
    expect(body.subarray(3).toString("utf8")).toBe(
      [
        // the sample customization relabels `remark`: headers come from the published model
        "Order No.,Sales Department,Internal Notes,Estimated Margin",
        "SO-X-3,Domestic Sales,,310",
        'SO-X-2,Export Sales,"say ""hi""\nthen go",80',
        'SO-X-1,Domestic Sales,"加急, 客户自提",120.5',
        "",
      ].join("\n"),
    );
  });

  it("heads the columns in Chinese, select values too, when the caller prefers it", async () => {
    const res = await rawGet(
      as.cfo!,
      "/api/data/sales_order/export.csv?fields=order_no,department&department=export",
      "zh-CN,zh;q=0.9,en;q=0.8",
    );
    expect(res.status).toBe(200);
    expect(bytes(res).subarray(3).toString("utf8")).toBe("订单编号,销售部门\nSO-X-2,出口销售\n");
  });

  it("exports only the rows of the export scope, without hidden fields", async () => {
    const all = await rawGet(as.rep1!, "/api/data/sales_order/export.csv");
    expect(all.status).toBe(200);
    const header = bytes(all).subarray(3).toString("utf8").split("\n")[0];
    expect(header).toContain("Order No.");
    expect(header).not.toContain("Margin");
    const res = await rawGet(
      as.rep1!,
      "/api/data/sales_order/export.csv?fields=order_no,sales_person&sort=order_no",
    );
    expect(bytes(res).subarray(3).toString("utf8")).toBe(
      "Order No.,Salesperson\nSO-X-1,rep1\nSO-X-2,rep1\n",
    );
    const margin = await as.rep1!.get("/api/data/sales_order/export.csv?fields=order_no,margin");
    expect(margin.status).toBe(400);
    expect(margin.body.code).toBe("bad-fields");
  });

  it("writes every keyset page, in the list's order", async () => {
    await db.run((k) =>
      k.raw(
        `INSERT INTO app.sales_order (id, order_no, customer, order_date, delivery_date, status, currency, exchange_rate, sales_person)
         SELECT gen_random_uuid(), 'SO-P-' || lpad(n::text, 4, '0'), customer, '2026-03-01', '2026-04-01', 'draft', 'CNY', 1, 'bulk'
         FROM generate_series(1, 1234) n, (SELECT customer FROM app.sales_order LIMIT 1) c`,
      ),
    );
    const res = await rawGet(
      as.cfo!,
      "/api/data/sales_order/export.csv?sales_person=bulk&fields=order_no&sort=-order_no",
    );
    const rows = bytes(res).subarray(3).toString("utf8").trimEnd().split("\n").slice(1);
    expect(rows).toHaveLength(1234);
    expect(rows[0]).toBe("SO-P-1234");
    expect(rows.at(-1)).toBe("SO-P-0001");
    expect(rows).toEqual([...rows].sort().reverse());
  });

  it("refuses a role without export with 403 naming the permission", async () => {
    const res = await as.rep1!.get("/api/data/customer/export.csv");
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: "forbidden", permission: "customer.export" });
  });

  it("refuses a bad where, sort or paging parameter with 400 like the list", async () => {
    const badWhere = encodeURIComponent(JSON.stringify({ "==": [{ var: "nope" }, 1] }));
    for (const [query, code] of [
      [`where=${badWhere}`, "bad-where"],
      ["where=not-json", "bad-where"],
      ["sort=nope", "bad-sort"],
      ["limit=10", "unknown-parameter"],
      ["fields=lines", "bad-fields"],
    ] as const) {
      const list = await as.cfo!.get(`/api/data/sales_order?${query}`);
      const res = await as.cfo!.get(`/api/data/sales_order/export.csv?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.code, query).toBe(code);
      if (!query.startsWith("limit") && !query.startsWith("fields"))
        expect(res.body.code).toBe(list.body.code);
    }
  });
});
