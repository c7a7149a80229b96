import { describe, expect, it } from "vitest";
import {
  compileFilter,
  type ExprModel,
  type JsonLogic,
  type SqlTarget,
} from "../src/expr/index.ts";
import { salesModel as model } from "./support/expr-model.ts";

const target: SqlTarget = {
  model,
  entity: "sales_order",
  alias: "o",
  schema: "app",
  user: { id: "U7", region: "north", level: 3, admin: false },
  now: new Date("2024-02-29T10:30:00.000Z"),
};
const compile = (expr: JsonLogic, over: Partial<SqlTarget> = {}) =>
  compileFilter(expr, { ...target, ...over });
const failure = (expr: JsonLogic) => {
  try {
    compile(expr);
  } catch (error) {
    return error as { code: string; issues: { code: string; path: string }[] };
  }
  throw new Error("compiled");
};

describe("compileFilter: fields and values", () => {
  it("binds every value as a cast param and quotes every identifier", () => {
    expect(compile({ "==": [{ var: "note" }, "hello"] })).toEqual({
      sql: '("o"."note" = ?::text)',
      params: ["hello"],
    });
    expect(compile({ ">": [{ var: "total" }, 9.99] })).toEqual({
      sql: '("o"."total" > ?::numeric)',
      params: [9.99],
    });
    expect(compile({ "<=": [{ var: "due" }, "2024-03-01"] })).toEqual({
      sql: '("o"."due" <= ?::date)',
      params: ["2024-03-01"],
    });
    expect(compile({ "==": [{ var: "urgent" }, true] })).toEqual({
      sql: '("o"."urgent" = ?::boolean)',
      params: [true],
    });
  });

  it("keeps an integer column's index usable with a bigint param, numeric for a fraction", () => {
    expect(compile({ "==": [{ var: "qty" }, 5] })).toEqual({
      sql: '("o"."qty" = ?::bigint)',
      params: [5],
    });
    expect(compile({ "<": [{ var: "qty" }, 5.5] })).toEqual({
      sql: '("o"."qty" < ?::numeric)',
      params: [5.5],
    });
  });

  it("casts a datetime param as timestamptz, in canonical form", () => {
    expect(compile({ ">=": [{ var: "shipped_at" }, "2024-02-29T18:30:00+08:00"] })).toEqual({
      sql: '("o"."shipped_at" >= ?::timestamptz)',
      params: ["2024-02-29T10:30:00.000Z"],
    });
  });

  it("compares a date with a datetime at midnight UTC, on both sides", () => {
    expect(compile({ ">=": [{ var: "shipped_at" }, { today: [] }] })).toEqual({
      sql: '("o"."shipped_at" >= ?::timestamptz)',
      params: ["2024-02-29T00:00:00.000Z"],
    });
    expect(compile({ "<": [{ var: "due" }, { var: "shipped_at" }] }).sql).toBe(
      `(("o"."due"::timestamp AT TIME ZONE 'UTC') < "o"."shipped_at")`,
    );
  });

  it("leaves a link's param uncast, so the column's key type applies", () => {
    expect(compile({ "==": [{ var: "customer" }, "C1"] })).toEqual({
      sql: '("o"."customer" = ?)',
      params: ["C1"],
    });
    expect(compile({ "==": [{ var: "created_by" }, { var: "$user.id" }] })).toEqual({
      sql: '("o"."created_by" = ?)',
      params: ["U7"],
    });
  });

  it("compiles a link path to a scalar subquery on the target's id", () => {
    expect(compile({ "==": [{ var: "customer.region" }, "north"] })).toEqual({
      sql: '((SELECT "t1"."region" FROM "app"."customer" "t1" WHERE "t1"."id" = "o"."customer") = ?::text)',
      params: ["north"],
    });
  });

  it("nests the subqueries of deeper paths, with aliases unique in the whole filter", () => {
    const { sql } = compile({
      or: [
        { "==": [{ var: "customer.territory.manager" }, "Ann"] },
        { "==": [{ var: "customer.territory.parent.manager" }, "Bob"] },
      ],
    });
    expect(sql).toContain(
      '(SELECT "t2"."manager" FROM "app"."territory" "t2" WHERE "t2"."id" = (SELECT "t1"."territory" FROM "app"."customer" "t1" WHERE "t1"."id" = "o"."customer"))',
    );
    const aliases = [...sql.matchAll(/FROM "app"\."\w+" "(t\d+)"/g)].map((m) => m[1]);
    expect(aliases).toHaveLength(5);
    expect(new Set(aliases).size).toBe(5);
  });

  it("never gives a subquery the alias of the filtered table", () => {
    const { sql } = compile({ "==": [{ var: "customer.region" }, "x"] }, { alias: "t1" });
    expect(sql).toBe(
      '((SELECT "t2"."region" FROM "app"."customer" "t2" WHERE "t2"."id" = "t1"."customer") = ?::text)',
    );
  });

  it("doubles a quote inside an identifier (names are validated; this is defence in depth)", () => {
    const odd: ExprModel = {
      entities: {
        'we"ird': { table: 'ta"ble', fields: [{ name: "x", type: "text", column: 'co"l' }] },
      },
    };
    const { sql } = compileFilter(
      { "==": [{ var: "x" }, "v"] },
      { ...target, model: odd, entity: 'we"ird', alias: 'a"b', schema: 's"c' },
    );
    expect(sql).toBe('("a""b"."co""l" = ?::text)');
  });

  it("keeps an injection attempt in a param, out of the SQL text", () => {
    const attack = "x'); DROP TABLE sales_order; --";
    const { sql, params } = compile({
      or: [{ "==": [{ var: "note" }, attack] }, { in: [attack, { var: "note" }] }],
    });
    expect(sql).not.toContain("DROP");
    expect(sql).not.toContain("'");
    expect(params).toEqual([attack, attack]);
  });

  it("binds $user values, and reads an absent one as null", () => {
    expect(compile({ "==": [{ var: "customer.region" }, { var: "$user.region" }] }).params).toEqual(
      ["north"],
    );
    expect(compile({ "==": [{ var: "note" }, { var: "$user.nothing" }] })).toEqual({
      sql: '("o"."note" IS NULL)',
      params: [],
    });
    expect(
      compile({ "==": [{ var: "note" }, { var: "$user.region" }] }, { user: undefined }),
    ).toEqual({
      sql: '("o"."note" IS NULL)',
      params: [],
    });
  });

  it("folds what does not read the record into one param, evaluated by the evaluator", () => {
    expect(compile({ "==": [{ var: "$user.level" }, 3] })).toEqual({
      sql: "?::boolean",
      params: [true],
    });
    expect(
      compile({
        or: [{ var: "$user.admin" }, { "==": [{ var: "created_by" }, { var: "$user.id" }] }],
      }),
    ).toEqual({
      sql: '(?::boolean OR ("o"."created_by" = ?))',
      params: [false, "U7"],
    });
    expect(compile({ ">": [{ var: "qty" }, { "*": [{ var: "$user.level" }, 2] }] }).params).toEqual(
      [6],
    );
    expect(compile({ "<": [{ var: "due" }, { today: [] }] }).params).toEqual(["2024-02-29"]);
    expect(compile({ "<": [{ var: "shipped_at" }, { now: [] }] }).params).toEqual([
      "2024-02-29T10:30:00.000Z",
    ]);
  });

  it("applies a var default with COALESCE", () => {
    expect(compile({ ">": [{ var: ["qty", 0] }, -1] })).toEqual({
      sql: '(COALESCE("o"."qty", ?::bigint) > ?::bigint)',
      params: [0, -1],
    });
  });
});

describe("compileFilter: null and two-valued booleans", () => {
  it("compiles == null to IS NULL and != null to IS NOT NULL", () => {
    expect(compile({ "==": [{ var: "note" }, null] }).sql).toBe('("o"."note" IS NULL)');
    expect(compile({ "!=": [null, { var: "note" }] }).sql).toBe('("o"."note" IS NOT NULL)');
  });

  it("uses IS [NOT] DISTINCT FROM between two columns, and for != always", () => {
    expect(compile({ "==": [{ var: "note" }, { var: "customer.region" }] }).sql).toMatch(
      /^\("o"\."note" IS NOT DISTINCT FROM \(SELECT/,
    );
    expect(compile({ "!=": [{ var: "note" }, "x"] }).sql).toBe(
      '("o"."note" IS DISTINCT FROM ?::text)',
    );
  });

  it("makes every condition under ! two-valued, so NOT matches JS", () => {
    expect(compile({ "!": { "==": [{ var: "note" }, "x"] } }).sql).toBe(
      '(NOT ("o"."note" IS NOT DISTINCT FROM ?::text))',
    );
    expect(compile({ "!": { "<": [{ var: "qty" }, 3] } }).sql).toBe(
      '(NOT COALESCE(("o"."qty" < ?::bigint), false))',
    );
    expect(compile({ "!": { var: "urgent" } }).sql).toBe('(NOT COALESCE("o"."urgent", false))');
    expect(compile({ "!": { in: [{ var: "note" }, ["a"]] } }).sql).toBe(
      '(NOT COALESCE(("o"."note" = ANY(?::text[])), false))',
    );
  });

  it("turns an ordering with a null operand into false", () => {
    expect(compile({ "<": [{ var: "qty" }, null] })).toEqual({
      sql: "?::boolean",
      params: [false],
    });
  });

  it("reads a boolean field as a condition on its own", () => {
    expect(compile({ var: "urgent" }).sql).toBe('"o"."urgent"');
    expect(compile({ "!!": { var: "urgent" } }).sql).toBe('"o"."urgent"');
    expect(compile({ and: [{ var: "urgent" }, { "==": [{ var: "qty" }, 1] }] }).sql).toBe(
      '("o"."urgent" AND ("o"."qty" = ?::bigint))',
    );
  });

  it("compiles if to CASE, with conditions where NULL is false", () => {
    expect(
      compile({
        if: [{ var: "urgent" }, { "<": [{ var: "qty" }, 5] }, { "==": [{ var: "note" }, "x"] }],
      }).sql,
    ).toBe('CASE WHEN "o"."urgent" THEN ("o"."qty" < ?::bigint) ELSE ("o"."note" = ?::text) END');
    expect(compile({ "==": [{ if: [{ var: "urgent" }, 1] }, { var: "qty" }] }).sql).toBe(
      '(CASE WHEN "o"."urgent" THEN ?::numeric ELSE NULL END IS NOT DISTINCT FROM "o"."qty")',
    );
  });

  it("reproduces json-logic's and/or values with CASE when they are compared as values", () => {
    expect(
      compile({ "==": [{ and: [{ var: "urgent" }, { "<": [{ var: "qty" }, 2] }] }, null] }).sql,
    ).toBe(
      '(CASE WHEN NOT COALESCE("o"."urgent", false) THEN "o"."urgent" ELSE COALESCE(("o"."qty" < ?::bigint), false) END IS NULL)',
    );
  });
});

describe("compileFilter: typing an if whose branches are all values", () => {
  it("types date-looking text as the date field it meets, on either side", () => {
    const branches: JsonLogic = { if: [{ var: "urgent" }, "2024-01-01", "2024-02-01"] };
    expect(compile({ "==": [{ var: "due" }, branches] }).sql).toBe(
      '("o"."due" IS NOT DISTINCT FROM CASE WHEN "o"."urgent" THEN ?::date ELSE ?::date END)',
    );
    expect(compile({ "==": [branches, { var: "due" }] }).sql).toBe(
      '(CASE WHEN "o"."urgent" THEN ?::date ELSE ?::date END IS NOT DISTINCT FROM "o"."due")',
    );
  });

  it("types it as text against a text field, in a list and in containment", () => {
    const guess: JsonLogic = { if: [{ var: "urgent" }, "2024-02-29"] };
    expect(compile({ "==": [guess, { var: "note" }] }).sql).toBe(
      '(CASE WHEN "o"."urgent" THEN ?::text ELSE NULL END IS NOT DISTINCT FROM "o"."note")',
    );
    expect(compile({ in: [guess, [{ var: "note" }]] }).sql).toBe(
      '(CASE WHEN "o"."urgent" THEN ?::text ELSE NULL END = "o"."note")',
    );
    expect(compile({ in: [guess, "on 2024-02-29"] }).sql).toBe(
      '(strpos(?::text, CASE WHEN "o"."urgent" THEN ?::text ELSE NULL END) > 0)',
    );
  });

  it("lets a nested if take the kind of its sibling branches", () => {
    const nested: JsonLogic = {
      if: [{ var: "urgent" }, { if: [{ var: "urgent" }, "2024-02-29"] }, { var: "note" }],
    };
    expect(compile({ "==": [nested, "x"] }).sql).toBe(
      '(CASE WHEN "o"."urgent" THEN CASE WHEN "o"."urgent" THEN ?::text ELSE NULL END ELSE "o"."note" END = ?::text)',
    );
  });

  it("refuses branches of kinds that never meet", () => {
    expect(failure({ "==": [{ if: [{ var: "urgent" }, 1, "one"] }, { var: "qty" }] }).code).toBe(
      "type-mismatch",
    );
  });
});

describe("compileFilter: in and arithmetic", () => {
  it("compiles in over a list to = ANY with one array param of the needle's kind", () => {
    expect(compile({ in: [{ var: "qty" }, [1, 2, "3", null]] })).toEqual({
      sql: '("o"."qty" = ANY(?::bigint[]))',
      params: [[1, 2]],
    });
    expect(
      compile(
        { in: [{ var: "customer" }, { var: "$user.customers" }] },
        { user: { customers: ["C1", "C2"] } },
      ),
    ).toEqual({
      sql: '("o"."customer" = ANY(?))',
      params: [["C1", "C2"]],
    });
    expect(compile({ in: [{ var: "qty" }, ["a"]] })).toEqual({
      sql: "?::boolean",
      params: [false],
    });
  });

  it("compiles in over a list that reads the record to an OR of equalities", () => {
    expect(compile({ in: [{ var: "note" }, ["x", { var: "customer.region" }]] }).sql).toBe(
      '("o"."note" = ?::text OR "o"."note" = (SELECT "t1"."region" FROM "app"."customer" "t1" WHERE "t1"."id" = "o"."customer"))',
    );
  });

  it("compiles in over a text to strpos", () => {
    expect(compile({ in: ["urgent", { var: "note" }] })).toEqual({
      sql: '(strpos("o"."note", ?::text) > 0)',
      params: ["urgent"],
    });
    expect(compile({ in: [{ var: "note" }, "a long text"] })).toEqual({
      sql: '(strpos(?::text, "o"."note") > 0)',
      params: ["a long text"],
    });
  });

  it("runs arithmetic on numeric, with division and remainder by zero as NULL", () => {
    expect(compile({ ">": [{ "+": [{ var: "qty" }, { var: "total" }, 1] }, 10] }).sql).toBe(
      '(("o"."qty"::numeric + "o"."total" + ?::numeric) > ?::numeric)',
    );
    expect(compile({ "==": [{ "/": [{ var: "total" }, { var: "qty" }] }, 2] }).sql).toBe(
      '(("o"."total" / NULLIF("o"."qty"::numeric, 0)) = ?::numeric)',
    );
    expect(compile({ "==": [{ "-": [{ var: "qty" }] }, { "%": [{ var: "qty" }, 2] }] }).sql).toBe(
      '((- "o"."qty"::numeric) IS NOT DISTINCT FROM ("o"."qty"::numeric % NULLIF(?::numeric, 0)))',
    );
    expect(compile({ "==": [{ "+": [{ var: "qty" }, null] }, null] })).toEqual({
      sql: "?::boolean",
      params: [true],
    });
  });
});

describe("compileFilter: refusals", () => {
  it("refuses operators outside the subset with not-filterable and the expression path", () => {
    const cases: [JsonLogic, string][] = [
      [{ "==": [{ sum_lines: ["lines", "amount"] }, 0] }, "/==/0"],
      [{ and: [true, { "==": [{ cat: [{ var: "note" }, "x"] }, "ax"] }] }, "/and/1/==/0"],
      [{ "==": [{ cat: ["a", "b"] }, { var: "note" }] }, "/==/0"],
      [{ "<": [{ round: [{ var: "total" }] }, 3] }, "/</0"],
    ];
    for (const [expr, path] of cases) {
      const error = failure(expr);
      expect(error.code).toBe("not-filterable");
      expect(error.issues).toEqual([expect.objectContaining({ code: "not-filterable", path })]);
    }
  });

  it("refuses fields a filter cannot read", () => {
    expect(failure({ in: ["red", { var: "tags" }] }).code).toBe("not-filterable");
    expect(failure({ "==": [{ var: "lines" }, null] }).code).toBe("not-filterable");
  });

  it("refuses a non-boolean where a condition is needed, instead of coercing", () => {
    const conditions: JsonLogic[] = [
      { var: "qty" },
      { and: [{ var: "note" }, true] },
      { "!": { var: "total" } },
      { if: [{ var: "due" }, true, false] },
    ];
    for (const expr of conditions) {
      expect(failure(expr).code).toBe("not-boolean");
    }
  });

  it("refuses comparing kinds that can never be equal", () => {
    expect(failure({ "==": [{ var: "note" }, 5] }).code).toBe("type-mismatch");
    expect(failure({ "<": [{ var: "due" }, "soon"] }).code).toBe("type-mismatch");
    expect(failure({ "<": [{ var: "urgent" }, true] }).code).toBe("type-mismatch");
    expect(failure({ "+": [{ var: "note" }, 1] }).issues[0]!.path).toBe("/+/0");
  });

  it("reports the checker's issues, all of them, before compiling", () => {
    const error = failure({ and: [{ var: "nope" }, { frob: [] }] });
    expect(error.code).toBe("invalid-expression");
    expect(error.issues.map((i) => i.code)).toEqual(["unknown-field", "unknown-operator"]);
  });
});
