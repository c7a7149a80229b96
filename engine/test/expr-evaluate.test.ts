import { describe, expect, it } from "vitest";
import { evaluate, isTruthy, type JsonLogic } from "../src/expr/index.ts";

const now = new Date("2024-02-29T10:30:00.000Z");
const run = (expr: JsonLogic, data: Record<string, unknown> = {}, user?: Record<string, unknown>) =>
  evaluate(expr, data, { now, ...(user && { user }) });

describe("var", () => {
  it("reads a field, a dotted path through an expanded link, and null for anything missing", () => {
    const data = { qty: 3, customer: { id: "C1", region: "north" } };
    expect(run({ var: "qty" }, data)).toBe(3);
    expect(run({ var: ["qty"] }, data)).toBe(3);
    expect(run({ var: "customer.region" }, data)).toBe("north");
    expect(run({ var: "nothing" }, data)).toBeNull();
    expect(run({ var: "customer.nothing.deeper" }, data)).toBeNull();
    expect(run({ var: "qty.deeper" }, data)).toBeNull();
  });

  it("never reads inherited properties", () => {
    expect(run({ var: "constructor" }, {})).toBeNull();
    expect(run({ var: "name.length" }, { name: "abc" })).toBeNull();
  });

  it("uses the default only when the value is null or missing", () => {
    expect(run({ var: ["qty", 7] }, { qty: null })).toBe(7);
    expect(run({ var: ["qty", 7] }, {})).toBe(7);
    expect(run({ var: ["qty", 7] }, { qty: 0 })).toBe(0);
    expect(run({ var: ["name", "x"] }, { name: "" })).toBe("");
  });

  it("reads $user from the caller, null when absent, never from the record", () => {
    expect(
      run({ var: "$user.region" }, { $user: { region: "spoofed" } }, { region: "south" }),
    ).toBe("south");
    expect(run({ var: "$user.missing" }, {}, { region: "south" })).toBeNull();
    expect(run({ var: "$user.region" }, {})).toBeNull();
    expect(run({ var: "$user.dept.code" }, {}, { dept: { code: "D1" } })).toBe("D1");
  });

  it("gives the array of line records for a table field", () => {
    const lines = [{ qty: 1 }, { qty: 2 }];
    expect(run({ var: "lines" }, { lines })).toEqual(lines);
  });
});

describe("== and !=", () => {
  it("compares strictly after normalizing: numbers as numbers, no string-to-number coercion", () => {
    expect(run({ "==": [1, 1.0] })).toBe(true);
    expect(run({ "==": [1, "1"] })).toBe(false);
    expect(run({ "===": [1, "1"] })).toBe(false);
    expect(run({ "==": [0, false] })).toBe(false);
    expect(run({ "==": ["", false] })).toBe(false);
    expect(run({ "!=": [1, "1"] })).toBe(true);
    expect(run({ "!==": ["a", "a"] })).toBe(false);
  });

  it("holds x == null only when x is null (or missing)", () => {
    expect(run({ "==": [{ var: "x" }, null] }, {})).toBe(true);
    expect(run({ "==": [{ var: "x" }, null] }, { x: null })).toBe(true);
    expect(run({ "==": [{ var: "x" }, null] }, { x: 0 })).toBe(false);
    expect(run({ "==": [{ var: "x" }, null] }, { x: "" })).toBe(false);
    expect(run({ "!=": [{ var: "x" }, null] }, { x: 0 })).toBe(true);
  });

  it("compares dates, Date objects and zoned datetimes in one canonical form", () => {
    expect(
      run(
        { "==": [{ var: "at" }, "2024-02-29T18:30:00+08:00"] },
        { at: new Date("2024-02-29T10:30:00Z") },
      ),
    ).toBe(true);
    expect(
      run({ "==": [{ var: "at" }, "2024-02-29T10:30:00Z"] }, { at: "2024-02-29T10:30:00.000Z" }),
    ).toBe(true);
    expect(run({ "==": [{ var: "d" }, "2024-02-29"] }, { d: "2024-02-29" })).toBe(true);
    expect(run({ "==": ["2024-02-29", "2024-02-29T00:00:00.000Z"] })).toBe(true);
  });

  it("lets a linked record stand for its id", () => {
    expect(
      run({ "==": [{ var: "customer" }, "C1"] }, { customer: { id: "C1", region: "north" } }),
    ).toBe(true);
    expect(run({ "==": [{ var: "customer" }, "C1"] }, { customer: "C1" })).toBe(true);
  });
});

describe("ordering", () => {
  it("orders numbers numerically and strings by code point", () => {
    expect(run({ "<": [2, 10] })).toBe(true);
    expect(run({ "<": ["B", "a"] })).toBe(true);
    expect(run({ ">=": ["a", "a"] })).toBe(true);
    // UTF-16 order would put the astral character first; code point order does not
    expect(run({ "<": ["\uFFFD", "😀"] })).toBe(true);
    expect(run({ "<": ["2024-01-31", "2024-02-01"] })).toBe(true);
  });

  it("is false with a null operand or operands of different kinds, so ! of it is true", () => {
    for (const op of ["<", "<=", ">", ">="]) {
      expect(run({ [op]: [null, 1] })).toBe(false);
      expect(run({ [op]: [1, null] })).toBe(false);
      expect(run({ [op]: [1, "1"] })).toBe(false);
    }
    expect(run({ "!": { "<": [{ var: "x" }, 1] } }, {})).toBe(true);
  });

  it("takes a third argument as between", () => {
    expect(run({ "<": [1, 2, 3] })).toBe(true);
    expect(run({ "<": [1, 3, 3] })).toBe(false);
    expect(run({ "<=": [1, 3, 3] })).toBe(true);
    expect(run({ "<=": [1, null, 3] })).toBe(false);
  });

  it("compares a date with a datetime as the instant the day starts (UTC)", () => {
    expect(run({ "<": ["2024-02-29", "2024-02-29T00:00:00.001Z"] })).toBe(true);
    expect(run({ ">=": ["2024-02-29", "2024-02-29T00:00:00.000Z"] })).toBe(true);
    expect(run({ ">": ["2024-02-29", "2024-02-28T23:59:59.999Z"] })).toBe(true);
  });
});

describe("in", () => {
  it("finds a value in a list with == semantics", () => {
    expect(run({ in: [2, [1, 2, 3]] })).toBe(true);
    expect(run({ in: ["2", [1, 2, 3]] })).toBe(false);
    expect(run({ in: [{ var: "customer" }, ["C1", "C2"]] }, { customer: { id: "C2" } })).toBe(true);
  });

  it("never finds null, not even in a list holding null", () => {
    expect(run({ in: [null, [null, 1]] })).toBe(false);
    expect(run({ in: [{ var: "x" }, [1]] }, {})).toBe(false);
    expect(run({ in: [1, null] })).toBe(false);
  });

  it("tests containment when the second operand is a string", () => {
    expect(run({ in: ["ell", "hello"] })).toBe(true);
    expect(run({ in: ["", "hello"] })).toBe(true);
    expect(run({ in: ["x", "hello"] })).toBe(false);
    expect(run({ in: [1, "a1"] })).toBe(false);
  });
});

describe("logic", () => {
  it("has json-logic truthiness", () => {
    for (const falsy of [null, undefined, false, 0, Number.NaN, "", []])
      expect(isTruthy(falsy)).toBe(false);
    for (const truthy of [true, 1, -1, "0", "false", [0], {}]) expect(isTruthy(truthy)).toBe(true);
  });

  it("returns the deciding operand from and/or, so or works as a fallback", () => {
    expect(run({ or: [{ var: "nickname" }, { var: "name" }] }, { name: "Ann" })).toBe("Ann");
    expect(run({ and: [1, "", 2] })).toBe("");
    expect(run({ and: [1, 2] })).toBe(2);
    expect(run({ or: [0, null] })).toBeNull();
  });

  it("evaluates and/or lazily", () => {
    expect(run({ and: [false, { var: ["x", { "/": [1, 0] }] }] })).toBe(false);
    expect(run({ or: [true, { unknown_op: [] }] })).toBe(true);
  });

  it("negates with ! and casts with !!", () => {
    expect(run({ "!": [[]] })).toBe(true);
    expect(run({ "!": "" })).toBe(true);
    expect(run({ "!!": ["0"] })).toBe(true);
    expect(run({ "!!": [0] })).toBe(false);
  });

  it("chooses with if / elseif / else, null without an else", () => {
    const grade = {
      if: [{ ">=": [{ var: "n" }, 90] }, "A", { ">=": [{ var: "n" }, 50] }, "B", "C"],
    };
    expect(run(grade, { n: 95 })).toBe("A");
    expect(run(grade, { n: 60 })).toBe("B");
    expect(run(grade, { n: null })).toBe("C");
    expect(run({ if: [false, 1] })).toBeNull();
    expect(run({ "?:": [true, 1, 2] })).toBe(1);
  });
});

describe("arithmetic", () => {
  it("is exact decimal arithmetic on the numbers as written", () => {
    expect(run({ "+": [0.1, 0.2] })).toBe(0.3);
    expect(run({ "-": [0.3, 0.1] })).toBe(0.2);
    expect(run({ "*": [1.1, 1.1] })).toBe(1.21);
    expect(run({ "*": [19.99, 3] })).toBe(59.97);
    expect(run({ "%": [5.5, 2] })).toBe(1.5);
    expect(run({ "%": [-5.5, 2] })).toBe(-1.5);
    expect(run({ "+": [1e21, 1] })).toBe(1e21 + 1);
    expect(run({ "+": [1, 2, 3.5] })).toBe(6.5);
    expect(run({ "-": [4] })).toBe(-4);
    expect(Object.is(run({ "-": [0] }), 0)).toBe(true);
  });

  it("gives null with a null or non-number operand, and for division by zero", () => {
    expect(run({ "+": [1, null] })).toBeNull();
    expect(run({ "*": [{ var: "missing" }, 2] })).toBeNull();
    expect(run({ "+": ["1", 1] })).toBeNull();
    expect(run({ "-": [true, 1] })).toBeNull();
    expect(run({ "/": [1, 0] })).toBeNull();
    expect(run({ "%": [1, 0] })).toBeNull();
    expect(run({ "/": [7, 2] })).toBe(3.5);
  });

  it("takes min and max of numbers, null if any is not one", () => {
    expect(run({ min: [3, 1.5, 2] })).toBe(1.5);
    expect(run({ max: [3, 1.5, 2] })).toBe(3);
    expect(run({ max: [3, null] })).toBeNull();
    expect(run({ min: [3, "1"] })).toBeNull();
  });

  it("rounds half away from zero on the decimal value, not the binary one", () => {
    expect(run({ round: [1.005, 2] })).toBe(1.01);
    expect(run({ round: [1.015, 2] })).toBe(1.02);
    expect(run({ round: [2.675, 2] })).toBe(2.68);
    expect(run({ round: [-1.005, 2] })).toBe(-1.01);
    expect(run({ round: [2.5] })).toBe(3);
    expect(run({ round: [-2.5] })).toBe(-3);
    expect(run({ round: [1234.5678, -2] })).toBe(1200);
    expect(run({ round: [1.2, 5] })).toBe(1.2);
    expect(run({ round: [1.23456789e-7, 9] })).toBe(1.23e-7);
  });

  it("rounds null and non-numbers to null, and refuses fractional digits", () => {
    expect(run({ round: [null, 2] })).toBeNull();
    expect(run({ round: ["1.5", 0] })).toBeNull();
    expect(run({ round: [1.5, 0.5] })).toBeNull();
    expect(run({ round: [1.5, null] })).toBeNull();
  });
});

describe("text", () => {
  it("concatenates with cat, null as the empty string", () => {
    expect(run({ cat: ["SO-", { var: "n" }, "-", null, true] }, { n: 12.5 })).toBe("SO-12.5-true");
    expect(run({ cat: [{ var: "missing" }] })).toBe("");
  });
});

describe("dates", () => {
  it("reads today and now from ctx.now, in UTC", () => {
    expect(run({ today: [] })).toBe("2024-02-29");
    expect(run({ now: [] })).toBe("2024-02-29T10:30:00.000Z");
    expect(evaluate({ today: [] }, {}, { now: new Date("2024-03-01T23:30:00+02:00") })).toBe(
      "2024-03-01",
    );
  });

  it("reads the clock when no now is given", () => {
    const before = new Date().toISOString().slice(0, 10);
    const result = evaluate({ today: [] }, {});
    expect([before, new Date().toISOString().slice(0, 10)]).toContain(result);
  });

  it("adds days, weeks, months (clamped to the month's end) and years", () => {
    expect(run({ date_add: ["2024-02-28", 2, "day"] })).toBe("2024-03-01");
    expect(run({ date_add: ["2024-03-01", -1, "day"] })).toBe("2024-02-29");
    expect(run({ date_add: ["2024-01-01", 2, "week"] })).toBe("2024-01-15");
    expect(run({ date_add: ["2024-01-31", 1, "month"] })).toBe("2024-02-29");
    expect(run({ date_add: ["2023-01-31", 1, "month"] })).toBe("2023-02-28");
    expect(run({ date_add: ["2024-03-31", -1, "month"] })).toBe("2024-02-29");
    expect(run({ date_add: ["2024-02-29", 1, "year"] })).toBe("2025-02-28");
    expect(run({ date_add: ["2024-11-15", 3, "month"] })).toBe("2025-02-15");
    expect(run({ date_add: ["2024-01-31T10:30:00Z", 1, "month"] })).toBe(
      "2024-02-29T10:30:00.000Z",
    );
    expect(run({ date_add: [{ today: [] }, 30, "day"] })).toBe("2024-03-30");
  });

  it("gives null from date_add for a null, a non-date, a fractional count or an unknown unit", () => {
    expect(run({ date_add: [null, 1, "day"] })).toBeNull();
    expect(run({ date_add: ["2024-02-30", 1, "day"] })).toBeNull();
    expect(run({ date_add: ["2024-02-30T10:00:00Z", 1, "day"] })).toBeNull();
    expect(run({ date_add: ["soon", 1, "day"] })).toBeNull();
    expect(run({ date_add: ["2024-01-01", 1.5, "day"] })).toBeNull();
    expect(run({ date_add: ["2024-01-01", null, "day"] })).toBeNull();
    expect(run({ date_add: ["2024-01-01", 1, { var: "unit" }] }, { unit: "fortnight" })).toBeNull();
  });

  it("counts whole units from b to a with date_diff, truncated toward zero", () => {
    expect(run({ date_diff: ["2024-03-01", "2024-02-28", "day"] })).toBe(2);
    expect(run({ date_diff: ["2024-02-28", "2024-03-01", "day"] })).toBe(-2);
    expect(run({ date_diff: ["2024-01-15", "2024-01-01", "week"] })).toBe(2);
    expect(run({ date_diff: ["2024-02-29", "2024-01-31", "month"] })).toBe(1);
    expect(run({ date_diff: ["2024-02-14", "2024-01-15", "month"] })).toBe(0);
    expect(run({ date_diff: ["2024-01-15", "2024-02-16", "month"] })).toBe(-1);
    expect(run({ date_diff: ["2024-01-17", "2024-02-16", "month"] })).toBe(0);
    expect(run({ date_diff: ["2025-02-28", "2024-02-29", "year"] })).toBe(1);
    expect(run({ date_diff: ["2025-02-27", "2024-02-29", "year"] })).toBe(0);
    expect(run({ date_diff: ["2024-02-29T10:00:00Z", "2024-02-28T11:00:00Z", "day"] })).toBe(0);
    expect(run({ date_diff: ["2024-02-29T12:00:00Z", "2024-02-28", "day"] })).toBe(1);
    expect(run({ date_diff: [null, "2024-02-28", "day"] })).toBeNull();
  });

  it("agrees with date_add: stepping b by date_diff months never passes a", () => {
    const pairs = [
      ["2024-03-30", "2024-01-31"],
      ["2024-02-29", "2023-11-30"],
      ["2023-12-31", "2024-02-29"],
    ];
    for (const [a, b] of pairs) {
      const months = run({ date_diff: [a!, b!, "month"] }) as number;
      const stepped = run({ date_add: [b!, months, "month"] }) as string;
      const next = run({ date_add: [b!, months + Math.sign(months || 1), "month"] }) as string;
      if (months >= 0) expect(stepped <= a! && next > a!).toBe(true);
      else expect(stepped >= a! && next < a!).toBe(true);
    }
  });
});

describe("lines and missing", () => {
  it("sums a field over the lines exactly, skipping null lines and null values", () => {
    const lines = [{ amount: 0.1 }, null, { amount: 0.2 }, { amount: null }, {}];
    expect(run({ sum_lines: ["lines", "amount"] }, { lines })).toBe(0.3);
    expect(run({ sum_lines: ["lines", "amount"] }, { lines: [] })).toBe(0);
    expect(run({ sum_lines: ["lines", "amount"] }, {})).toBe(0);
  });

  it("lists the fields that are null or empty", () => {
    const data = { a: 1, b: "", c: null, d: 0 };
    expect(run({ missing: ["a", "b", "c", "d", "e"] }, data)).toEqual(["b", "c", "e"]);
    expect(run({ missing: [["a", "c"]] }, data)).toEqual(["c"]);
    expect(run({ "!": { missing: ["a", "d"] } }, data)).toBe(true);
  });
});

describe("data that is not an operation", () => {
  it("returns literals, evaluates arrays element-wise and keeps objects of other than one key", () => {
    expect(run("text")).toBe("text");
    expect(run([1, { var: "x" }], { x: 2 })).toEqual([1, 2]);
    expect(run({ a: 1, b: 2 } as JsonLogic)).toEqual({ a: 1, b: 2 });
  });

  it("refuses an unknown operator with a LoomError", () => {
    expect(() => run({ frobnicate: [1] })).toThrow(
      expect.objectContaining({ code: "unknown-operator" }),
    );
  });
});
