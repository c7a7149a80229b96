import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
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
