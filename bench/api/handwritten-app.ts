import { createHash } from "node:crypto";
import express from "express";
import type { Knex } from "knex";
import type pg from "pg";
import type { Database } from "../../runtime/src/db/database.ts";

type Row = Record<string, unknown>;
/** runs one statement with `?` placeholders */
type Query = (sql: string, params: readonly Knex.RawBinding[]) => Promise<Row[]>;

/** How the hand-written endpoints reach the database: statements, and one transaction. */
export interface Sql {
  query: Query;
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
}

/** On PGlite, the very gateway the generated API uses (one session, so one queue for both). */
export function gatewaySql(db: Database): Sql {
  return {
    query: (sql, params) => db.run(async (knex) => (await knex.raw(sql, [...params])).rows),
    transaction: (work) =>
      db.transaction((tx) => work(async (sql, params) => (await tx.raw(sql, [...params])).rows)),
  };
}

/** On a server, a plain `pg.Pool` of the gateway's size. */
export function poolSql(pool: pg.Pool): Sql {
  const numbered = new Map<string, string>();
  const text = (sql: string) => {
    let converted = numbered.get(sql);
    if (!converted) {
      let n = 0;
      converted = sql.replace(/\?/g, () => `$${++n}`);
      numbered.set(sql, converted);
    }
    return converted;
  };
  return {
    query: async (sql, params) => (await pool.query(text(sql), [...params])).rows,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(
          async (sql, params) => (await client.query(text(sql), [...params])).rows,
        );
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

const ORDER_COLUMNS = `id, version, created_at, created_by, updated_at, updated_by, order_no, customer,
  to_char(order_date, 'YYYY-MM-DD') AS order_date, to_char(delivery_date, 'YYYY-MM-DD') AS delivery_date,
  customer_po_no, sales_person, status, reject_reason, currency, exchange_rate, shipping_address, total, remark`;
const LINE_COLUMNS = "id, line_no, item, description, qty, unit, unit_price, discount, amount";

const GET_ORDER = `SELECT ${ORDER_COLUMNS} FROM app.sales_order WHERE id = ?`;
const GET_LINES = `SELECT ${LINE_COLUMNS} FROM app.sales_order_line WHERE parent_id = ? ORDER BY line_no`;
/** qualified: a bare `order_date` in ORDER BY would be the to_char output column, not the index's */
export const LIST_ORDERS = `SELECT ${ORDER_COLUMNS} FROM app.sales_order o
  WHERE o.status = ? AND o.order_date >= ?::date ORDER BY o.order_date DESC, o.id LIMIT 50`;
const NEXT_NUMBER = `INSERT INTO loom_sys.naming_series AS s (series, period, next_value)
  VALUES ('bench:handwritten', '', 2)
  ON CONFLICT (series, period) DO UPDATE SET next_value = s.next_value + 1
  RETURNING s.next_value - 1 AS value`;
const INSERT_ORDER = `INSERT INTO app.sales_order (id, version, created_at, updated_at, order_no, customer,
    order_date, delivery_date, status, currency, exchange_rate, total)
  VALUES (gen_random_uuid(), 1, now(), now(), ?, ?, current_date, ?::date, 'draft', 'CNY', 1, ?)
  RETURNING ${ORDER_COLUMNS}`;
const INSERT_LINES = `INSERT INTO app.sales_order_line (id, version, created_at, updated_at, parent_id,
    line_no, item, qty, unit_price, discount, amount)
  SELECT gen_random_uuid(), 1, now(), now(), ?, l.line_no, l.item, l.qty, l.unit_price, 0, l.amount
  FROM jsonb_to_recordset(?::jsonb) AS l(line_no int, item uuid, qty numeric, unit_price numeric, amount numeric)
  RETURNING ${LINE_COLUMNS}`;

interface OrderBody {
  customer: string;
  delivery_date: string;
  lines: { item: string; qty: number; unit_price: number }[];
}

/** A live session of an active user, found by the SHA-256 of the bearer token Loom issued. */
const SESSION = `SELECT u.id FROM loom_sys.sessions s JOIN loom_sys.users u ON u.id = s.user_id
  WHERE s.token_hash = ? AND s.expires_at > now() AND u.active`;

/**
 * The floor the generated API is measured against: express + one fixed SQL per step, no
 * validation, no rules, no audit, no metrics or logging middleware — but, like any endpoint of a
 * business system, it checks who calls: one session lookup per request, as the generated API does
 * (which also checks idle time, token revocation and roles).
 */
export function handwrittenApp(sql: Sql): express.Express {
  const app = express();
  app.use(express.json());
  app.use(async (req, res, next) => {
    const token = req.get("authorization")?.replace(/^Bearer /, "") ?? "";
    const hash = createHash("sha256").update(token).digest("hex");
    if ((await sql.query(SESSION, [hash])).length === 1) next();
    else res.status(401).json({ code: "unauthenticated" });
  });
  app.get("/orders/:id", async (req, res) => {
    const [order] = await sql.query(GET_ORDER, [req.params.id as string]);
    if (!order) {
      res.status(404).json({ code: "not-found" });
      return;
    }
    res.json({ ...order, lines: await sql.query(GET_LINES, [req.params.id as string]) });
  });
  app.get("/orders", async (req, res) => {
    res.json({
      data: await sql.query(LIST_ORDERS, [String(req.query.status), String(req.query.from)]),
    });
  });
  app.post("/orders", async (req, res) => {
    const body = req.body as OrderBody;
    const lines = body.lines.map((line, i) => ({
      ...line,
      line_no: i + 1,
      amount: Math.round(line.qty * line.unit_price * 100) / 100,
    }));
    const total = lines.reduce((sum, line) => sum + line.amount, 0);
    const order = await sql.transaction(async (query) => {
      const [number] = await query(NEXT_NUMBER, []);
      const orderNo = `HW-${String(number!.value).padStart(7, "0")}`;
      const [stored] = await query(INSERT_ORDER, [
        orderNo,
        body.customer,
        body.delivery_date,
        total,
      ]);
      return {
        ...stored,
        lines: await query(INSERT_LINES, [stored!.id as string, JSON.stringify(lines)]),
      };
    });
    res.status(201).json(order);
  });
  return app;
}
