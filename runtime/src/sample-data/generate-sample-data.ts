import { LoomError, SYSTEM_SCHEMA } from "@loom/engine";
import type { Knex } from "knex";
import type { Database } from "../db/database.ts";
import {
  customersSql,
  itemsSql,
  referenceDataSql,
  regionsSql,
  suppliersSql,
  warehousesSql,
} from "./master-data-sql.ts";
import {
  purchaseLinesPlanSql,
  purchaseLinesSql,
  purchaseOrdersSql,
  purchasePlanSql,
  stockMovesSql,
} from "./purchases-sql.ts";
import {
  itemPlanSql,
  LINE_SCRATCH_SQL,
  orderLinesPlanSql,
  orderLinesSql,
  orderPlanSql,
  ordersSql,
} from "./sales-orders-sql.ts";
import { type SampleContext, sampleContext } from "./sample-context.ts";
import type { SampleOptions } from "./sample-options.ts";
import {
  flowPlanSql,
  historySql,
  instancesSql,
  SALES_WORKFLOW,
  taskPlanSql,
  tasksSql,
} from "./workflow-sql.ts";

/** Orders written per statement: progress moves, and PGlite's scratch table stays small. */
const BATCH = 10_000;

/** Rows written per table. */
export type SampleCounts = Record<string, number>;

/** Told before each step: `done` of `total` steps finished, `step` says what comes now. */
export type SampleProgress = (done: number, total: number, step: string) => void;

interface Step {
  label: string;
  sql: string;
}

const COUNTED = [
  "app.customer",
  "app.supplier",
  "app.item",
  "app.warehouse",
  "app.sales_order",
  "app.sales_order_line",
  "app.purchase_order",
  "app.purchase_order_line",
  "app.stock_move",
  `${SYSTEM_SCHEMA}.workflow_instances`,
  `${SYSTEM_SCHEMA}.workflow_tasks`,
  `${SYSTEM_SCHEMA}.workflow_history`,
];

/**
 * Fills a database holding the manufacturing sample with a deterministic business history (README.md):
 * master data, sales orders with lines, purchase orders, stock moves and approval workflows, all in
 * one transaction of set-based statements. Refuses a database without the sample, or one that
 * already holds generated rows. Returns the row counts of the tables it writes.
 */
export async function generateSampleData(
  db: Database,
  options: SampleOptions,
  onProgress: SampleProgress = () => {},
): Promise<SampleCounts> {
  const ctx = sampleContext(options);
  return db.transaction(async (tx) => {
    const { regions } = await requireSample(tx);
    const steps = sampleSteps(ctx, regions);
    for (const [index, step] of steps.entries()) {
      onProgress(index, steps.length, step.label);
      await tx.raw(step.sql);
    }
    onProgress(steps.length, steps.length, "done");
    const counts: SampleCounts = {};
    for (const table of COUNTED) {
      const { rows } = await tx.raw(`SELECT count(*)::int AS n FROM ${table}`);
      counts[table.slice(table.indexOf(".") + 1)] = rows[0].n as number;
    }
    return counts;
  });
}

function sampleSteps(ctx: SampleContext, regions: boolean): Step[] {
  const steps: Step[] = [
    ...referenceDataSql(ctx).map((sql) => ({ label: "units and item categories", sql })),
    { label: "customers", sql: customersSql(ctx) },
    ...(regions ? regionsSql(ctx).map((sql) => ({ label: "sales regions", sql })) : []),
    { label: "suppliers", sql: suppliersSql(ctx) },
    { label: "items", sql: itemsSql(ctx) },
    { label: "warehouses", sql: warehousesSql(ctx) },
    { label: "planning orders", sql: itemPlanSql() },
    { label: "planning orders", sql: orderPlanSql(ctx) },
    { label: "planning orders", sql: LINE_SCRATCH_SQL },
    // temp tables get no statistics by themselves: without them joins run as nested loops
    { label: "planning orders", sql: "ANALYZE sample_item, sample_order" },
  ];
  for (let from = 1; from <= ctx.sizes.orders; from += BATCH) {
    const to = Math.min(ctx.sizes.orders, from + BATCH - 1);
    const label = `sales orders ${from.toLocaleString("en")}–${to.toLocaleString("en")}`;
    steps.push(
      { label, sql: orderLinesPlanSql(ctx, from, to) },
      { label, sql: "ANALYZE sample_line" },
      { label, sql: ordersSql(ctx, from, to) },
      { label, sql: orderLinesSql() },
      { label, sql: "TRUNCATE sample_line" },
    );
  }
  steps.push(
    { label: "purchase orders", sql: purchasePlanSql(ctx) },
    { label: "purchase orders", sql: purchaseLinesPlanSql(ctx) },
    { label: "purchase orders", sql: "ANALYZE sample_po, sample_po_line" },
    { label: "purchase orders", sql: purchaseOrdersSql(ctx) },
    { label: "purchase orders", sql: purchaseLinesSql(ctx) },
    { label: "stock moves", sql: stockMovesSql(ctx) },
    { label: "approvals", sql: flowPlanSql(ctx) },
    { label: "approvals", sql: taskPlanSql(ctx) },
    { label: "approvals", sql: "ANALYZE sample_flow, sample_task" },
    { label: "approvals", sql: instancesSql() },
    { label: "approvals", sql: tasksSql() },
    { label: "approvals", sql: historySql() },
  );
  return steps;
}

/**
 * The sample's tables and workflow, and no generated rows yet; `regions`: the acme-custom sample's
 * sales regions are installed too (customer.region).
 */
async function requireSample(tx: Knex.Transaction): Promise<{ regions: boolean }> {
  const notInstalled = new LoomError(
    "sample-not-installed",
    "the manufacturing sample is not installed in this database: run `loom apply metadata-samples/manufacturing` first",
  );
  const { rows: system } = await tx.raw("SELECT to_regclass(?) IS NOT NULL AS present", [
    `${SYSTEM_SCHEMA}.packages`,
  ]);
  if (!system[0]?.present) throw notInstalled;
  const { rows: packages } = await tx.raw(
    `SELECT EXISTS (SELECT 1 FROM ${SYSTEM_SCHEMA}.packages WHERE name = 'manufacturing') AS installed`,
  );
  if (!packages[0]?.installed) throw notInstalled;
  const { rows } = await tx.raw(
    `SELECT (SELECT count(*)::int FROM ${SYSTEM_SCHEMA}.workflow_versions WHERE name = ?) AS workflows,
       EXISTS (SELECT 1 FROM app.customer WHERE code LIKE 'GC-%') AS generated,
       EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = 'app' AND table_name = 'customer' AND column_name = 'region')
         AND to_regclass('app.sales_region') IS NOT NULL AS regions`,
    [SALES_WORKFLOW],
  );
  const found = rows[0] as { workflows: number; generated: boolean; regions: boolean };
  if (found.generated)
    throw new LoomError(
      "sample-data-present",
      "this database already holds generated sample data (customers GC-…): generate into a fresh database",
    );
  if (found.workflows === 0) throw notInstalled;
  return { regions: found.regions };
}
