import type { ReportResult } from "@loom/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { generateSampleData } from "../src/sample-data/generate-sample-data.ts";
import { sampleOptions } from "../src/sample-data/sample-options.ts";
import { type Api, authed, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";
import { currentApp, installSample } from "./support/sample-app.ts";

/**
 * The sample's reports over generated data, each number checked against the same figure computed
 * here from the rows with plain SQL of its own (not the report compiler), for the administrator
 * and for callers whose row scope narrows what they count. Sales are summed from the order lines
 * here, while the reports read the orders' stored totals: the check covers both.
 */
const FROM = "2025-11-01";
const TO = "2026-10-31";
/** the period of the same length just before FROM…TO */
const PREVIOUS = { from: "2024-10-31", to: "2025-10-31" };
const PERIOD = `from=${FROM}&to=${TO}`;

/** who runs the reports, and which sales orders they may report on (SQL over sales_order "o") */
const CALLERS = {
  admin: { roles: ["admin"], attributes: {}, orders: "true" },
  rep1: {
    roles: ["sales_rep"],
    attributes: { department: "domestic" },
    orders: "o.sales_person = 'rep1'",
  },
  manager: {
    roles: ["sales_manager"],
    attributes: { department: "export" },
    orders: "o.department = 'export'",
  },
} as const;
type Caller = keyof typeof CALLERS;

type Row = Record<string, unknown>;

describe.each(testDatabases())("the sample's reports on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  const as = {} as Record<Caller, Api>;

  beforeAll(async () => {
    db = await open();
    await installSample(db);
    await generateSampleData(db, sampleOptions({ orders: 300, seed: 11 }));
    const app = await currentApp(db);
    for (const [username, caller] of Object.entries(CALLERS))
      as[username as Caller] = authed(
        app,
        (await signIn(db, { username, roles: caller.roles, attributes: caller.attributes })).token,
      );
  });
  afterAll(() => db?.dispose());

  const run = async (caller: Caller, path: string): Promise<ReportResult> => {
    const res = await as[caller].get(path);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as ReportResult;
  };
  const sql = async (text: string, bindings: unknown[] = []): Promise<Row[]> =>
    db.run(async (k) => (await k.raw(text, bindings as never[])).rows as Row[]);
  /** rows as [key, number…] with numbers rounded to cents, for exact comparison */
  const cents = (rows: readonly (readonly unknown[])[]) =>
    rows.map((row) =>
      row.map((v) =>
        typeof v === "number" || /^-?\d+(\.\d+)?$/.test(String(v))
          ? Math.round(Number(v) * 100) / 100
          : v,
      ),
    );

  /** approved sales order lines in [from, to] the caller may report on */
  const approvedLines = (caller: Caller, join = "") => `app.sales_order_line l
    JOIN app.sales_order o ON o.id = l.parent_id ${join}
    WHERE o.status = 'approved' AND o.order_date BETWEEN ?::date AND ?::date AND ${CALLERS[caller].orders}`;

  describe.each(["admin", "rep1", "manager"] as const)("for %s", (caller) => {
    it("sales_by_month sums the approved orders of each month", async () => {
      const result = await run(caller, `/api/reports/sales_by_month?${PERIOD}`);
      const expected = await sql(
        `SELECT to_char(date_trunc('month', o.order_date), 'YYYY-MM-DD') AS month, sum(l.amount) AS sales,
           count(DISTINCT o.id)::int AS orders
         FROM ${approvedLines(caller)} GROUP BY 1 ORDER BY 1`,
        [FROM, TO],
      );
      expect(expected.length).toBeGreaterThan(caller === "admin" ? 11 : 5);
      expect(cents(result.rows)).toEqual(cents(expected.map((r) => [r.month, r.sales, r.orders])));
      const [sum] = await sql(
        `SELECT sum(l.amount) AS sales, count(DISTINCT o.id)::int AS orders FROM ${approvedLines(caller)}`,
        [FROM, TO],
      );
      expect(result.totals.sales).toBeCloseTo(Number(sum!.sales), 2);
      expect(result.totals.orders).toBe(sum!.orders);
    });

    it("top_customers ranks the ten customers with the most approved sales", async () => {
      const result = await run(caller, `/api/reports/top_customers?${PERIOD}`);
      const expected = await sql(
        `SELECT o.customer AS id, c.name, sum(l.amount) AS sales
         FROM ${approvedLines(caller, "JOIN app.customer c ON c.id = o.customer")}
         GROUP BY o.customer, c.name ORDER BY sales DESC`,
        [FROM, TO],
      );
      expect(result.truncated).toBe(expected.length > 10);
      expect(cents(result.rows)).toEqual(cents(expected.slice(0, 10).map((r) => [r.id, r.sales])));
      for (const row of expected.slice(0, 10))
        expect(result.labels.customer?.[row.id as string]).toBe(row.name);
      // the total counts every customer, not only the ten shown
      const all = expected.reduce((sum, r) => sum + Number(r.sales), 0);
      expect(result.totals.sales).toBeCloseTo(all, 2);
    });

    it("sales_total_kpi gives the period's approved sales and the period before", async () => {
      const result = await run(caller, `/api/reports/sales_total_kpi?${PERIOD}`);
      const total = async (from: string, to: string) =>
        Number(
          (
            await sql(`SELECT COALESCE(sum(l.amount), 0) AS s FROM ${approvedLines(caller)}`, [
              from,
              to,
            ])
          )[0]!.s,
        );
      const now = await total(FROM, TO);
      const before = await total(PREVIOUS.from, PREVIOUS.to);
      expect(now).toBeGreaterThan(0);
      expect(result.rows[0]![0]).toBeCloseTo(now, 2);
      expect(result.totals.sales).toBeCloseTo(now, 2);
      expect(result.previous?.sales).toBeCloseTo(before, 2);
    });

    it("approval_cycle_time averages the hours of the tasks decided in the period", async () => {
      const result = await run(caller, `/api/reports/approval_cycle_time?${PERIOD}`);
      // the caller counts the tasks of the records they may read: sales orders here
      const expected = await sql(
        `SELECT 'sales_order_approval' AS workflow,
           avg(extract(epoch FROM t.acted_at - t.created_at) / 3600) AS avg_hours,
           max(extract(epoch FROM t.acted_at - t.created_at) / 3600) AS max_hours, count(*)::int AS tasks
         FROM loom_sys.workflow_tasks t JOIN app.sales_order o ON o.id = t.record_id
         WHERE t.status = 'done' AND t.acted_at >= ?::date AND t.acted_at < ?::date + 1
           AND ${CALLERS[caller].orders}`,
        [FROM, TO],
      );
      const [row] = expected;
      expect(row!.tasks).toBeGreaterThan(5);
      expect(result.rows).toHaveLength(1);
      const [workflow, avg, max, tasks] = result.rows[0]!;
      expect(workflow).toBe("sales_order_approval");
      expect(avg).toBeCloseTo(Number(row!.avg_hours), 6);
      expect(max).toBeCloseTo(Number(row!.max_hours), 6);
      expect(tasks).toBe(row!.tasks);
    });
  });

  it("labels the workflows and columns in the caller's language", async () => {
    const res = await as.admin
      .get(`/api/reports/approval_cycle_time?${PERIOD}`)
      .set("Accept-Language", "zh-CN");
    expect(res.status).toBe(200);
    const result = res.body as ReportResult;
    expect(result.labels.workflow?.sales_order_approval).toBe("销售订单审批");
    expect(result.columns.map((c) => c.labels["zh-CN"])).toEqual([
      "审批流程",
      "平均耗时（小时）",
      "最长耗时（小时）",
      "任务数",
    ]);
  });

  it("stock_by_warehouse sums the quantities moved into each warehouse per item category", async () => {
    const result = await run("admin", "/api/reports/stock_by_warehouse");
    const expected = await sql(
      `SELECT m.to_warehouse AS warehouse, i.category, sum(m.qty) AS qty
       FROM app.stock_move m JOIN app.item i ON i.id = m.item
       WHERE m.move_type IN ('receipt', 'transfer') GROUP BY 1, 2`,
    );
    const key = (row: readonly unknown[]) => `${row[0]}|${row[1]}`;
    const got = new Map(cents(result.rows).map((row) => [key(row), row[2]]));
    expect(got).toEqual(
      new Map(
        cents(expected.map((r) => [r.warehouse, r.category, r.qty])).map((row) => [
          key(row),
          row[2],
        ]),
      ),
    );
    expect(got.size).toBeGreaterThan(4);
    const names = await sql("SELECT id, name FROM app.warehouse");
    for (const { id, name } of names)
      if (got.has(`${id}|`) || [...got.keys()].some((k) => k.startsWith(`${id}|`)))
        expect(result.labels.warehouse?.[id as string]).toBe(name);
  });

  it("purchase_spend_by_supplier sums the approved purchase lines of the ten largest suppliers", async () => {
    const result = await run("admin", `/api/reports/purchase_spend_by_supplier?${PERIOD}`);
    const expected = await sql(
      `SELECT p.supplier AS id, sum(l.amount) AS spend
       FROM app.purchase_order_line l JOIN app.purchase_order p ON p.id = l.parent_id
       WHERE p.status = 'approved' AND p.order_date BETWEEN ?::date AND ?::date
       GROUP BY 1 ORDER BY spend DESC`,
      [FROM, TO],
    );
    expect(expected.length).toBeGreaterThan(3);
    expect(cents(result.rows)).toEqual(cents(expected.slice(0, 10).map((r) => [r.id, r.spend])));
    const all = expected.reduce((sum, r) => sum + Number(r.spend), 0);
    expect(result.totals.spend).toBeCloseTo(all, 2);
  });

  it("shows the sales roles only the reports and tiles they may run", async () => {
    for (const caller of ["rep1", "manager"] as const) {
      const res = await as[caller].get("/api/reports");
      expect(res.status).toBe(200);
      const names = (res.body.reports as { name: string }[]).map((r) => r.name).sort();
      expect(names).toEqual([
        "approval_cycle_time",
        "sales_by_month",
        "sales_total_kpi",
        "top_customers",
      ]);
      const board = (res.body.dashboards as { name: string; tiles: { report: string }[] }[]).find(
        (d) => d.name === "management",
      );
      expect(board?.tiles.map((t) => t.report).sort()).toEqual(names);
      const refused = await as[caller].get("/api/reports/stock_by_warehouse");
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe("forbidden");
    }
  });
});
