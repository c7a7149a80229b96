import { GENERATOR } from "./master-data-sql.ts";
import { dateOf, numbered, type SampleContext } from "./sample-context.ts";

/**
 * Purchase orders of raw materials and packaging (1 to 9 lines, 5 on average), the same way as
 * the sales orders: the plan and lines in temp tables, then orders with their totals, then lines.
 * Approved orders whose expected date has passed are fully received.
 */
export function purchasePlanSql(ctx: SampleContext): string {
  const { hash } = ctx;
  const q = ctx.sizes.purchaseOrders;
  const status = hash.pick(40, "g", 100);
  return `CREATE TEMP TABLE sample_po ON COMMIT DROP AS
    SELECT g AS n, ${ctx.id("purchase_order", "g")} AS id, d.order_date,
      d.order_date + 5 + ${hash.pick(41, "g", 40)} AS expected_date,
      CASE WHEN ${status} < 8 THEN 'draft' WHEN ${status} < 15 THEN 'submitted'
        WHEN ${status} < 18 THEN 'rejected' WHEN ${status} < 25 THEN 'cancelled'
        ELSE 'approved' END AS status,
      1 + ${hash.pick(42, "g", 9)} AS line_count,
      'buyer' || (1 + ${hash.pick(43, "g", 2)}) AS buyer,
      (d.order_date + make_interval(mins => 540 + ${hash.pick(44, "g", 480)}))::timestamp
        AT TIME ZONE 'UTC' AS created
    FROM generate_series(1, ${q}) g
    CROSS JOIN LATERAL (SELECT ${dateOf(ctx, "g", q)} AS order_date) d`;
}

export function purchaseLinesPlanSql(ctx: SampleContext): string {
  const { hash } = ctx;
  const m = "(p.n * 10 + l)";
  // steel, plastics or packaging: categories 0, 1 and 4 of item g = 5k + c + 1
  const item = `5 * ${hash.pick(45, m, ctx.sizes.items / 5)}
    + (ARRAY[1, 2, 5])[1 + ${hash.pick(46, m, 3)}]`;
  return `CREATE TEMP TABLE sample_po_line ON COMMIT DROP AS
    SELECT p.n, l, ${ctx.id("purchase_order_line", m)} AS id, i.id AS item, i.unit,
      10 * (1 + ${hash.pick(47, m, 50)})::numeric AS qty, round(i.price * 0.7, 2) AS price
    FROM sample_po p
    CROSS JOIN LATERAL generate_series(1, p.line_count) l
    JOIN sample_item i ON i.n = ${item}`;
}

export function purchaseOrdersSql(ctx: SampleContext): string {
  const { hash } = ctx;
  const supplier = `1 + floor(${ctx.sizes.suppliers} * power(${hash.unit(48, "p.n")}, 1.5))::int`;
  // the raw material warehouse (1) mostly, the spare parts store (5) otherwise
  const warehouse = `CASE WHEN ${hash.pick(49, "p.n", 6)} = 0 THEN 5 ELSE 1 END`;
  return `INSERT INTO app.purchase_order (id, version, created_at, created_by, updated_at, updated_by,
      order_no, supplier, order_date, expected_date, warehouse, buyer, status, reject_reason,
      currency, exchange_rate, total)
    SELECT p.id, 1, p.created, p.buyer, p.created, p.buyer, ${numbered("PO-G", "p.n", 7)},
      ${ctx.id("supplier", supplier)}, p.order_date, p.expected_date,
      ${ctx.id("warehouse", warehouse)}, p.buyer, p.status,
      CASE WHEN p.status = 'rejected' THEN 'Price above the agreed contract' END,
      'CNY', 1, t.total
    FROM sample_po p
    JOIN (SELECT n, sum(qty * price) AS total FROM sample_po_line GROUP BY n) t ON t.n = p.n
    ORDER BY p.n`;
}

export function purchaseLinesSql(ctx: SampleContext): string {
  return `INSERT INTO app.purchase_order_line (id, version, created_at, created_by, updated_at, updated_by,
      parent_id, line_no, item, qty, unit, unit_price, amount, received_qty)
    SELECT s.id, 1, p.created, p.buyer, p.created, p.buyer, p.id, s.l, s.item, s.qty, s.unit, s.price,
      s.qty * s.price,
      CASE WHEN p.status = 'approved' AND p.expected_date <= ${ctx.anchor} THEN s.qty ELSE 0 END
    FROM sample_po_line s JOIN sample_po p ON p.n = s.n
    ORDER BY s.n, s.l`;
}

/**
 * Stock moves over the two years: receipts (60 %) into an item's home warehouse, issues (32 %)
 * out of it, transfers (8 %) from it to the next warehouse along the flow. Raw materials live in
 * the raw material warehouse, semi-finished goods in WIP, finished goods in one of the two
 * finished goods warehouses, packaging in raw materials or spare parts (WAREHOUSES' numbers).
 */
export function stockMovesSql(ctx: SampleContext): string {
  const { hash } = ctx;
  const count = ctx.sizes.stockMoves;
  const type = hash.pick(50, "g", 100);
  return `INSERT INTO app.stock_move (id, version, created_at, created_by, updated_at, updated_by,
      move_no, move_type, item, qty, from_warehouse, to_warehouse, posting_time, reference,
      batch_no, unit_cost)
    SELECT ${ctx.id("stock_move", "m.g")}, 1, m.posted, '${GENERATOR}', m.posted, '${GENERATOR}',
      ${numbered("SM-G", "m.g", 7)}, m.move_type, i.id, m.qty,
      CASE WHEN m.move_type <> 'receipt' THEN ${ctx.id("warehouse", "m.home")} END,
      CASE m.move_type WHEN 'receipt' THEN ${ctx.id("warehouse", "m.home")}
        WHEN 'transfer' THEN ${ctx.id("warehouse", "m.next")} END,
      m.posted,
      CASE m.move_type WHEN 'receipt' THEN ${numbered("PO-G", `1 + ${hash.pick(51, "m.g", ctx.sizes.purchaseOrders)}`, 7)}
        WHEN 'issue' THEN ${numbered("SO-G", `1 + ${hash.pick(52, "m.g", ctx.sizes.orders)}`, 7)} END,
      'B' || to_char(m.posted AT TIME ZONE 'UTC', 'YYMMDD'),
      CASE WHEN m.move_type = 'receipt' THEN round(i.price * 0.7, 2) END
    FROM (
      SELECT g, t.move_type, h.item, h.home, 1 + ${hash.pick(53, "g", 100)}::numeric AS qty,
        CASE h.home WHEN 1 THEN 2 WHEN 2 THEN 3 WHEN 3 THEN 4 WHEN 4 THEN 3 ELSE 1 END AS next,
        (${dateOf(ctx, "g", count)} + make_interval(mins => 420 + ${hash.pick(54, "g", 720)}))::timestamp
          AT TIME ZONE 'UTC' AS posted
      FROM generate_series(1, ${count}) g
      CROSS JOIN LATERAL (SELECT CASE WHEN ${type} < 60 THEN 'receipt' WHEN ${type} < 92 THEN 'issue'
        ELSE 'transfer' END AS move_type) t
      CROSS JOIN LATERAL (SELECT 1 + ${hash.pick(55, "g", ctx.sizes.items)} AS item) j
      CROSS JOIN LATERAL (SELECT j.item,
        CASE (j.item - 1) % 5 WHEN 0 THEN 1 WHEN 1 THEN 1 WHEN 2 THEN 2
          WHEN 3 THEN 3 + ${hash.pick(56, "g", 2)}
          ELSE CASE WHEN ${hash.pick(57, "g", 3)} = 0 THEN 5 ELSE 1 END END AS home) h
    ) m
    JOIN sample_item i ON i.n = m.item
    ORDER BY m.g`;
}
