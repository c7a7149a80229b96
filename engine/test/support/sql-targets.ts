import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { CAST_FUNCTIONS_SQL } from "../../src/plan/cast-functions.ts";
import type { MigrationPlan } from "../../src/plan/types.ts";
import type { Query } from "./introspect.ts";

/** A database a test runs SQL on: PGlite always, the PostgreSQL server when DATABASE_URL is set. */
export interface SqlTarget {
  /** parameterless SQL, possibly several statements */
  exec(sql: string): Promise<void>;
  query: Query;
  close(): Promise<void>;
}

export interface SqlTargetKind {
  readonly name: string;
  open(): Promise<SqlTarget>;
}

export function sqlTargets(): SqlTargetKind[] {
  const url = process.env.DATABASE_URL;
  const pglite: SqlTargetKind = { name: "PGlite", open: openPglite };
  return url ? [pglite, { name: "PostgreSQL server", open: () => openServer(url) }] : [pglite];
}

async function openPglite(): Promise<SqlTarget> {
  const db = await PGlite.create();
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async (sql, params) =>
      (await db.query<Record<string, unknown>>(sql, [...(params ?? [])])).rows,
    close: () => db.close(),
  };
}

/** A database of its own with a random name, dropped on close. */
async function openServer(url: string): Promise<SqlTarget> {
  const name = `loom_test_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async (sql, params) => (await client.query(sql, [...(params ?? [])])).rows,
    close: async () => {
      await client.end();
      await admin.query(`DROP DATABASE "${name}"`);
      await admin.end();
    },
  };
}

/** Runs `run` on fresh `app` and `loom_sys` schemas inside a transaction that is always rolled back. */
export async function inScratchSchemas(db: SqlTarget, run: () => Promise<void>): Promise<void> {
  await db.exec("BEGIN; CREATE SCHEMA app; CREATE SCHEMA loom_sys;");
  try {
    await db.exec(CAST_FUNCTIONS_SQL);
    await run();
  } finally {
    await db.exec("ROLLBACK");
  }
}

/** Runs a plan's statements in order; with `keep`, each step's keepSql first (onConversionFailure keep). */
export async function applyPlan(
  db: SqlTarget,
  plan: MigrationPlan,
  options: { keep?: boolean } = {},
): Promise<void> {
  for (const step of plan.steps) {
    if (options.keep) for (const sql of step.check?.keepSql ?? []) await db.exec(sql);
    for (const sql of step.sql) await db.exec(sql);
  }
}
