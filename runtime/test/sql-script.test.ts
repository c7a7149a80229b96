import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { escapePlaceholders, runStatements } from "../src/store/sql-script.ts";
import { testDatabases } from "./support/databases.ts";

describe.each(testDatabases())("parameterless statements on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db?.dispose());

  it("reach the database with their question marks intact", async () => {
    await db.run((k) =>
      runStatements(k, [
        "CREATE TABLE marks (s text, m boolean)",
        `INSERT INTO marks SELECT 'why?', '{"a":1}'::jsonb ? 'a'`,
      ]),
    );
    const rows = await db.run(async (k) => (await k.raw("SELECT s, m FROM marks")).rows);
    expect(rows).toEqual([{ s: "why?", m: true }]);
  });
});

describe("escapePlaceholders", () => {
  it("refuses a backslash before a question mark, which knex would silently drop", () => {
    expect(() => escapePlaceholders("SELECT 'a' ~ '\\?'")).toThrow(/\\\?/);
  });
});
