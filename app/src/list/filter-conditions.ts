import { type Field, type FieldType, type JsonLogic, SEARCHABLE_TYPES } from "@loom/engine";

/** What a filter row can ask of a field; which ones a field offers depends on its type. */
export type FilterOperator =
  | "contains"
  | "equals"
  | "empty"
  | "notEmpty"
  | "eq"
  | "ne"
  | "lt"
  | "le"
  | "gt"
  | "ge"
  | "is"
  | "isNot"
  | "yes"
  | "no";

/** One applied row of the filter builder; `value` is already of the field's JSON type. */
export interface FilterCondition {
  readonly field: string;
  readonly operator: FilterOperator;
  readonly value?: string | number;
}

const NUMBER_TYPES: readonly FieldType[] = ["integer", "decimal", "money", "percent"];
const COMPARISONS: readonly FilterOperator[] = ["eq", "ne", "lt", "le", "gt", "ge"];

/** The operators a field offers; none for types a list cannot filter on (json, table, …). */
export function operatorsFor(field: Field): readonly FilterOperator[] {
  if (SEARCHABLE_TYPES.includes(field.type)) return ["contains", "equals", "empty"];
  if (NUMBER_TYPES.includes(field.type) || field.type === "date" || field.type === "datetime")
    return COMPARISONS;
  if (field.type === "select") return ["is", "isNot"];
  if (field.type === "boolean") return ["yes", "no"];
  if (field.type === "link") return ["empty", "notEmpty"];
  return [];
}

/** Whether the operator compares with a value the user gives (else it stands alone). */
export function takesValue(operator: FilterOperator): boolean {
  return !["empty", "notEmpty", "yes", "no"].includes(operator);
}

/** Whether the field's values are numbers (the value input is numeric, the value a number). */
export function isNumeric(field: Field): boolean {
  return NUMBER_TYPES.includes(field.type);
}

const SYMBOL: Partial<Record<FilterOperator, string>> = {
  eq: "==",
  ne: "!=",
  lt: "<",
  le: "<=",
  gt: ">",
  ge: ">=",
  equals: "==",
  is: "==",
  isNot: "!=",
};

/**
 * A condition as json-logic over the operators the server compiles to SQL. `in` over text is
 * "contains"; "is empty" for text also takes `""`, which a cleared text field may hold.
 */
export function conditionLogic(condition: FilterCondition): JsonLogic | undefined {
  const field = { var: condition.field };
  const { operator, value } = condition;
  switch (operator) {
    case "empty":
      return { or: [{ "==": [field, null] }, { "==": [field, ""] }] };
    case "notEmpty":
      return { "!=": [field, null] };
    case "yes":
      return { "==": [field, true] };
    case "no":
      return { "==": [field, false] };
    case "contains":
      return value === undefined || value === "" ? undefined : { in: [String(value), field] };
    default: {
      if (value === undefined || value === "") return undefined;
      return { [SYMBOL[operator] ?? "=="]: [field, value] };
    }
  }
}
