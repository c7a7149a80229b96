import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { testDatabases } from "./support/databases.ts";

describe.each(testDatabases())("database gateway on $name", ({ name, open }) => {
  let db: Database & { dispose(): Promise<void> };

  beforeAll(async () => {
    db = await open();
    await db.run((k) => k.raw("CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)"));
    await db.run((k) => k.raw("INSERT INTO counter VALUES (1, 0)"));
  });
  afterAll(() => db?.dispose());

  it("runs 50 concurrent runs and transactions to completion with correct results", async () => {
    let active = 0;
    let maxActive = 0;
    const track = async <T>(work: () => Promise<T>): Promise<T> => {
      active++;
      maxActive = Math.max(maxActive, active);
      try {
        return await work();
      } finally {
        active--;
      }
    };
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? db.run((k) =>
              track(async () => (await k.raw("SELECT ?::int AS i", [i])).rows[0].i as number),
            )
          : db.transaction((tx) =>
              track(async () => {
                await tx.raw("UPDATE counter SET n = n + 1 WHERE id = 1");
                return (await tx.raw("SELECT ?::int AS i", [i])).rows[0].i as number;
              }),
            ),
      ),
    );
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const { n } = await db.run(async (k) => (await k.raw("SELECT n FROM counter")).rows[0]);
    expect(n).toBe(25);
    // PGlite has one session: the gateway must have run one unit of work at a time
    if (name === "pglite") expect(maxActive).toBe(1);
  });

  it("rolls back every statement, DDL included, of a transaction that throws", async () => {
    const failure = db.transaction(async (tx) => {
      await tx.raw("UPDATE counter SET n = -1 WHERE id = 1");
      await tx.raw("CREATE TABLE half_done (id int)");
      throw new Error("injected");
    });
    await expect(failure).rejects.toThrow("injected");
    const state = await db.run(async (k) => ({
      n: (await k.raw("SELECT n FROM counter")).rows[0].n as number,
      table: (await k.raw("SELECT to_regclass('half_done') AS t")).rows[0].t as string | null,
    }));
    expect(state.n).not.toBe(-1);
    expect(state.table).toBeNull();
  });

  it("keeps working after a failed unit of work", async () => {
    await expect(db.run((k) => k.raw("SELECT * FROM no_such_table"))).rejects.toThrow();
    const { one } = await db.run(async (k) => (await k.raw("SELECT 1 AS one")).rows[0]);
    expect(one).toBe(1);
  });

  it("refuses work started from inside another unit of work instead of deadlocking", async () => {
    const nested = db.transaction(() => db.run((k) => k.raw("SELECT 1")));
    await expect(nested).rejects.toMatchObject({ code: "db-reentrant" });
  });

  it("runs a query builder returned from a callback exactly once", async () => {
    await db.run((k) => k.raw("CREATE TABLE once (id serial PRIMARY KEY)"));
    await db.run((k) => k("once").insert({}));
    await db.transaction((tx) => tx("once").insert({}));
    const { n } = await db.run(async (k) => (await k("once").count({ n: "*" }))[0]!);
    expect(Number(n)).toBe(2);
  });

  it("returns int8 values as strings, like a server", async () => {
    const row = await db.run(
      async (k) => (await k.raw("SELECT count(*) AS n FROM counter")).rows[0],
    );
    expect(row.n).toBe("1");
  });
});

describe.each(testDatabases())("closing a $name database", ({ open }) => {
  it("finishes queued work, then refuses new work", async () => {
    const db = await open();
    const queued = db.run(async (k) => (await k.raw("SELECT 42 AS x")).rows[0].x as number);
    const disposed = db.dispose();
    await expect(queued).resolves.toBe(42);
    await disposed;
    await expect(db.run((k) => k.raw("SELECT 1"))).rejects.toMatchObject({
      code: "database-closed",
    });
  });
});
