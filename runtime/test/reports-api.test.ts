import type { DashboardDef, ReportResult, ReportSummary } from "@loom/engine";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openReportsApp, type ReportsApp, type Seeded, TEST_REPORTS } from "./reports-fixture.ts";
import { type Api, rawGet } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";

/** Every body these tests read: a result, a list, or an error. */
type Body = ReportResult & {
  code: string;
  message: string;
  details: { path: string; code?: string }[];
  reports: ReportSummary[];
  dashboards: DashboardDef[];
};

describe.each(testDatabases())("the reports API on $name", ({ open }) => {
  let db: ReportsApp["db"];
  let seeded: Seeded;
  let as: Record<string, Api>;

  beforeAll(async () => {
    const users = {
      admin: { roles: ["admin"], attributes: {} },
      rep1: { roles: ["sales_rep"], attributes: { department: "domestic" } },
      manager: { roles: ["sales_manager"], attributes: { department: "domestic" } },
      clerk: { roles: ["warehouse_clerk"], attributes: {} },
    };
    ({ db, seeded, as } = await openReportsApp(open, users));
  });
  afterAll(() => db?.dispose());

  const run = async (api: Api, path: string, status = 200): Promise<Body> => {
    const res = await api.get(path);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body as Body;
  };
  const preview = async (report: object, parameters?: object, status = 200, api = as.admin!) => {
    const res = await api
      .post("/api/reports/preview")
      .send({ report, ...(parameters && { parameters }) });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body as Body;
  };

  it("lists the reports and dashboards each caller may run", async () => {
    // the sample's own reports and dashboards are listed too: these tests look at theirs
    const ours = (body: Body) => ({
      reports: body.reports
        .map((r) => r.name)
        .filter((name) => name.startsWith("t_"))
        .sort(),
      board: body.dashboards.find((d) => d.name === "t_board"),
    });
    const admin = await run(as.admin!, "/api/reports");
    expect(ours(admin).reports).toEqual(Object.keys(TEST_REPORTS).sort());
    expect(admin.reports.find((r) => r.name === "t_top_customers")).toEqual({
      name: "t_top_customers",
      labels: { en: "Top customers", "zh-CN": "客户排行" },
      entity: "sales_order_line",
      visualization: { type: "bar" },
      parameters: TEST_REPORTS.t_top_customers!.parameters,
    });
    expect(ours(admin).board?.tiles).toHaveLength(2);
    const rep = ours(await run(as.rep1!, "/api/reports"));
    // no margin (hidden), no stock moves (no report grant)
    expect(rep.reports).toEqual([
      "t_orders_by_month",
      "t_sales_kpi",
      "t_tasks_by_workflow",
      "t_top_customers",
    ]);
    expect(rep.board?.tiles.map((t) => t.report)).toEqual(["t_orders_by_month"]);
    expect(ours(await run(as.clerk!, "/api/reports")).board).toBeUndefined();
  });

  it("groups by month with totals, in one statement, and drills into the month", async () => {
    const result = await run(as.admin!, "/api/reports/t_orders_by_month");
    expect(result.columns).toEqual([
      {
        name: "month",
        kind: "dimension",
        labels: { en: "Order Date", "zh-CN": "订单日期" },
        type: "date",
        bucket: "month",
      },
      {
        name: "orders",
        kind: "measure",
        labels: { en: "Orders", "zh-CN": "订单数" },
        type: "integer",
        aggregate: "count",
      },
      {
        name: "sales",
        kind: "measure",
        labels: { en: "Sales", "zh-CN": "销售额" },
        type: "money",
        aggregate: "sum",
        format: "money",
      },
    ]);
    expect(result.rows).toEqual([
      ["2025-12-01", 1, 600],
      ["2026-01-01", 3, 600],
      ["2026-02-01", 1, 400],
      ["2026-04-01", 1, 500],
    ]);
    expect(result.totals).toEqual({ orders: 6, sales: 2100 });
    expect(result.truncated).toBe(false);
    expect(result.report).toEqual(TEST_REPORTS.t_orders_by_month);
    expect(result.drill!.view).toBe("sales_order");
    expect(result.drill!.where[1]).toEqual({
      and: [
        { ">=": [{ var: "order_date" }, "2026-01-01"] },
        { "<": [{ var: "order_date" }, "2026-02-01"] },
      ],
    });
    expect(typeof result.elapsedMs).toBe("number");
  });

  it("counts only the rows of a scoped user", async () => {
    const rep = await run(as.rep1!, "/api/reports/t_orders_by_month");
    expect(rep.rows).toEqual([
      ["2025-12-01", 1, 600],
      ["2026-01-01", 2, 300],
    ]);
    expect(rep.totals).toEqual({ orders: 3, sales: 900 });
    const manager = await run(as.manager!, "/api/reports/t_orders_by_month");
    expect(manager.rows).toEqual([
      ["2025-12-01", 1, 600],
      ["2026-01-01", 2, 400],
      ["2026-02-01", 1, 400],
    ]);
    // a line report is scoped by its document
    const lines = await run(as.rep1!, "/api/reports/t_top_customers");
    expect(lines.totals).toEqual({ amount: 900, orders: 3 });
  });

  it("refuses a hidden field, whether grouped, summed or filtered by (403 field-hidden)", async () => {
    for (const [name, path] of [
      ["t_margin_by_customer", "/measures/0/field"],
      ["t_orders_by_margin", "/dimensions/0/field"],
      ["t_big_margin_orders", "/filter/>/0/var"],
    ] as const) {
      const body = await run(as.rep1!, `/api/reports/${name}`, 403);
      expect(body.code).toBe("field-hidden");
      expect(body.details).toEqual([expect.objectContaining({ path })]);
      expect(body.message).toContain("margin");
      // the manager's roles hide it too; an administrator sees it
      expect((await run(as.manager!, `/api/reports/${name}`, 403)).code).toBe("field-hidden");
      await run(as.admin!, `/api/reports/${name}`);
    }
    expect((await run(as.rep1!, "/api/reports/t_margin_by_customer/export.csv", 403)).code).toBe(
      "field-hidden",
    );
  });

  it("refuses a report over an entity the caller may not report on (403 forbidden)", async () => {
    const body = await run(as.clerk!, "/api/reports/t_orders_by_month", 403);
    expect(body).toMatchObject({ code: "forbidden", details: [{ path: "/entity" }] });
    expect((await run(as.rep1!, "/api/reports/t_moves_by_month", 403)).code).toBe("forbidden");
  });

  it("answers 404 unknown-report for a name no package defines", async () => {
    expect((await run(as.admin!, "/api/reports/nope", 404)).code).toBe("unknown-report");
  });

  it("sums a line root by its document's customer, top N with truncated and totals over all rows", async () => {
    const all = await run(as.admin!, "/api/reports/t_top_customers");
    expect(all.rows).toEqual([[seeded.customers.B, 1200, 3]]);
    expect(all.truncated).toBe(true);
    expect(all.totals).toEqual({ amount: 2100, orders: 6 });
    expect(all.labels).toEqual({ customer: { [seeded.customers.B]: "Bolt Co" } });
    const since = await run(as.admin!, "/api/reports/t_top_customers?from=2026-01-01");
    expect(since.rows).toEqual([[seeded.customers.A, 900, 3]]);
    expect(since.parameters).toEqual({ from: "2026-01-01", top: null });
    // the drill opens the documents: the line paths lose their `parent.` prefix
    expect(since.drill).toEqual({
      view: "sales_order",
      entity: "sales_order",
      where: [
        {
          and: [
            {
              or: [{ "==": ["2026-01-01", null] }, { ">=": [{ var: "order_date" }, "2026-01-01"] }],
            },
            { "==": [{ var: "customer" }, seeded.customers.A] },
          ],
        },
      ],
    });
  });

  it("gives drill-downs the list API takes, selecting the records each row counted", async () => {
    const since = await run(as.admin!, "/api/reports/t_top_customers?from=2026-01-01");
    const months = await run(as.rep1!, "/api/reports/t_orders_by_month");
    const listed = async (api: Api, where: unknown) => {
      const res = await api.get(
        `/api/data/sales_order?sort=order_no&where=${encodeURIComponent(JSON.stringify(where))}`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.data as { order_no: string }[]).map((order) => order.order_no);
    };
    expect(await listed(as.admin!, since.drill!.where[0])).toEqual(["SO-R-1", "SO-R-3", "SO-R-5"]);
    // January for rep1: the rows they counted, in their own scope
    expect(await listed(as.rep1!, months.drill!.where[1])).toEqual(["SO-R-1", "SO-R-2"]);
  });

  it("compares a KPI with the previous period of the same length", async () => {
    const january = await run(as.admin!, "/api/reports/t_sales_kpi?from=2026-01-01&to=2026-01-31");
    expect(january.rows).toEqual([[600, 3]]);
    expect(january.totals).toEqual({ sales: 600, orders: 3 });
    expect(january.previous).toEqual({ sales: 600, orders: 1 });
    const domestic = await run(
      as.admin!,
      `/api/reports/t_sales_kpi?from=2026-01-01&to=2026-01-31&department=domestic&min_total=150&customer=${seeded.customers.A}`,
    );
    expect(domestic.totals).toEqual({ sales: 300, orders: 1 });
    expect(domestic.previous).toEqual({ sales: null, orders: 0 });
    expect(domestic.parameters).toEqual({
      from: "2026-01-01",
      to: "2026-01-31",
      department: "domestic",
      customer: seeded.customers.A,
      min_total: 150,
      note: null,
    });
  });

  it("refuses bad parameters with 400 invalid-parameter naming each", async () => {
    const cases: [string, string[]][] = [
      ["/api/reports/t_sales_kpi", ["/from", "/to"]],
      ["/api/reports/t_sales_kpi?from=2026-02-30&to=2026-01-31", ["/from"]],
      ["/api/reports/t_sales_kpi?from=2026-01-01&to=2026-01-31&department=nope", ["/department"]],
      ["/api/reports/t_sales_kpi?from=2026-01-01&to=2026-01-31&customer=42", ["/customer"]],
      ["/api/reports/t_sales_kpi?from=2026-01-01&to=2026-01-31&min_total=lots", ["/min_total"]],
      ["/api/reports/t_sales_kpi?from=2026-01-01&to=2026-01-31&colour=red", ["/colour"]],
      ["/api/reports/t_sales_kpi?from=2026-01-01&from=2026-01-02&to=2026-01-31", ["/from"]],
      ["/api/reports/t_top_customers?top=1.5", ["/top"]],
    ];
    for (const [path, pointers] of cases) {
      const body = await run(as.admin!, path, 400);
      expect(body.code, path).toBe("invalid-parameter");
      expect(
        body.details.map((d) => d.path),
        path,
      ).toEqual(pointers);
    }
  });

  it("answers 400, not 500, when a value cannot be read as the field it is compared with", async () => {
    const report = {
      ...TEST_REPORTS.t_orders_by_month,
      parameters: [{ name: "who", type: "text", labels: { en: "Who" } }],
      filter: { "==": [{ var: "customer" }, { var: "$report.who" }] },
    };
    const body = await preview(report, { who: "not a uuid" }, 400);
    expect(body.code).toBe("invalid-parameter");
    expect((await preview(report, { who: seeded.customers.A })).totals).toEqual({
      orders: 3,
      sales: 900,
    });
    // a text value the filter compiler reads as an instant cannot be compared with text
    const po = {
      ...report,
      filter: { "==": [{ var: "customer_po_no" }, { var: "$report.who" }] },
    };
    const instant = await preview(po, { who: "2026-01-01T00:00:00.000Z" }, 400);
    expect(instant.code).toBe("invalid-parameter");
  });

  it("buckets dates by day, ISO week, month, quarter and year", async () => {
    const byBucket = async (bucket: string) => {
      const report = {
        ...TEST_REPORTS.t_orders_by_month,
        dimensions: [{ name: "period", field: "order_date", bucket }],
      };
      return (await preview(report)).rows.map((row: unknown[]) => [row[0], row[2]]);
    };
    expect(await byBucket("day")).toEqual([
      ["2025-12-31", 600],
      ["2026-01-05", 100],
      ["2026-01-11", 200],
      ["2026-01-12", 300],
      ["2026-02-15", 400],
      ["2026-04-01", 500],
    ]);
    // weeks start on Monday: Sunday 2026-01-11 is in the week of Monday 2026-01-05
    expect(await byBucket("week")).toEqual([
      ["2025-12-29", 600],
      ["2026-01-05", 300],
      ["2026-01-12", 300],
      ["2026-02-09", 400],
      ["2026-03-30", 500],
    ]);
    expect(await byBucket("quarter")).toEqual([
      ["2025-10-01", 600],
      ["2026-01-01", 1000],
      ["2026-04-01", 500],
    ]);
    expect(await byBucket("year")).toEqual([
      ["2025-01-01", 600],
      ["2026-01-01", 1500],
    ]);
  });

  it("computes avg, min, max and distinct counts per group, and their totals", async () => {
    const report = {
      ...TEST_REPORTS.t_orders_by_month,
      dimensions: [{ name: "department", field: "department" }],
      measures: [
        { name: "avg", labels: { en: "Average" }, aggregate: "avg", field: "total" },
        { name: "first", labels: { en: "First" }, aggregate: "min", field: "order_date" },
        { name: "last", labels: { en: "Last" }, aggregate: "max", field: "order_date" },
        { name: "smallest", labels: { en: "Smallest" }, aggregate: "min", field: "total" },
        {
          name: "customers",
          labels: { en: "Customers" },
          aggregate: "distinct",
          field: "customer",
        },
      ],
    };
    const result = await preview(report);
    expect(result.rows).toEqual([
      ["domestic", 350, "2025-12-31", "2026-02-15", 100, 2],
      ["export", 350, "2026-01-11", "2026-04-01", 200, 2],
    ]);
    // dates have no number total; a distinct count over every row, not the sum of the groups'
    expect(result.totals).toEqual({
      avg: 350,
      first: null,
      last: null,
      smallest: 100,
      customers: 2,
    });
    expect(result.labels.department).toMatchObject({ domestic: expect.any(String) });
  });

  it("buckets datetimes in UTC", async () => {
    const moves = await run(as.admin!, "/api/reports/t_moves_by_month");
    expect(moves.rows).toEqual([
      ["2026-01-01", 15],
      ["2026-02-01", 2],
    ]);
    expect(moves.drill!.where[0]).toEqual({
      and: [
        { ">=": [{ var: "posting_time" }, "2026-01-01T00:00:00.000Z"] },
        { "<": [{ var: "posting_time" }, "2026-02-01T00:00:00.000Z"] },
      ],
    });
  });

  it("previews a draft for designers only, checked like metadata", async () => {
    const draft = TEST_REPORTS.t_orders_by_month!;
    expect((await preview(draft, undefined, 403, as.rep1!)).code).toBe("forbidden");
    const bad = await preview(
      { ...draft, dimensions: [{ name: "m", field: "customer", bucket: "month" }] },
      undefined,
      400,
    );
    expect(bad).toMatchObject({
      code: "invalid-report",
      details: [{ path: "/dimensions/0/bucket", code: "bucket-not-date" }],
    });
    const schema = await preview({ ...draft, colour: "red" }, undefined, 400);
    expect(schema.details).toEqual([expect.objectContaining({ path: "/colour", code: "schema" })]);
    const res = await as.admin!.post("/api/reports/preview").send({ report: draft, extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("invalid-body");
    const params = await preview(TEST_REPORTS.t_sales_kpi!, { from: "2026-01-01", to: 5 }, 400);
    expect(params).toMatchObject({ code: "invalid-parameter", details: [{ path: "/to" }] });
  });

  it("exports the rows as CSV with headers and labels in the caller's language", async () => {
    const res = await rawGet(
      as.admin!,
      `/api/reports/t_top_customers/export.csv?from=2026-01-01`,
      "zh-CN",
    );
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const text = (res.body as Buffer).toString("utf8");
    expect(text).toBe("\uFEFF客户,金额,订单数\nAcme,900,3\n");
    const month = await rawGet(as.rep1!, "/api/reports/t_orders_by_month/export.csv");
    expect((month.body as Buffer).toString("utf8")).toBe(
      "\uFEFFOrder Date,Orders,Sales\n2025-12-01,1,600\n2026-01-01,2,300\n",
    );
  });

  it("exports the rows as XLSX with numbers and dates typed", async () => {
    const res = await rawGet(as.admin!, "/api/reports/t_orders_by_month/export.xlsx");
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, "Order Date", "Orders", "Sales"]);
    expect(sheet.getRow(3).getCell(1).value).toEqual(new Date("2026-01-01T00:00:00Z"));
    expect(sheet.getRow(3).getCell(3).value).toBe(600);
    expect(sheet.rowCount).toBe(5);
  });
});
