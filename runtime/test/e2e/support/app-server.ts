import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { Database } from "../../../src/db/database.ts";
import { signIn, TEST_PASSWORD } from "../../support/auth.ts";
import { testDatabases } from "../../support/databases.ts";
import { useSampleServer } from "../../support/sample-app.ts";

/**
 * The sample served for a file's browser tests, in a database of the file's own: on PGlite, or on
 * the PostgreSQL server in the e2e-pg project (vitest.config.ts sets LOOM_E2E_DATABASE).
 */
export function useAppServer() {
  const name = process.env.LOOM_E2E_DATABASE ?? "pglite";
  const target = testDatabases().find((database) => database.name === name);
  if (!target) throw new Error(`browser tests on ${name} need DATABASE_URL`);
  return useSampleServer(target);
}

/** The people of the sample's sales-order flow, with the roles and attributes their scopes read. */
export const PEOPLE = {
  rep: { username: "li.wei", roles: ["sales_rep"], attributes: { department: "domestic" } },
  manager: {
    username: "wang.fang",
    roles: ["sales_manager"],
    attributes: { department: "domestic" },
  },
  clerk: { username: "zhao.lei", roles: ["warehouse_clerk"], attributes: {} },
  /** IT: the built-in administrator role, who moves packages between environments in /designer */
  administrator: { username: "wu.gang", roles: ["admin"], attributes: {} },
  /** designs in /designer (the sample role `consultant`), and may enter sales orders */
  consultant: { username: "chen.jing", roles: ["consultant"], attributes: {} },
  /** the purchase order workflow drawn in the designer: a buyer submits, two levels approve */
  buyer: { username: "sun.li", roles: ["buyer"], attributes: {} },
  purchasingManager: { username: "zhou.min", roles: ["purchasing_manager"], attributes: {} },
  cfo: { username: "liu.yang", roles: ["cfo"], attributes: {} },
  /** the role the consultant makes in the role editor: the orders of their own department */
  regionalSales: {
    username: "ma.lin",
    roles: ["regional_sales"],
    attributes: { department: "export" },
  },
} as const;

export type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

/** A user with TEST_PASSWORD (made once); the browser signs in through the page. */
export async function addUser(db: Database, person: Person): Promise<void> {
  await signIn(db, {
    username: person.username,
    roles: [...person.roles],
    attributes: { ...person.attributes },
  });
}

/** The master data the flows pick from: a unit, two customers, three items, a warehouse. */
export interface Seeded {
  customer: string;
  items: string[];
  warehouse: string;
}

export async function seedMasterData(db: Database): Promise<Seeded> {
  const unit = randomUUID();
  const customers = [randomUUID(), randomUUID()];
  const items: [string, string, string] = [randomUUID(), randomUUID(), randomUUID()];
  const warehouse = randomUUID();
  await db.transaction(async (tx) => {
    await tx.raw(`INSERT INTO app.unit (id, code, name, decimals) VALUES (?, 'PCS', 'Piece', 0)`, [
      unit,
    ]);
    await tx.raw(
      `INSERT INTO app.customer (id, code, name, customer_type, credit_limit, is_active)
       VALUES (?, 'C-ACME', 'Acme Machinery', 'company', 5000000, true),
              (?, 'C-BETA', 'Beta Tools', 'company', 5000000, true)`,
      customers,
    );
    await tx.raw(
      `INSERT INTO app.item (id, code, name, item_type, unit, standard_price)
       VALUES (?, 'I-PUMP', 'Centrifugal Pump', 'finished_good', ?, 1250),
              (?, 'I-VALVE', 'Ball Valve', 'finished_good', ?, 85.5),
              (?, 'I-MOTOR', 'Electric Motor', 'finished_good', ?, 640)`,
      [items[0], unit, items[1], unit, items[2], unit],
    );
    await tx.raw(
      `INSERT INTO app.warehouse (id, code, name, warehouse_type, manager, is_active)
       VALUES (?, 'WH-1', 'Main Warehouse', 'finished_goods', 'zhao.lei', true)`,
      [warehouse],
    );
  });
  return { customer: customers[0]!, items, warehouse };
}

/** Opens the app (or `path`: the designer) and signs in through its sign-in page, as a person would. */
export async function signInThroughPage(
  page: Page,
  url: string,
  person: Person,
  path = "/app/",
): Promise<void> {
  await page.goto(`${url}${path}`);
  await page.fill("#username", person.username);
  await page.fill("#password", TEST_PASSWORD);
  await page.click("button[type=submit]");
  await page.waitForSelector("[data-testid=user-name]");
  expect(await page.textContent("[data-testid=user-name]")).toBe(person.username);
}
