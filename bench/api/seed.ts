import { fileURLToPath } from "node:url";
import type { Database } from "../../runtime/src/db/database.ts";
import { applyPackages } from "../../runtime/src/store/index.ts";

const MANUFACTURING = fileURLToPath(
  new URL("../../metadata-samples/manufacturing", import.meta.url),
);
const CUSTOMERS = 1_000;
const ITEMS = 500;

/**
 * The index the list endpoint needs, on both sides (same table): the model only indexes `status`
 * alone, which cannot serve `status = ? AND order_date >= ? ORDER BY order_date DESC, id`.
 */
export const LIST_INDEX_SQL =
  "CREATE INDEX bench_sales_order_status_date ON app.sales_order (status, order_date DESC, id)";

export interface Seeded {
  orders: number;
  lines: number;
  customerIds: string[];
  itemIds: string[];
}

/**
 * The manufacturing sample, then `orders` sales orders of two lines each (plus the customers,
 * items and unit they link to), all set-based SQL. Seeded numbers are `SEED-…`, so they never
 * meet the generated `SO-…` series; no customer has a credit limit, so every create passes its rules.
 */
export async function seedDatabase(db: Database, orders: number): Promise<Seeded> {
  await applyPackages(db, [MANUFACTURING], { allowDataLoss: false, actor: "bench" });
  await db.transaction(async (tx) => {
    await tx.raw(
      `INSERT INTO app.unit (id, version, created_at, updated_at, code, name, decimals)
       VALUES (gen_random_uuid(), 1, now(), now(), 'pcs', 'Pieces', 0)`,
    );
    await tx.raw(
      `INSERT INTO app.customer (id, version, created_at, updated_at, code, name, customer_type)
       SELECT gen_random_uuid(), 1, now(), now(), 'C-' || lpad(g::text, 5, '0'), 'Customer ' || g, 'company'
       FROM generate_series(1, ${CUSTOMERS}) g`,
    );
    await tx.raw(
      `INSERT INTO app.item (id, version, created_at, updated_at, code, name, item_type, unit, standard_price)
       SELECT gen_random_uuid(), 1, now(), now(), 'I-' || lpad(g::text, 5, '0'), 'Item ' || g,
              'finished_good', (SELECT id FROM app.unit), 1 + g % 100
       FROM generate_series(1, ${ITEMS}) g`,
    );
    // order g: customer g mod 1000, dates over two years, a quarter of them submitted, half of
    // each status in each department (the scoped bench reads as a manager of one), reps rep0…rep49
    await tx.raw(
      `INSERT INTO app.sales_order (id, version, created_at, updated_at, order_no, customer, order_date,
                                    delivery_date, status, currency, exchange_rate, total,
                                    department, sales_person)
       SELECT gen_random_uuid(), 1, now(), now(), 'SEED-' || lpad(g::text, 7, '0'), c.id,
              date '2024-01-01' + g % 730, date '2024-01-01' + g % 730 + 14,
              (ARRAY['draft', 'submitted', 'approved', 'cancelled'])[1 + g % 4], 'CNY', 1, 0,
              (ARRAY['domestic', 'export'])[1 + g / 4 % 2], 'rep' || g % 50
       FROM generate_series(1, ${orders}) g
       JOIN (SELECT id, row_number() OVER (ORDER BY code) - 1 AS n FROM app.customer) c
         ON c.n = g % ${CUSTOMERS}`,
    );
    await tx.raw(
      `INSERT INTO app.sales_order_line (id, version, created_at, updated_at, parent_id, line_no, item,
                                         qty, unit, unit_price, discount, amount)
       SELECT gen_random_uuid(), 1, now(), now(), o.id, l, i.id, 1 + (o.n + l) % 10, i.unit,
              i.standard_price, 0, (1 + (o.n + l) % 10) * i.standard_price
       FROM (SELECT id, substring(order_no FROM 6)::int AS n FROM app.sales_order) o
       CROSS JOIN generate_series(1, 2) l
       JOIN (SELECT id, unit, standard_price, row_number() OVER (ORDER BY code) - 1 AS n FROM app.item) i
         ON i.n = (o.n * 2 + l) % ${ITEMS}`,
    );
    await tx.raw(
      `UPDATE app.sales_order o SET total = s.total
       FROM (SELECT parent_id, sum(amount) AS total FROM app.sales_order_line GROUP BY parent_id) s
       WHERE s.parent_id = o.id`,
    );
    await tx.raw(LIST_INDEX_SQL);
  });
  return db.run(async (knex) => {
    await knex.raw("ANALYZE");
    const count = async (table: string) =>
      Number((await knex.raw(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    const ids = async (table: string) =>
      (await knex.raw(`SELECT id FROM ${table} ORDER BY code`)).rows.map(
        (row: { id: string }) => row.id,
      );
    return {
      orders: await count("app.sales_order"),
      lines: await count("app.sales_order_line"),
      customerIds: await ids("app.customer"),
      itemIds: await ids("app.item"),
    };
  });
}
