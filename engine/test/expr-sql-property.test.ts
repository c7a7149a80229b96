import { PGlite } from "@electric-sql/pglite";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  compileFilter,
  type ExprModel,
  evaluate,
  isTruthy,
  type JsonLogic,
  type SqlTarget,
} from "../src/expr/index.ts";

/**
 * The contract of the expression module: on the same rows, the compiled filter selects exactly
 * the rows for which the evaluator says true. Random tables × random filters, on PGlite and (with
 * DATABASE_URL) on the PostgreSQL server.
 */

interface Database {
  query(text: string, params: readonly unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

const SCHEMA = `expr_prop_${Math.random().toString(36).slice(2, 10)}`;
const NOW = new Date("2024-02-29T10:30:00.000Z");
const USER = {
  level: 2,
  name: "a",
  pid: "P1",
  ids: ["P1", "P3"],
  nums: [1, 2.5, "x", null],
  admin: false,
};
const PARENT_IDS = ["P1", "P2", "P3"] as const;

const model: ExprModel = {
  entities: {
    row: {
      table: "row",
      fields: [
        { name: "i", type: "integer", column: "i" },
        { name: "n", type: "decimal", column: "n" },
        { name: "s", type: "text", column: "s" },
        { name: "b", type: "boolean", column: "b" },
        { name: "d", type: "date", column: "d" },
        { name: "ts", type: "datetime", column: "ts" },
        { name: "p", type: "link", target: "parent", column: "p" },
      ],
    },
    parent: {
      table: "parent",
      fields: [
        { name: "pi", type: "integer", column: "pi" },
        { name: "ps", type: "text", column: "ps" },
      ],
    },
  },
};
const target: SqlTarget = {
  model,
  entity: "row",
  alias: "r",
  schema: SCHEMA,
  user: USER,
  now: NOW,
};

// ---- random tables -------------------------------------------------------------------------

const TEXTS = [
  "",
  "a",
  "b",
  "A",
  "B",
  "ab",
  "a b",
  "é",
  "Z",
  "😀",
  "\uFFFD",
  "it's",
  "%",
  "_",
  "2024-02-29",
];
const DATES = ["2023-12-31", "2024-02-28", "2024-02-29", "2024-03-01", "2025-01-01"];
const DATETIMES = [
  "2024-02-29T00:00:00.000Z",
  "2024-02-29T10:30:00.000Z",
  "2024-02-28T23:59:59.999Z",
  "2024-03-01T08:00:00.000Z",
];

const orNull = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });
const small = fc.integer({ min: -20, max: 20 });
const tiny = fc.integer({ min: -3, max: 3 });
/** decimals with at most 2 places, written as JS writes them (0.07, -12.5); often small, so they meet */
const cents = fc.oneof(
  fc.constantFrom(-1.5, -0.5, 0, 0.1, 0.2, 0.3, 1.5, 2.5),
  fc.integer({ min: -2000, max: 2000 }).map((c) => c / 100),
);
const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TEXTS) },
  fc.string({ unit: fc.constantFrom("a", "b", "é", "😀", " ", "'"), maxLength: 3 }),
);

const parentRow = (id: string) =>
  fc.record({ id: fc.constant(id), pi: orNull(fc.oneof(tiny, small)), ps: orNull(text) });
const dataRow = fc.record({
  i: orNull(fc.oneof(tiny, small)),
  n: orNull(cents),
  s: orNull(text),
  b: orNull(fc.boolean()),
  d: orNull(fc.constantFrom(...DATES)),
  ts: orNull(fc.constantFrom(...DATETIMES)),
  p: orNull(fc.constantFrom(...PARENT_IDS)),
});
const table = fc.record({
  parents: fc.tuple(...PARENT_IDS.map(parentRow)),
  rows: fc.array(dataRow, { maxLength: 12 }),
});

type Table = typeof table extends fc.Arbitrary<infer T> ? T : never;

// ---- random filters ------------------------------------------------------------------------

const v = (path: string): JsonLogic => ({ var: path });
const op =
  (name: string) =>
  (args: JsonLogic[]): JsonLogic => ({ [name]: args });

interface Grammar {
  cond: fc.Arbitrary<JsonLogic>;
  num: fc.Arbitrary<JsonLogic>;
  txt: fc.Arbitrary<JsonLogic>;
  date: fc.Arbitrary<JsonLogic>;
  time: fc.Arbitrary<JsonLogic>;
  bool: fc.Arbitrary<JsonLogic>;
  id: fc.Arbitrary<JsonLogic>;
}

/** mostly fields, so most filters read the row; values from the same small pools as the rows */
const leaves: Grammar = {
  num: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(v("i"), v("n"), v("p.pi"), { var: ["i", 0] }, { var: ["n", 1.5] }),
    },
    { weight: 2, arbitrary: fc.oneof(tiny, cents) },
    fc.constantFrom(v("$user.level"), v("$user.none"), null),
  ),
  txt: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(v("s"), v("p.ps"), { var: ["s", "b"] }) },
    { weight: 2, arbitrary: text },
    fc.constantFrom(v("$user.name"), null),
  ),
  date: fc.oneof(
    { weight: 3, arbitrary: fc.constant(v("d")) },
    { weight: 2, arbitrary: fc.constantFrom(...DATES) },
    fc.constantFrom<JsonLogic>({ today: [] }, null),
  ),
  // datetimes in several spellings, and dates, which compare as the instant the day starts
  time: fc.oneof(
    { weight: 3, arbitrary: fc.constant(v("ts")) },
    { weight: 2, arbitrary: fc.constantFrom(...DATETIMES, ...DATES) },
    fc.constantFrom<JsonLogic>(
      { now: [] },
      null,
      "2024-02-29T18:30:00+08:00",
      "2024-02-29T10:30:00Z",
    ),
  ),
  bool: fc.oneof(
    { weight: 3, arbitrary: fc.constant(v("b")) },
    fc.constantFrom(true, false, null, v("$user.admin")),
  ),
  id: fc.oneof(
    { weight: 3, arbitrary: fc.constant(v("p")) },
    fc.constantFrom("P1", "P2", "P9", null, v("$user.pid")),
  ),
  cond: fc.oneof(
    { weight: 3, arbitrary: fc.constant(v("b")) },
    fc.constantFrom<JsonLogic>(true, false),
  ),
};

const COMPARE = ["==", "!=", "===", "!==", "<", "<=", ">", ">="];

/** One more level of nesting over `sub`; arithmetic stays at most two deep so products keep ≤ 15 digits. */
function level(sub: Grammar, numbers: boolean): Grammar {
  const ifOf = (arb: fc.Arbitrary<JsonLogic>) =>
    fc.oneof(
      fc.tuple(sub.cond, arb, arb).map(op("if")),
      fc.tuple(sub.cond, arb).map(op("if")),
      fc.tuple(sub.cond, arb, sub.cond, arb, arb).map(op("if")),
    );
  const num = numbers
    ? fc.oneof(
        { weight: 4, arbitrary: sub.num },
        fc.tuple(sub.num, sub.num).map(op("+")),
        fc.tuple(sub.num, sub.num, sub.num).map(op("+")),
        fc.tuple(sub.num, sub.num).map(op("-")),
        sub.num.map((a) => op("-")([a])),
        fc.tuple(sub.num, sub.num).map(op("*")),
        fc.tuple(sub.num, sub.num).map(op("%")),
        ifOf(sub.num),
      )
    : sub.num;
  const withIf = (arb: fc.Arbitrary<JsonLogic>) =>
    fc.oneof({ weight: 3, arbitrary: arb }, ifOf(arb));
  const txt = withIf(sub.txt);
  const date = withIf(sub.date);
  const time = withIf(sub.time);
  const compare = (arb: fc.Arbitrary<JsonLogic>, ops = COMPARE) =>
    fc.tuple(fc.constantFrom(...ops), arb, arb).map(([name, a, b]) => op(name)([a, b]));
  const between = (arb: fc.Arbitrary<JsonLogic>) =>
    fc
      .tuple(fc.constantFrom("<", "<="), arb, arb, arb)
      .map(([name, a, b, c]) => op(name)([a, b, c]));
  const list = <T extends JsonLogic>(arb: fc.Arbitrary<T>) => fc.array(arb, { maxLength: 4 });
  const boolValue = fc.oneof(
    sub.bool,
    sub.cond,
    fc.tuple(sub.cond, sub.cond).map(op("and")),
    fc.tuple(sub.cond, sub.cond).map(op("or")),
  );
  const cond = fc.oneof(
    compare(num),
    compare(txt),
    compare(date),
    compare(fc.oneof(date, time)),
    compare(sub.bool, ["==", "!=", "===", "!=="]),
    compare(boolValue, ["==", "!="]),
    compare(sub.id, ["==", "!="]),
    between(num),
    between(txt),
    // in over lists of values (other kinds mixed in), of $user, of expressions; text containment
    fc
      .tuple(num, list(fc.oneof(small, cents, fc.constantFrom<JsonLogic>(null, "1", true))))
      .map(op("in")),
    fc.tuple(txt, list(fc.oneof(text, fc.constantFrom<JsonLogic>(null, 1)))).map(op("in")),
    fc.tuple(date, list(fc.constantFrom<JsonLogic>(...DATES, ...DATETIMES, null))).map(op("in")),
    fc.tuple(sub.id, list(fc.constantFrom<JsonLogic>(...PARENT_IDS, "P9", null))).map(op("in")),
    fc.tuple(sub.id, fc.constant(v("$user.ids"))).map(op("in")),
    fc.tuple(num, fc.constant(v("$user.nums"))).map(op("in")),
    fc.tuple(num, list(sub.num)).map(op("in")),
    fc.tuple(txt, list(sub.txt)).map(op("in")),
    fc.tuple(txt, sub.txt).map(op("in")),
    fc.array(sub.cond, { minLength: 1, maxLength: 3 }).map(op("and")),
    fc.array(sub.cond, { minLength: 1, maxLength: 3 }).map(op("or")),
    sub.cond.map((a) => op("!")([a])),
    sub.cond.map((a) => op("!!")([a])),
    ifOf(sub.cond),
    sub.cond,
  );
  return { cond, num, txt, date, time, bool: sub.bool, id: sub.id };
}

const grammar = level(level(level(leaves, true), true), false);
const filters = fc.array(grammar.cond, { minLength: 1, maxLength: 4 });

// ---- the property --------------------------------------------------------------------------

async function createTables(db: Database): Promise<void> {
  await db.query(`CREATE SCHEMA "${SCHEMA}"`, []);
  await db.query(
    `CREATE TABLE "${SCHEMA}"."parent" (id text PRIMARY KEY, pi integer, ps text)`,
    [],
  );
  await db.query(
    `CREATE TABLE "${SCHEMA}"."row" (id integer PRIMARY KEY, i integer, n numeric(12, 2), s text, b boolean, d date, ts timestamptz, p text)`,
    [],
  );
}

async function load(db: Database, { parents, rows }: Table): Promise<void> {
  // DELETE, not TRUNCATE: a dozen rows, and TRUNCATE costs a new file on the server each time
  await db.query(`DELETE FROM "${SCHEMA}"."row"`, []);
  await db.query(`DELETE FROM "${SCHEMA}"."parent"`, []);
  await insert(
    db,
    "parent",
    ["id", "pi", "ps"],
    parents.map((p) => [p.id, p.pi, p.ps]),
  );
  const columns = ["id", "i", "n", "s", "b", "d", "ts", "p"];
  await insert(
    db,
    "row",
    columns,
    rows.map((r, k) => [k + 1, r.i, r.n, r.s, r.b, r.d, r.ts, r.p]),
  );
}

async function insert(
  db: Database,
  name: string,
  columns: string[],
  values: unknown[][],
): Promise<void> {
  if (values.length === 0) return;
  let n = 0;
  const tuples = values.map((row) => `(${row.map(() => `$${++n}`).join(", ")})`);
  await db.query(
    `INSERT INTO "${SCHEMA}"."${name}" (${columns.join(", ")}) VALUES ${tuples.join(", ")}`,
    values.flat(),
  );
}

/** What the evaluator sees: the record with its link expanded, as the runtime hands it over. */
function records({ parents, rows }: Table): Record<string, unknown>[] {
  return rows.map((r, k) => ({ id: k + 1, ...r, p: parents.find((p) => p.id === r.p) ?? null }));
}

/** knex.raw's `?` placeholders → PostgreSQL's `$n` (the compiler writes `?` only as a placeholder). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

async function selectedIds(db: Database, expr: JsonLogic): Promise<number[]> {
  const { sql, params } = compileFilter(expr, target);
  const query = `SELECT "r"."id" FROM "${SCHEMA}"."row" "r" WHERE ${numbered(sql)} ORDER BY 1`;
  const { rows } = await db.query(query, params);
  return rows.map((row) => Number(row.id));
}

const databases: { name: string; open: () => Promise<Database> }[] = [
  {
    name: "PGlite",
    open: async () => {
      const db = await PGlite.create();
      return { query: (text, params) => db.query(text, [...params]), close: () => db.close() };
    },
  },
];
if (process.env.DATABASE_URL) {
  databases.push({
    name: "the PostgreSQL server",
    open: async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      return {
        query: (text, params) => client.query(text, [...params]),
        close: async () => {
          await client.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
          await client.end();
        },
      };
    },
  });
}

describe.each(databases)("json-logic filters on $name", ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
    await createTables(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("select exactly the rows for which the evaluator says true", async () => {
    await fc.assert(
      fc.asyncProperty(table, filters, async (data, exprs) => {
        await load(db, data);
        const recs = records(data);
        for (const expr of exprs) {
          const expected = recs
            .filter((rec) => isTruthy(evaluate(expr, rec, { user: USER, now: NOW })))
            .map((rec) => rec.id);
          expect({ expr, ids: await selectedIds(db, expr) }).toEqual({ expr, ids: expected });
        }
      }),
      // EXPR_RUNS=5000 to search harder after a change
      { numRuns: Number(process.env.EXPR_RUNS ?? 250) },
    );
  });

  it("agree on link paths, $user and dates in a fixed example", async () => {
    const data: Table = {
      parents: [
        { id: "P1", pi: 5, ps: "north" },
        { id: "P2", pi: null, ps: "south" },
        { id: "P3", pi: 7, ps: null },
      ],
      rows: [
        { i: 1, n: 0.1, s: "a", b: true, d: "2024-02-29", ts: "2024-02-29T00:00:00.000Z", p: "P1" },
        { i: null, n: null, s: null, b: null, d: null, ts: null, p: null },
        {
          i: 3,
          n: 0.2,
          s: "b",
          b: false,
          d: "2024-02-28",
          ts: "2024-02-29T10:30:00.000Z",
          p: "P2",
        },
      ],
    };
    await load(db, data);
    const cases: [JsonLogic, number[]][] = [
      [{ "==": [v("p.ps"), "north"] }, [1]],
      [{ "!": { "==": [v("p.pi"), 5] } }, [2, 3]],
      [{ in: [v("p"), v("$user.ids")] }, [1]],
      [{ "==": [{ "+": [v("n"), 0.2] }, 0.3] }, [1]],
      [{ ">=": [v("ts"), { today: [] }] }, [1, 3]],
      [{ "==": [v("d"), v("ts")] }, [1, 2]],
      [{ "<": [v("d"), { today: [] }] }, [3]],
      [{ "!": { "<": [v("i"), 2] } }, [2, 3]],
    ];
    for (const [expr, ids] of cases) {
      const expected = records(data).filter((rec) =>
        isTruthy(evaluate(expr, rec, { user: USER, now: NOW })),
      );
      expect(expected.map((rec) => rec.id)).toEqual(ids);
      expect(await selectedIds(db, expr)).toEqual(ids);
    }
  });
});
