import { randomUUID } from "node:crypto";
import type { Express } from "express";
import fc from "fast-check";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { createHttpApp } from "../src/server/http-app.ts";
import { buildLiveApp, LiveAppHolder } from "../src/server/live-app.ts";
import { SAMPLE_PACKAGES } from "../src/server/start-server.ts";
import { applyPackages } from "../src/store/apply-packages.ts";
import { currentRevision } from "../src/store/revisions.ts";
import { bootstrapSystemSchema } from "../src/store/system-schema.ts";
import { type Api, authed, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";

type Value = string | number | boolean | null;
type Row = Record<string, Value> & { id: string };

/** Sortable customer columns and the few values each takes, so ties and NULLs are frequent. */
const COLUMNS: Record<string, readonly Value[]> = {
  name: ["a", "B", "b", "Ab", "ä"],
  credit_limit: [null, 0, 1.5, -2, 1000000.25],
  payment_terms_days: [null, 0, 30, -5],
  contact_person: [null, "", "x", "Y"],
  is_active: [null, true, false],
  customer_type: ["company", "individual"],
  // a microsecond apart: a cursor rounded to milliseconds would skip or repeat rows
  created_at: [
    "2024-01-01T00:00:00.000001Z",
    "2024-01-01T00:00:00.000002Z",
    "2023-12-31T23:59:59.999999Z",
  ],
};
const KEYS = Object.keys(COLUMNS);

const rowArbitrary = fc.record(
  Object.fromEntries(KEYS.map((key) => [key, fc.constantFrom(...COLUMNS[key]!)])),
) as fc.Arbitrary<Record<string, Value>>;

const sortArbitrary = fc
  .uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 3 })
  .chain((keys) =>
    fc.tuple(...keys.map((key) => fc.boolean().map((descending) => ({ key, descending })))),
  );

/** The order the API promises: code point text, NULLs last ascending / first descending, then id. */
function compareRows(sort: ReadonlyArray<{ key: string; descending: boolean }>) {
  return (a: Row, b: Row): number => {
    for (const { key, descending } of sort) {
      const [x, y] = [a[key] ?? null, b[key] ?? null];
      if (x === y) continue;
      if (x === null) return descending ? -1 : 1;
      if (y === null) return descending ? 1 : -1;
      const order = x < y ? -1 : 1;
      return descending ? -order : order;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

describe.each(testDatabases())("keyset paging on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  let app: Express;
  let api: Api;
  let run = 0;

  beforeAll(async () => {
    db = await open();
    await bootstrapSystemSchema(db);
    await applyPackages(db, SAMPLE_PACKAGES, { allowDataLoss: false, actor: "test" });
    const revision = await db.run((k) => currentRevision(k));
    app = createHttpApp(
      new LiveAppHolder(buildLiveApp(revision, db)),
      db,
      pino({ level: "silent" }),
    );
    api = authed(app, (await signIn(db)).token);
  });
  afterAll(() => db?.dispose());

  it("returns every row exactly once, in the sort order, for random rows, sorts and limits", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArbitrary, { minLength: 0, maxLength: 12 }),
        sortArbitrary,
        fc.integer({ min: 1, max: 4 }),
        async (values, sort, limit) => {
          const tag = `run-${++run}`;
          const rows: Row[] = values.map((v) => ({ ...v, id: randomUUID() }));
          await db.transaction(async (tx) => {
            for (const [i, row] of rows.entries()) {
              await tx.raw(
                `INSERT INTO app.customer (id, code, remark, name, credit_limit, payment_terms_days,
                   contact_person, is_active, customer_type, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
                [row.id, `P${run}-${i}`, tag, ...KEYS.map((key) => row[key] ?? null)] as never,
              );
            }
          });
          const spec = sort.map((k) => `${k.descending ? "-" : ""}${k.key}`).join(",");
          const seen: string[] = [];
          let cursor: string | null = null;
          do {
            const response = await api
              .get("/api/data/customer")
              .query({ remark: tag, sort: spec, limit: String(limit), ...(cursor && { cursor }) });
            expect(response.status, JSON.stringify(response.body)).toBe(200);
            expect(response.body.data.length).toBeLessThanOrEqual(limit);
            seen.push(...response.body.data.map((r: Row) => r.id));
            cursor = response.body.nextCursor;
          } while (cursor && seen.length <= rows.length);
          expect(seen).toEqual(rows.sort(compareRows(sort)).map((r) => r.id));
        },
      ),
      { numRuns: 40 },
    );
  });
});
