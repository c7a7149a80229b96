import type { JsonLogic } from "@loom/engine";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Conditions,
  operatorsFor,
  readConditions,
  type TypeOf,
  writeConditions,
} from "../src/expressions/conditions.ts";
import {
  checkInScope,
  type ExpressionScope,
  expressionModel,
} from "../src/expressions/expression-model.ts";
import { choiceAt, fieldChoices } from "../src/expressions/field-choices.ts";
import { contextOf, sampleDraft } from "./sample-draft.ts";

let scope: ExpressionScope;
let typeOf: TypeOf;

beforeAll(async () => {
  const { custom, base } = await sampleDraft();
  const model = expressionModel(contextOf(custom, base));
  scope = { model, entity: "sales_order", variables: ["$requester"] };
  typeOf = (path) => choiceAt(scope, path)?.field.type;
});

const v = (path: string) => ({ var: path });

/** Expressions the builder shows as rows and writes back exactly as they were. */
const ROUND_TRIPS: Record<string, JsonLogic> = {
  "a select equal to an option": { "==": [v("status"), "rejected"] },
  "a number above a value": { ">": [v("total"), 10000] },
  "a date before a day": { "<": [v("order_date"), "2024-01-01"] },
  "a boolean": { "==": [v("is_contract"), true] },
  "a select in a list of options": { in: [v("currency"), ["USD", "EUR"]] },
  "text that contains a word": { in: ["ACME", v("customer_po_no")] },
  "empty text (null or empty string)": {
    or: [{ "==": [v("customer_po_no"), null] }, { "==": [v("customer_po_no"), ""] }],
  },
  "text that is not empty": {
    and: [{ "!=": [v("remark"), null] }, { "!=": [v("remark"), ""] }],
  },
  "an empty number": { "==": [v("exchange_rate"), null] },
  "a field one link away": { "==": [v("customer.credit_rating"), "A"] },
  "a field compared with the user": { "==": [v("department"), v("$user.department")] },
  "a field compared with the requester": { "==": [v("sales_person"), v("$requester.username")] },
  "a system column": { "==": [v("created_by"), v("$user.id")] },
  "conditions under AND": {
    and: [{ "==": [v("status"), "rejected"] }, { ">=": [v("total"), 5000] }],
  },
  "conditions under OR": {
    or: [{ "==": [v("department"), "export"] }, { "!=": [v("currency"), "CNY"] }],
  },
};

/** Expressions the builder cannot show: the editor offers them as JSON. */
const NOT_BUILDABLE: Record<string, JsonLogic> = {
  "a nested group": {
    and: [
      { "==": [v("status"), "rejected"] },
      { or: [{ "==": [v("department"), "export"] }, { ">": [v("total"), 1] }] },
    ],
  },
  "an unknown field": { "==": [v("no_such_field"), "x"] },
  "a value of another type": { "==": [v("total"), "5"] },
  "the value first": { "==": ["rejected", v("status")] },
  arithmetic: { ">": [{ "+": [v("total"), 1] }, 10] },
  "a var with a default": { "==": [{ var: ["status", "draft"] }, "rejected"] },
  "an empty string value": { "==": [v("status"), ""] },
  "an ordering of options": { "<": [v("status"), "rejected"] },
  "a bare boolean field": v("is_contract"),
  "two fields compared": { "==": [v("sales_person"), v("remark")] },
  "a table field": { "==": [v("lines"), null] },
  "a plain value": true,
};

describe("the condition builder's json-logic", () => {
  for (const [name, expr] of Object.entries(ROUND_TRIPS))
    it(`reads and writes back ${name}`, () => {
      const read = readConditions(expr, typeOf);
      expect(read).toBeDefined();
      expect(writeConditions(read!, typeOf)).toEqual(expr);
    });

  for (const [name, expr] of Object.entries(NOT_BUILDABLE))
    it(`leaves ${name} to the JSON editor`, () => {
      expect(readConditions(expr, typeOf)).toBeUndefined();
    });

  it("reads no expression as no rows, and writes no rows as no expression", () => {
    expect(readConditions(undefined, typeOf)).toEqual({ join: "and", rows: [] });
    expect(writeConditions({ join: "or", rows: [] }, typeOf)).toBeUndefined();
  });

  it("leaves out the rows that have no value yet, and needs no group for one row", () => {
    const conditions: Conditions = {
      join: "and",
      rows: [
        { field: "status", op: "==", operand: { kind: "value", value: "rejected" } },
        { field: "total", op: ">", operand: { kind: "value", value: "" } },
        { field: "currency", op: "in", operand: { kind: "value", value: [] } },
        { field: "department", op: "==", operand: { kind: "variable", path: "$user" } },
      ],
    };
    expect(writeConditions(conditions, typeOf)).toEqual({ "==": [v("status"), "rejected"] });
  });

  it("writes empty by the field's type: text may hold an empty string, a list holds nothing", () => {
    const empty = (field: string) =>
      writeConditions({ join: "and", rows: [{ field, op: "empty" }] }, typeOf);
    expect(empty("remark")).toEqual({
      or: [{ "==": [v("remark"), null] }, { "==": [v("remark"), ""] }],
    });
    expect(empty("total")).toEqual({ "==": [v("total"), null] });
    expect(empty("customer.tags")).toEqual({ "!": v("customer.tags") });
    // and reads each form back
    for (const field of ["remark", "total", "customer.tags"])
      expect(readConditions(empty(field), typeOf)?.rows).toEqual([{ field, op: "empty" }]);
  });

  it("offers the operators each field type supports", () => {
    expect(operatorsFor("select")).toEqual(["==", "!=", "in", "empty", "notEmpty"]);
    expect(operatorsFor("boolean")).toEqual(["==", "!="]);
    expect(operatorsFor("money")).toEqual([
      "==",
      "!=",
      "<",
      "<=",
      ">",
      ">=",
      "in",
      "empty",
      "notEmpty",
    ]);
    expect(operatorsFor("date")).toEqual(["==", "!=", "<", "<=", ">", ">=", "empty", "notEmpty"]);
    expect(operatorsFor("text")).toEqual(["==", "!=", "contains", "in", "empty", "notEmpty"]);
    expect(operatorsFor("multiselect")).toEqual(["contains", "empty", "notEmpty"]);
    expect(operatorsFor("link")).toEqual(["==", "!=", "empty", "notEmpty"]);
    expect(operatorsFor("table")).toEqual([]);
    expect(operatorsFor("json")).toEqual([]);
  });

  it("writes only conditions the engine accepts, for every field and operator it offers", () => {
    const sample = { integer: 1, decimal: 1.5, money: 10, percent: 5, date: "2024-01-31" } as const;
    const problems: string[] = [];
    for (const { choices } of fieldChoices(scope))
      for (const { path, field } of choices)
        for (const op of operatorsFor(field.type)) {
          const one =
            sample[field.type as keyof typeof sample] ??
            (field.type === "boolean"
              ? true
              : field.type === "datetime"
                ? "2024-01-31T08:00:00.000Z"
                : (field.options[0] ?? "x"));
          const value = op === "in" ? [one] : one;
          const expr = writeConditions(
            { join: "and", rows: [{ field: path, op, operand: { kind: "value", value } }] },
            typeOf,
          );
          for (const issue of checkInScope(expr!, scope))
            problems.push(`${path} ${op}: ${issue.message}`);
          expect(readConditions(expr, typeOf)?.rows[0]?.op).toBe(op);
        }
    expect(problems).toEqual([]);
  });

  it("offers the entity's fields, those one link away and the system columns", () => {
    const groups = fieldChoices(scope);
    const own = groups[0]!.choices.map((c) => c.path);
    expect(own).toContain("status");
    expect(own).toContain("sales_channel"); // from the draft's extension
    expect(own).not.toContain("lines"); // a table: no condition tests it
    const customer = groups.find((g) => g.via?.name === "customer")!;
    expect(customer.choices.map((c) => c.path)).toContain("customer.credit_rating");
    expect(groups.at(-1)!.choices.map((c) => c.path)).toEqual([
      "id",
      "version",
      "created_at",
      "created_by",
      "updated_at",
      "updated_by",
    ]);
  });
});
