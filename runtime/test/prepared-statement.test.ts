import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import {
  preparedStatement,
  REQUEST_STATEMENT_BUDGET,
  requestStatement,
  runStatement,
} from "../src/db/prepared-statement.ts";
import { testDatabases } from "./support/databases.ts";

describe("naming statements", () => {
  it("names the same text and shape alike, and a new shape differently", () => {
    const text = "SELECT * FROM t WHERE id = ?";
    expect(preparedStatement(text, "a")).toEqual(preparedStatement(text, "a"));
    expect(preparedStatement(text, "a").name).not.toBe(preparedStatement(text, "b").name);
    expect(preparedStatement(text).name).toMatch(/^loom_[0-9a-f]{32}$/);
  });

  it("prepares request-built texts only while the budget lasts, keeping the ones it has", () => {
    const texts = Array.from(
      { length: REQUEST_STATEMENT_BUDGET + 10 },
      (_, i) => `SELECT ${i} AS n`,
    );
    const statements = texts.map((text) => requestStatement(text));
    const named = statements.filter((s) => "name" in s);
    expect(named).toHaveLength(REQUEST_STATEMENT_BUDGET);
    expect(statements.at(-1)).toEqual({ text: texts.at(-1) });
    expect(requestStatement(texts[0]!)).toEqual(statements[0]);
  });
});

describe.each(testDatabases())("prepared statements on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };

  beforeAll(async () => {
    db = await open();
    await db.run((k) => k.raw("CREATE TABLE price (id int PRIMARY KEY, amount numeric(10,2))"));
    await db.run((k) => k.raw("INSERT INTO price VALUES (1, 12.5)"));
  });
  afterAll(() => db?.dispose());

  const read = (shape: string) => preparedStatement("SELECT amount FROM price WHERE id = ?", shape);

  it("runs a named statement again with other values, and an unnamed one", async () => {
    const statement = preparedStatement("SELECT ?::int + 1 AS n");
    for (const value of [1, 2, 3]) {
      const rows = await db.run((k) => runStatement(k, statement, [value]));
      expect(rows).toEqual([{ n: value + 1 }]);
    }
    expect(await db.run((k) => runStatement(k, { text: "SELECT ?::text AS t" }, ["x"]))).toEqual([
      { t: "x" },
    ]);
  });

  it("needs a new name once a column changes type under a statement: the shape gives it", async () => {
    // one session on PGlite; on a server, a transaction keeps every step on one connection
    await db.transaction(async (tx) => {
      expect(await runStatement(tx, read("numeric(10,2)"), [1])).toEqual([{ amount: "12.50" }]);
      await tx.raw("ALTER TABLE price ALTER COLUMN amount TYPE numeric(12,4)");
      expect(await runStatement(tx, read("numeric(12,4)"), [1])).toEqual([{ amount: "12.5000" }]);
      await tx.raw("SAVEPOINT stale");
      await expect(runStatement(tx, read("numeric(10,2)"), [1])).rejects.toThrow(
        /cached plan must not change result type/,
      );
      await tx.raw("ROLLBACK TO SAVEPOINT stale");
    });
  });
});
