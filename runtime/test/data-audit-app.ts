import { randomUUID } from "node:crypto";
import type { Express } from "express";
import { Router } from "express";
import pino from "pino";
import { historyRouter } from "../src/api/audit/history-router.ts";
import { dataReadRouter } from "../src/api/data-read-router.ts";
import { compileReadPlans } from "../src/api/read-plan.ts";
import { trashRouter } from "../src/api/trash/trash-router.ts";
import type { Database } from "../src/db/database.ts";
import { createHttpApp } from "../src/server/http-app.ts";
import { LiveAppHolder } from "../src/server/live-app.ts";
import { currentRevision } from "../src/store/revisions.ts";

export { installSample } from "./support/sample-app.ts";

/**
 * An HTTP app serving reads, history and the trash for the database's current revision: the
 * routers composed as the data router will, without the write routes.
 */
export async function auditApp(db: Database): Promise<Express> {
  const revision = await db.run((k) => currentRevision(k));
  if (!revision) throw new Error("no revision installed");
  const { model } = revision;
  const plans = compileReadPlans(model);
  const router = Router();
  router.use(dataReadRouter(model, db, plans));
  router.use(historyRouter(model, db, plans));
  router.use(trashRouter(model, db, plans));
  return createHttpApp(
    new LiveAppHolder({
      revision: { id: revision.id, checksum: revision.checksum },
      model,
      router,
      workflow: null,
    }),
    db,
    pino({ level: "silent" }),
  );
}

export interface SeededOrder {
  customer: string;
  items: [string, string];
  order: string;
  lines: [string, string];
  schedules: [string, string];
}

/** A customer, two items and an order of two lines, the first with two delivery schedules. */
export async function seedOrder(db: Database): Promise<SeededOrder> {
  const tag = randomUUID().slice(0, 8).toUpperCase();
  const [unit, customer, order] = [randomUUID(), randomUUID(), randomUUID()];
  const items: [string, string] = [randomUUID(), randomUUID()];
  const lines: [string, string] = [randomUUID(), randomUUID()];
  const schedules: [string, string] = [randomUUID(), randomUUID()];
  await db.transaction(async (tx) => {
    const run = (sql: string, bindings: unknown[]) => tx.raw(sql, bindings as never);
    await run(`INSERT INTO app.unit (id, code, name) VALUES (?, ?, 'Piece')`, [unit, `U${tag}`]);
    await run(
      `INSERT INTO app.item (id, code, name, unit, standard_price, attributes) VALUES
       (?, ?, 'Bolt', ?, 0.25, '{"thread": "M8", "sizes": [8, 10]}'), (?, ?, 'Nut', ?, NULL, NULL)`,
      [items[0], `B${tag}`, unit, items[1], `N${tag}`, unit],
    );
    await run(
      `INSERT INTO app.customer (id, code, name, tags, credit_limit, created_by) VALUES (?, ?, 'Acme', ?, 5000.5, 'ann')`,
      [customer, `C${tag}`, ["key_account", "oem"]],
    );
    await run(
      `INSERT INTO app.sales_order (id, order_no, customer, order_date, delivery_date, remark, version)
       VALUES (?, ?, ?, '2024-02-29', '2024-03-15', 'rush', 3)`,
      [order, `SO-${tag}`, customer],
    );
    await run(
      `INSERT INTO app.sales_order_line (id, parent_id, line_no, item, qty, unit_price, discount) VALUES
       (?, ?, 1, ?, 12.5, 0.25, 10), (?, ?, 2, ?, 1000, 0.05, 0)`,
      [lines[0], order, items[0], lines[1], order, items[1]],
    );
    await run(
      `INSERT INTO app.delivery_schedule (id, parent_id, line_no, delivery_date, qty, delivered) VALUES
       (?, ?, 1, '2024-03-10', 5, true), (?, ?, 2, '2024-03-20', 7.5, false)`,
      [schedules[0], lines[0], schedules[1], lines[0]],
    );
  });
  return { customer, items, order, lines, schedules };
}

/** Rows of a system table, for checking what a request left behind. */
export async function countRows(
  db: Database,
  sql: string,
  bindings: unknown[] = [],
): Promise<number> {
  return db.run(async (k) => Number((await k.raw(sql, bindings as never)).rows[0].n));
}
