import { randomUUID } from "node:crypto";
import { type LoadedPackage, parsePackage } from "@loom/engine";
import type { Express } from "express";
import type { Database } from "../src/db/database.ts";
import { type Api, authed, signIn } from "./support/auth.ts";
import { currentApp, installSample } from "./support/sample-app.ts";

/**
 * The reports the API tests run, in a package of their own (the sample's reports are another
 * helper's): orders by month, lines by customer (a line root reaching its document), margin
 * (hidden to sales roles), a KPI with its period, and one with every parameter type.
 */
export const TEST_REPORTS: Record<string, Record<string, unknown>> = {
  t_orders_by_month: {
    kind: "report",
    name: "t_orders_by_month",
    labels: { en: "Orders by month", "zh-CN": "每月订单" },
    entity: "sales_order",
    dimensions: [{ name: "month", field: "order_date", bucket: "month" }],
    measures: [
      { name: "orders", labels: { en: "Orders", "zh-CN": "订单数" }, aggregate: "count" },
      {
        name: "sales",
        labels: { en: "Sales", "zh-CN": "销售额" },
        aggregate: "sum",
        field: "total",
        format: "money",
      },
    ],
    visualization: { type: "table", totals: true },
  },
  t_top_customers: {
    kind: "report",
    name: "t_top_customers",
    labels: { en: "Top customers", "zh-CN": "客户排行" },
    entity: "sales_order_line",
    parameters: [
      { name: "from", type: "date", labels: { en: "From" } },
      { name: "top", type: "integer", labels: { en: "Top" } },
    ],
    filter: {
      or: [
        { "==": [{ var: "$report.from" }, null] },
        { ">=": [{ var: "parent.order_date" }, { var: "$report.from" }] },
      ],
    },
    dimensions: [{ name: "customer", field: "parent.customer" }],
    measures: [
      {
        name: "amount",
        labels: { en: "Amount", "zh-CN": "金额" },
        aggregate: "sum",
        field: "amount",
      },
      {
        name: "orders",
        labels: { en: "Orders", "zh-CN": "订单数" },
        aggregate: "distinct",
        field: "parent.id",
      },
    ],
    sort: [{ by: "amount", desc: true }],
    limit: 1,
    visualization: { type: "bar", x: "customer", horizontal: true },
  },
  t_margin_by_customer: {
    kind: "report",
    name: "t_margin_by_customer",
    labels: { en: "Margin by customer" },
    entity: "sales_order",
    dimensions: [{ name: "customer", field: "customer" }],
    measures: [{ name: "margin", labels: { en: "Margin" }, aggregate: "sum", field: "margin" }],
    visualization: { type: "pie", category: "customer", measure: "margin" },
  },
  t_orders_by_margin: {
    kind: "report",
    name: "t_orders_by_margin",
    labels: { en: "Orders by margin" },
    entity: "sales_order",
    dimensions: [{ name: "margin", field: "margin" }],
    measures: [{ name: "orders", labels: { en: "Orders" }, aggregate: "count" }],
    visualization: { type: "table" },
  },
  t_big_margin_orders: {
    kind: "report",
    name: "t_big_margin_orders",
    labels: { en: "Orders with a big margin" },
    entity: "sales_order",
    filter: { ">": [{ var: "margin" }, 25] },
    measures: [{ name: "orders", labels: { en: "Orders" }, aggregate: "count" }],
    visualization: { type: "kpi", measure: "orders" },
  },
  t_sales_kpi: {
    kind: "report",
    name: "t_sales_kpi",
    labels: { en: "Sales" },
    entity: "sales_order",
    parameters: [
      { name: "from", type: "date", labels: { en: "From" }, required: true },
      { name: "to", type: "date", labels: { en: "To" }, required: true },
      {
        name: "department",
        type: "select",
        labels: { en: "Department" },
        options: [
          { value: "domestic", labels: { en: "Domestic", "zh-CN": "国内" } },
          { value: "export", labels: { en: "Export", "zh-CN": "出口" } },
        ],
      },
      { name: "customer", type: "link", target: "customer", labels: { en: "Customer" } },
      { name: "min_total", type: "decimal", labels: { en: "Minimum total" } },
      { name: "note", type: "text", labels: { en: "Note" } },
    ],
    filter: {
      and: [
        {
          or: [
            { "==": [{ var: "$report.department" }, null] },
            { "==": [{ var: "department" }, { var: "$report.department" }] },
          ],
        },
        {
          or: [
            { "==": [{ var: "$report.customer" }, null] },
            { "==": [{ var: "customer" }, { var: "$report.customer" }] },
          ],
        },
        { ">=": [{ var: "total" }, { var: ["$report.min_total", 0] }] },
      ],
    },
    measures: [
      { name: "sales", labels: { en: "Sales" }, aggregate: "sum", field: "total" },
      { name: "orders", labels: { en: "Orders" }, aggregate: "count" },
    ],
    period: { field: "order_date", from: "from", to: "to" },
    visualization: { type: "kpi", measure: "sales", compare: "previous-period" },
  },
  t_tasks_by_workflow: {
    kind: "report",
    name: "t_tasks_by_workflow",
    labels: { en: "Approval tasks by workflow" },
    entity: "$workflow_tasks",
    dimensions: [
      { name: "workflow", field: "workflow" },
      { name: "status", field: "status" },
    ],
    measures: [
      { name: "tasks", labels: { en: "Tasks" }, aggregate: "count" },
      {
        name: "hours",
        labels: { en: "Hours" },
        aggregate: "avg",
        field: "hours",
        format: "duration-hours",
      },
    ],
    visualization: { type: "bar", x: "workflow", series: "status" },
  },
  t_moves_by_month: {
    kind: "report",
    name: "t_moves_by_month",
    labels: { en: "Moves by month" },
    entity: "stock_move",
    dimensions: [{ name: "month", field: "posting_time", bucket: "month" }],
    measures: [{ name: "qty", labels: { en: "Quantity" }, aggregate: "sum", field: "qty" }],
    visualization: { type: "line", x: "month" },
  },
};

export function reportsPackage(): LoadedPackage {
  const files: Record<string, string> = {
    "loom-package.json": JSON.stringify({
      kind: "package",
      name: "report-tests",
      version: "1.0.0",
      layer: "customization",
      labels: { en: "Report tests" },
      dependsOn: { manufacturing: "^1.0.0" },
    }),
    "dashboards/t_board.json": JSON.stringify({
      kind: "dashboard",
      name: "t_board",
      labels: { en: "Test board" },
      tiles: [
        { report: "t_orders_by_month", x: 0, y: 0, w: 6, h: 4 },
        { report: "t_margin_by_customer", x: 6, y: 0, w: 6, h: 4 },
      ],
    }),
  };
  for (const [name, def] of Object.entries(TEST_REPORTS))
    files[`reports/${name}.json`] = JSON.stringify(def);
  const { package: loaded, issues } = parsePackage(files);
  if (!loaded) throw new Error(JSON.stringify(issues));
  return loaded;
}

/** The orders the tests count: date, sales person, department, total, margin, customer (A or B). */
export const ORDERS = [
  {
    date: "2025-12-31",
    rep: "rep1",
    department: "domestic",
    total: 600,
    margin: 60,
    customer: "B",
  },
  {
    date: "2026-01-05",
    rep: "rep1",
    department: "domestic",
    total: 100,
    margin: 10,
    customer: "A",
  },
  { date: "2026-01-11", rep: "rep1", department: "export", total: 200, margin: 20, customer: "B" },
  {
    date: "2026-01-12",
    rep: "rep2",
    department: "domestic",
    total: 300,
    margin: 30,
    customer: "A",
  },
  {
    date: "2026-02-15",
    rep: "rep2",
    department: "domestic",
    total: 400,
    margin: 40,
    customer: "B",
  },
  { date: "2026-04-01", rep: "rep3", department: "export", total: 500, margin: 50, customer: "A" },
] as const;

export interface Seeded {
  customers: { A: string; B: string };
  orders: string[];
}

/** Customers A (Acme) and B (Bolt Co), the ORDERS each with two lines of half its total, two stock moves. */
export async function seedReports(db: Database): Promise<Seeded> {
  const customers = { A: randomUUID(), B: randomUUID() };
  const orders = ORDERS.map(() => randomUUID());
  const [item, unit] = [randomUUID(), randomUUID()];
  await db.transaction(async (tx) => {
    await tx.raw(`INSERT INTO app.unit (id, code, name) VALUES (?, 'PCS', 'Piece')`, [unit]);
    await tx.raw(
      `INSERT INTO app.customer (id, code, name, customer_type) VALUES (?, 'A', 'Acme', 'company'), (?, 'B', 'Bolt Co', 'company')`,
      [customers.A, customers.B],
    );
    await tx.raw(
      `INSERT INTO app.item (id, code, name, item_type, unit) VALUES (?, 'I1', 'Bolt', 'finished_good', ?)`,
      [item, unit],
    );
    for (const [i, o] of ORDERS.entries()) {
      await tx.raw(
        `INSERT INTO app.sales_order (id, order_no, customer, order_date, delivery_date, status, currency, exchange_rate, total, sales_person, department, margin)
         VALUES (?, ?, ?, ?, ?, 'approved', 'CNY', 1, ?, ?, ?, ?)`,
        [
          orders[i]!,
          `SO-R-${i}`,
          customers[o.customer],
          o.date,
          o.date,
          o.total,
          o.rep,
          o.department,
          o.margin,
        ],
      );
      for (const line of [1, 2])
        await tx.raw(
          `INSERT INTO app.sales_order_line (id, parent_id, line_no, item, qty, unit_price, amount) VALUES (?, ?, ?, ?, 1, ?, ?)`,
          [randomUUID(), orders[i]!, line, item, o.total / 2, o.total / 2],
        );
    }
    // the same UTC month seen from two zones: both count in January
    await tx.raw(
      `INSERT INTO app.stock_move (id, move_no, move_type, item, qty, posting_time) VALUES
         (?, 'SM-1', 'receipt', ?, 10, '2026-01-31T23:30:00Z'),
         (?, 'SM-2', 'receipt', ?, 5, '2026-02-01T00:30:00+08:00'),
         (?, 'SM-3', 'issue', ?, 2, '2026-02-01T00:30:00Z')`,
      [randomUUID(), item, randomUUID(), item, randomUUID(), item],
    );
  });
  return { customers, orders };
}

/** A database with the sample, the test reports and their rows, and a signed-in API per user. */
export interface ReportsApp {
  readonly db: Database & { dispose(): Promise<void> };
  readonly app: Express;
  readonly seeded: Seeded;
  readonly as: Record<string, Api>;
}

export async function openReportsApp(
  open: () => Promise<Database & { dispose(): Promise<void> }>,
  users: Record<string, { roles: string[]; attributes: Record<string, unknown> }>,
): Promise<ReportsApp> {
  const db = await open();
  await installSample(db, [reportsPackage()]);
  const app = await currentApp(db);
  const seeded = await seedReports(db);
  const as: Record<string, Api> = {};
  for (const [username, options] of Object.entries(users))
    as[username] = authed(app, (await signIn(db, { username, ...options })).token);
  return { db, app, seeded, as };
}
