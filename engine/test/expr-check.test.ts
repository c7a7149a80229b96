import { describe, expect, it } from "vitest";
import { checkExpression, fieldsReferenced, type JsonLogic } from "../src/expr/index.ts";
import { SYSTEM_FIELDS } from "../src/expr/system-fields.ts";
import { type AppModel, EMPTY_MODEL, SYSTEM_COLUMNS } from "../src/model/app-model.ts";
import { salesModel } from "./support/expr-model.ts";

const check = (expr: JsonLogic) =>
  checkExpression(expr, { model: salesModel, entity: "sales_order" });
const found = (expr: JsonLogic) => check(expr).map(({ code, path }) => ({ code, path }));

describe("checkExpression", () => {
  it("accepts a well-formed expression over fields, link paths, lines, $user and system columns", () => {
    const expr: JsonLogic = {
      and: [
        { "==": [{ var: "customer.territory.manager" }, { var: "$user.name" }] },
        { ">": [{ sum_lines: ["lines", "amount"] }, { var: ["qty", 0] }] },
        { "==": [{ var: "created_by" }, { var: "$user.id" }] },
        { "!": { missing: ["status"] } },
        { "<": [{ date_diff: [{ today: [] }, { var: "created_at" }, "day"] }, 30] },
        { in: [{ var: "status" }, ["draft", "open"]] },
      ],
    };
    expect(check(expr)).toEqual([]);
  });

  it("reports an unknown operator at the operation's pointer", () => {
    expect(found({ and: [true, { frob: [{ var: "qty" }] }] })).toEqual([
      { code: "unknown-operator", path: "/and/1" },
    ]);
  });

  it("still checks the fields inside an unknown operator", () => {
    expect(found({ frob: [{ var: "nope" }] })).toEqual([
      { code: "unknown-operator", path: "" },
      { code: "unknown-field", path: "/frob/0/var" },
    ]);
  });

  it("reports wrong arity with what the operator takes", () => {
    const issues = check({
      or: [{ "==": [1] }, { "<": [1, 2, 3, 4] }, { today: [1] }, { if: [] }],
    });
    expect(issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: "bad-arity", path: "/or/0" },
      { code: "bad-arity", path: "/or/1" },
      { code: "bad-arity", path: "/or/2" },
      { code: "bad-arity", path: "/or/3" },
    ]);
    expect(issues[0]!.message).toContain("takes 2 arguments, not 1");
  });

  it("reports an unknown field at the var argument, in both var forms", () => {
    expect(found({ "==": [{ var: "nope" }, 1] })).toEqual([
      { code: "unknown-field", path: "/==/0/var" },
    ]);
    expect(found({ "==": [{ var: ["nope", 1] }, 1] })).toEqual([
      { code: "unknown-field", path: "/==/0/var/0" },
    ]);
  });

  it("checks every segment of a link path", () => {
    const issues = check({ var: "customer.territory.boss" });
    expect(issues).toEqual([expect.objectContaining({ code: "unknown-field", path: "/var" })]);
    expect(issues[0]!.message).toContain('"territory" has no field "boss"');
    expect(found({ var: "customer.nope.manager" })).toEqual([
      { code: "unknown-field", path: "/var" },
    ]);
    expect(found({ var: "qty.value" })).toEqual([{ code: "unknown-field", path: "/var" }]);
    expect(found({ var: "lines.amount" })).toEqual([{ code: "unknown-field", path: "/var" }]);
    expect(found({ var: "" })).toEqual([{ code: "unknown-field", path: "/var" }]);
  });

  it("always allows $user paths", () => {
    expect(check({ var: "$user.anything.at.all" })).toEqual([]);
    expect(check({ var: "$user" })).toEqual([]);
  });

  it("checks sum_lines: a table field of the entity and a field of its lines", () => {
    expect(check({ sum_lines: ["lines", "item.code"] })).toEqual([]);
    expect(found({ sum_lines: ["qty", "amount"] })).toEqual([
      { code: "unknown-field", path: "/sum_lines/0" },
    ]);
    expect(found({ sum_lines: ["lines", "qty"] })).toEqual([
      { code: "unknown-field", path: "/sum_lines/1" },
    ]);
  });

  it("checks the names given to missing, in either form", () => {
    expect(found({ missing: ["qty", "nope"] })).toEqual([
      { code: "unknown-field", path: "/missing/1" },
    ]);
    expect(found({ missing: [["nope", "qty"]] })).toEqual([
      { code: "unknown-field", path: "/missing/0/0" },
    ]);
  });

  it("asks for literal field names and known units", () => {
    expect(found({ var: { cat: ["q", "ty"] } })).toEqual([{ code: "bad-argument", path: "/var" }]);
    expect(found({ date_add: [{ today: [] }, 1, "fortnight"] })).toEqual([
      { code: "bad-argument", path: "/date_add/2" },
    ]);
    expect(found({ date_diff: [{ today: [] }, { today: [] }, 3] })).toEqual([
      { code: "bad-argument", path: "/date_diff/2" },
    ]);
    expect(found({ round: [1.5, 0.5] })).toEqual([{ code: "bad-argument", path: "/round/1" }]);
  });

  it("reports objects that are not operations", () => {
    expect(found({ and: [{}, { a: 1, b: 2 } as JsonLogic] })).toEqual([
      { code: "bad-expression", path: "/and/0" },
      { code: "bad-expression", path: "/and/1" },
    ]);
  });

  it("escapes operator names in pointers (RFC 6901)", () => {
    expect(found({ "/": [{ var: "nope" }, 2] })).toEqual([
      { code: "unknown-field", path: "/~1/0/var" },
    ]);
  });

  it("reports every problem, not just the first", () => {
    expect(check({ and: [{ var: "a" }, { var: "b" }, { nope: [] }] })).toHaveLength(3);
  });

  it("accepts a real AppModel as its model (structural typing)", () => {
    const app: AppModel = { ...EMPTY_MODEL };
    expect(checkExpression({ var: "$user.id" }, { model: app, entity: "x" })).toEqual([]);
  });

  it("knows every system column of the model", () => {
    expect(SYSTEM_FIELDS.map((f) => f.name).sort()).toEqual([...SYSTEM_COLUMNS].sort());
  });
});

describe("fieldsReferenced", () => {
  it("lists the first segment of each record path once, in order, without $user", () => {
    const expr: JsonLogic = {
      if: [
        { "==": [{ var: "customer.region" }, { var: "$user.region" }] },
        { "*": [{ var: "qty" }, { var: "customer.territory.manager" }] },
        { sum_lines: ["lines", "amount"] },
      ],
    };
    expect(fieldsReferenced(expr)).toEqual(["customer", "qty", "lines"]);
  });

  it("includes names from missing and var defaults", () => {
    expect(fieldsReferenced({ missing: [["a", "b"]] })).toEqual(["a", "b"]);
    expect(fieldsReferenced({ var: ["a", { var: "b" }] })).toEqual(["a", "b"]);
    expect(fieldsReferenced(42)).toEqual([]);
  });
});
