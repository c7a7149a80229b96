import { type FieldType, type JsonLogic, SEARCHABLE_TYPES } from "@loom/engine";

/** What a row of the builder asks of its field. */
export type ConditionOp =
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "in"
  | "contains"
  | "empty"
  | "notEmpty";

export type Scalar = string | number | boolean;

/** What a field is compared with: a value typed in, or an attribute of `$user` (`$requester`). */
export type Operand =
  | { readonly kind: "value"; readonly value: Scalar | readonly Scalar[] }
  | { readonly kind: "variable"; readonly path: string };

/** One row: field (a path, maybe through a link), operator, operand (none for empty / not empty). */
export interface Condition {
  readonly field: string;
  readonly op: ConditionOp;
  readonly operand?: Operand;
}

/** The builder's expression: rows joined by AND or OR. */
export interface Conditions {
  readonly join: "and" | "or";
  readonly rows: readonly Condition[];
}

/** The type of the field at a path of the entity; undefined when there is none. */
export type TypeOf = (path: string) => FieldType | undefined;

const NUMBERS: readonly FieldType[] = ["integer", "decimal", "money", "percent"];
const ORDERING: readonly ConditionOp[] = ["==", "!=", "<", "<=", ">", ">="];
const PRESENCE: readonly ConditionOp[] = ["empty", "notEmpty"];

/** The operators a field of `type` offers; none for types a condition cannot test (table, json). */
export function operatorsFor(type: FieldType): readonly ConditionOp[] {
  if (SEARCHABLE_TYPES.includes(type)) return ["==", "!=", "contains", "in", ...PRESENCE];
  if (NUMBERS.includes(type)) return [...ORDERING, "in", ...PRESENCE];
  if (type === "date" || type === "datetime") return [...ORDERING, ...PRESENCE];
  if (type === "select") return ["==", "!=", "in", ...PRESENCE];
  if (type === "multiselect") return ["contains", ...PRESENCE];
  if (type === "boolean") return ["==", "!="];
  if (type === "link") return ["==", "!=", ...PRESENCE];
  return [];
}

/** Whether the operator compares with an operand (empty / not empty stand alone). */
export function takesOperand(op: ConditionOp): boolean {
  return !PRESENCE.includes(op);
}

/** Whether the row says everything it needs: written only then, kept in the builder meanwhile. */
export function isComplete(row: Condition): boolean {
  if (!takesOperand(row.op)) return true;
  const operand = row.operand;
  if (!operand) return false;
  if (operand.kind === "variable") return isVariablePath(operand.path);
  const value = operand.value;
  if (row.op === "in") return Array.isArray(value) && value.length > 0;
  return !Array.isArray(value) && value !== "";
}

/**
 * The rows as json-logic: one condition alone, several under `and` / `or`; rows that are not
 * complete yet are left out (undefined when none is left). Empty text is null or "" (a cleared
 * text field may hold either, as the app's list filter knows); an empty multiselect is an empty
 * list, which only truthiness sees.
 */
export function writeConditions(conditions: Conditions, typeOf: TypeOf): JsonLogic | undefined {
  const parts = conditions.rows
    .filter(isComplete)
    .map((row) => writeCondition(row, typeOf(row.field)));
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { [conditions.join]: parts };
}

function writeCondition(row: Condition, type: FieldType | undefined): JsonLogic {
  const field = { var: row.field };
  const textual = type !== undefined && SEARCHABLE_TYPES.includes(type);
  switch (row.op) {
    case "empty":
      if (type === "multiselect") return { "!": field };
      return textual
        ? { or: [{ "==": [field, null] }, { "==": [field, ""] }] }
        : { "==": [field, null] };
    case "notEmpty":
      if (type === "multiselect") return { "!!": field };
      return textual
        ? { and: [{ "!=": [field, null] }, { "!=": [field, ""] }] }
        : { "!=": [field, null] };
    case "contains":
      return { in: [operandLogic(row.operand!), field] };
    default:
      return { [row.op]: [field, operandLogic(row.operand!)] };
  }
}

function operandLogic(operand: Operand): JsonLogic {
  return operand.kind === "variable" ? { var: operand.path } : (operand.value as JsonLogic);
}

/**
 * The rows an expression stands for, when the builder can show it: one condition, or conditions
 * under one `and` / `or`, each reading a known field (first) against a value of the field's type
 * or a `$` variable. Undefined for anything else (the editor offers it as JSON). No expression is
 * no rows.
 */
export function readConditions(
  expr: JsonLogic | undefined,
  typeOf: TypeOf,
): Conditions | undefined {
  if (expr === undefined || expr === null) return { join: "and", rows: [] };
  const single = readCondition(expr, typeOf);
  if (single) return { join: "and", rows: [single] };
  const group = operation(expr);
  if (!group || (group.name !== "and" && group.name !== "or") || group.args.length === 0)
    return undefined;
  const rows: Condition[] = [];
  for (const arg of group.args) {
    const row = readCondition(arg, typeOf);
    if (!row) return undefined;
    rows.push(row);
  }
  return { join: group.name, rows };
}

function readCondition(expr: JsonLogic, typeOf: TypeOf): Condition | undefined {
  const op = operation(expr);
  if (!op) return undefined;
  return readPresence(op, typeOf) ?? readComparison(op, typeOf);
}

/** empty / not empty, in each form `writeCondition` gives, and `== null` / `!= null` for any type. */
function readPresence(op: Operation, typeOf: TypeOf): Condition | undefined {
  const { name, args } = op;
  if ((name === "!" || name === "!!") && args.length === 1) {
    const field = fieldPath(args[0]);
    if (field === undefined || typeOf(field) !== "multiselect") return undefined;
    return { field, op: name === "!" ? "empty" : "notEmpty" };
  }
  if ((name === "==" || name === "!=") && args.length === 2 && args[1] === null) {
    const field = fieldPath(args[0]);
    if (field === undefined || !accepts(typeOf(field), name === "==" ? "empty" : "notEmpty"))
      return undefined;
    return { field, op: name === "==" ? "empty" : "notEmpty" };
  }
  const pair = { or: ["==", "empty"], and: ["!=", "notEmpty"] } as const;
  if ((name === "or" || name === "and") && args.length === 2) {
    const [compare, meaning] = pair[name];
    const [first, second] = args.map(operation);
    const field = fieldPath(first?.args[0]);
    const same = (o: Operation | undefined, value: null | "") =>
      o?.name === compare &&
      o.args.length === 2 &&
      fieldPath(o.args[0]) === field &&
      o.args[1] === value;
    if (field === undefined || !accepts(typeOf(field), meaning)) return undefined;
    if ((same(first, null) && same(second, "")) || (same(first, "") && same(second, null)))
      return { field, op: meaning };
  }
  return undefined;
}

function readComparison({ name, args }: Operation, typeOf: TypeOf): Condition | undefined {
  const [left, right] = args;
  if (args.length !== 2 || left === undefined || right === undefined) return undefined;
  if (name === "in") {
    // a value in the field (text contains, a multiselect holds) or the field in a list
    const contained = fieldPath(right);
    if (contained !== undefined && !contained.startsWith("$")) {
      const operand = readOperand(left, typeOf(contained), "contains");
      return operand && accepts(typeOf(contained), "contains")
        ? { field: contained, op: "contains", operand }
        : undefined;
    }
  }
  if (!ORDERING.includes(name as ConditionOp) && name !== "in") return undefined;
  const field = fieldPath(left);
  if (field === undefined) return undefined;
  const op = name as ConditionOp;
  const operand = readOperand(right, typeOf(field), op);
  return operand && accepts(typeOf(field), op) ? { field, op, operand } : undefined;
}

function accepts(type: FieldType | undefined, op: ConditionOp): boolean {
  return type !== undefined && operatorsFor(type).includes(op);
}

/** The operand, when it is a value the field's type holds (a list of them for `in`) or a variable. */
function readOperand(
  value: JsonLogic,
  type: FieldType | undefined,
  op: ConditionOp,
): Operand | undefined {
  const variable = fieldPath(value);
  if (variable !== undefined)
    return isVariablePath(variable) ? { kind: "variable", path: variable } : undefined;
  if (type === undefined) return undefined;
  const scalarType = type === "multiselect" ? "select" : type;
  if (op === "in") {
    if (!Array.isArray(value) || value.length === 0) return undefined;
    const items = value as readonly JsonLogic[];
    return items.every((item) => fitsType(item, scalarType))
      ? { kind: "value", value: items as readonly Scalar[] }
      : undefined;
  }
  return fitsType(value, scalarType) ? { kind: "value", value: value as Scalar } : undefined;
}

/** `$user.department`, `$requester.manager`: an attribute of a variable, not the variable itself. */
export function isVariablePath(path: string): boolean {
  return /^\$[A-Za-z_]\w*(\.\w+)+$/.test(path);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether the builder's value input for `type` can show `value` as it is. */
function fitsType(value: JsonLogic, type: FieldType): boolean {
  if (NUMBERS.includes(type)) return typeof value === "number" && Number.isFinite(value);
  if (type === "boolean") return typeof value === "boolean";
  if (typeof value !== "string" || value === "") return false;
  if (type === "date") return DATE.test(value);
  if (type === "datetime") return !DATE.test(value) && !Number.isNaN(Date.parse(value));
  return true;
}

interface Operation {
  readonly name: string;
  readonly args: readonly JsonLogic[];
}

function operation(expr: JsonLogic | undefined): Operation | undefined {
  if (typeof expr !== "object" || expr === null || Array.isArray(expr)) return undefined;
  const keys = Object.keys(expr);
  if (keys.length !== 1) return undefined;
  const name = keys[0]!;
  const raw = (expr as Record<string, JsonLogic>)[name]!;
  return { name, args: Array.isArray(raw) ? raw : [raw] };
}

/** The path of a plain `{"var": "path"}` (no default), undefined for anything else. */
function fieldPath(expr: JsonLogic | undefined): string | undefined {
  const op = operation(expr);
  if (op?.name !== "var" || op.args.length !== 1) return undefined;
  const path = op.args[0];
  return typeof path === "string" && path !== "" ? path : undefined;
}
