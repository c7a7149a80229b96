import { dateOf, numbered, type SampleContext } from "./sample-context.ts";

/**
 * Orders above this (base currency) route to the CFO: the manufacturing package's default
 * `large_order_limit`, so the generated approvals follow sales_order_approval as installed.
 */
export const LARGE_ORDER_LIMIT = 100_000;
/** Sales reps rep1…rep6: rep1–rep3 sell domestic, rep4–rep6 export. */
export const SALES_REPS = 6;
/** Stages of an order's life; `rejected` orders went back to draft, `pending` wait for approval. */
export const ORDER_STAGES = ["draft", "rejected", "cancelled", "pending", "approved"] as const;

/** The approval path sales_order_approval's `route` node takes for an order. */
export function routeSql(total: string, contract: string): string {
  return `CASE WHEN ${total} > ${LARGE_ORDER_LIMIT}
      THEN CASE WHEN ${contract} THEN 'cfo_countersign' ELSE 'cfo' END
      WHEN ${contract} THEN 'countersign' ELSE 'manager' END`;
}

/**
 * One row per order with what its lines and workflow need again: the temp table the next
 * statements read (dropped at commit). Orders of the last 60 days may still wait for approval
 * (most of the last two weeks' do); older ones that would have waited are approved.
 */
export function orderPlanSql(ctx: SampleContext): string {
  const { hash } = ctx;
  const n = ctx.sizes.orders;
  const stage = hash.pick(20, "g", 100);
  return `CREATE TEMP TABLE sample_order ON COMMIT DROP AS
    SELECT g AS n, ${ctx.id("sales_order", "g")} AS id, d.order_date,
      1 + ${hash.pick(21, "g", SALES_REPS)} AS rep,
      CASE WHEN ${stage} < 12 THEN 'draft' WHEN ${stage} < 17 THEN 'rejected'
        WHEN ${stage} < 25 THEN 'cancelled'
        WHEN ${stage} < 37 AND d.order_date > ${ctx.anchor} - 60 THEN 'pending'
        WHEN ${stage} < 70 AND d.order_date > ${ctx.anchor} - 14 THEN 'pending'
        ELSE 'approved' END AS stage,
      ${hash.pick(22, "g", 10)} = 0 AS is_contract,
      ${hash.pick(23, "g", 2)} AS settled,
      1 + ${hash.pick(24, "g", 19)} AS line_count,
      (d.order_date + make_interval(mins => 480 + ${hash.pick(25, "g", 600)}))::timestamp
        AT TIME ZONE 'UTC' AS created
    FROM generate_series(1, ${n}) g
    CROSS JOIN LATERAL (SELECT ${dateOf(ctx, "g", n)} AS order_date) d`;
}

/** The generated items by number (item g's category is (g − 1) mod 5), for joins by number. */
export function itemPlanSql(): string {
  return `CREATE TEMP TABLE sample_item ON COMMIT DROP AS
    SELECT substring(code FROM 4)::int AS n, id, unit, standard_price AS price
    FROM app.item WHERE code LIKE 'GI-%'`;
}

/** The lines of orders [from, to] into the scratch table sample_line (emptied after each batch). */
export function orderLinesPlanSql(ctx: SampleContext, from: number, to: number): string {
  const { hash } = ctx;
  const m = "(o.n * 20 + l)";
  const groups = ctx.sizes.items / 5;
  // finished goods three times in four, semi-finished goods otherwise; popular items first
  const item = `5 * floor(${groups} * power(${hash.unit(30, m)}, 1.5))::int
    + CASE WHEN ${hash.pick(31, m, 4)} = 0 THEN 3 ELSE 4 END`;
  return `INSERT INTO sample_line (n, l, id, item, unit, qty, price, discount)
    SELECT o.n, l, ${ctx.id("sales_order_line", m)}, i.id, i.unit,
      1 + floor(12 * power(${hash.unit(32, m)}, 2)), i.price,
      CASE ${hash.pick(33, m, 10)} WHEN 0 THEN 10 WHEN 1 THEN 5 ELSE 0 END
    FROM sample_order o
    CROSS JOIN LATERAL generate_series(1, o.line_count) l
    JOIN sample_item i ON i.n = ${item}
    WHERE o.n BETWEEN ${from} AND ${to}`;
}

export const LINE_SCRATCH_SQL = `CREATE TEMP TABLE sample_line (
    n int, l int, id uuid, item uuid, unit uuid, qty numeric, price numeric, discount numeric,
    amount numeric GENERATED ALWAYS AS (round(qty * price * (1 - discount / 100), 2)) STORED
  ) ON COMMIT DROP`;

/** Orders [from, to], their totals summed from sample_line, their status from stage and route. */
export function ordersSql(ctx: SampleContext, from: number, to: number): string {
  const { hash } = ctx;
  const route = routeSql("t.total", "o.is_contract");
  return `INSERT INTO app.sales_order (id, version, created_at, created_by, updated_at, updated_by,
      order_no, customer, order_date, delivery_date, customer_po_no, sales_person, department,
      is_contract, status, currency, exchange_rate, total, margin)
    SELECT o.id, 1, o.created, 'rep' || o.rep, o.created, 'rep' || o.rep,
      ${numbered("SO-G", "o.n", 7)},
      ${ctx.id("customer", `1 + floor(${ctx.sizes.customers} * power(${hash.unit(26, "o.n")}, 2))::int`)},
      o.order_date, o.order_date + 7 + ${hash.pick(27, "o.n", 30)},
      'CPO-' || (10000 + ${hash.pick(28, "o.n", 90000)}),
      'rep' || o.rep, CASE WHEN o.rep <= ${SALES_REPS / 2} THEN 'domestic' ELSE 'export' END,
      o.is_contract,
      CASE o.stage WHEN 'approved' THEN 'approved' WHEN 'cancelled' THEN 'cancelled'
        WHEN 'pending' THEN CASE ${route} WHEN 'manager' THEN 'pending_manager'
          WHEN 'cfo' THEN 'pending_cfo' WHEN 'countersign' THEN 'pending_countersign'
          ELSE CASE o.settled WHEN 1 THEN 'pending_countersign' ELSE 'pending_cfo' END END
        ELSE 'draft' END,
      'CNY', 1, t.total, round(t.total * (0.08 + 0.22 * ${hash.unit(29, "o.n")})::numeric, 2)
    FROM sample_order o
    JOIN (SELECT n, sum(amount) AS total FROM sample_line GROUP BY n) t ON t.n = o.n
    WHERE o.n BETWEEN ${from} AND ${to}
    ORDER BY o.n`;
}

export function orderLinesSql(): string {
  return `INSERT INTO app.sales_order_line (id, version, created_at, created_by, updated_at, updated_by,
      parent_id, line_no, item, qty, unit, unit_price, discount, amount)
    SELECT s.id, 1, o.created, 'rep' || o.rep, o.created, 'rep' || o.rep,
      o.id, s.l, s.item, s.qty, s.unit, s.price, s.discount, s.amount
    FROM sample_line s JOIN sample_order o ON o.n = s.n
    ORDER BY s.n, s.l`;
}
