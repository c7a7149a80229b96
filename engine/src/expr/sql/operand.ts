import { canonicalDateTime, dateAsDateTime, isDateString } from "../dates.ts";
import type { FieldType } from "../types.ts";
import { normalize } from "../values.ts";
import { type Fragment, NULL, param, sql } from "./fragment.ts";

/** The kinds of SQL value a filter deals in; `id` is a link or record key, compared as the column's own type. */
export type SqlType = "integer" | "numeric" | "text" | "boolean" | "date" | "datetime" | "id";

/** A compiled argument: a value known at compile time (literal, `$user.*`, today), or SQL over the row. */
export type Operand = Constant | SqlOperand;

export interface Constant {
  readonly kind: "const";
  readonly value: unknown;
}

export interface SqlOperand extends Fragment {
  readonly kind: "sql";
  readonly type: SqlType;
  /** whether the SQL can yield NULL */
  readonly nullable: boolean;
}

/** A compile-time value in the form a param takes for one SQL type. */
export interface Bound {
  readonly value: unknown;
  /** the cast; none for `id`, whose type PostgreSQL takes from the column */
  readonly cast?: string;
  readonly type: SqlType;
}

export function constant(value: unknown): Constant {
  return { kind: "const", value: value ?? null };
}

export function sqlOperand(fragment: Fragment, type: SqlType, nullable: boolean): SqlOperand {
  return { kind: "sql", text: fragment.text, params: fragment.params, type, nullable };
}

export function isNullConstant(operand: Operand): boolean {
  return operand.kind === "const" && normalize(operand.value) === null;
}

export function boundParam(bound: Bound): SqlOperand {
  return sqlOperand(param(bound.value, bound.cast), bound.type, false);
}

const FIELD_SQL_TYPES: Partial<Record<FieldType, SqlType>> = {
  text: "text",
  longtext: "text",
  select: "text",
  email: "text",
  phone: "text",
  url: "text",
  integer: "integer",
  decimal: "numeric",
  money: "numeric",
  percent: "numeric",
  boolean: "boolean",
  date: "date",
  datetime: "datetime",
  link: "id",
};

/** undefined for fields a filter cannot read (multiselect, json, table). */
export function sqlTypeOfField(type: FieldType): SqlType | undefined {
  return FIELD_SQL_TYPES[type];
}

/** Types that compare with each other: numbers with numbers, dates with datetimes. */
export function family(type: SqlType): string {
  if (type === "integer" || type === "numeric") return "number";
  if (type === "date" || type === "datetime") return "time";
  return type;
}

/**
 * A compile-time value as a param of `type`, or undefined when it is not a value of that kind
 * (null included). A datetime meeting a date comes back typed `datetime`: the date side must then
 * be promoted.
 */
export function bindAs(value: unknown, type: SqlType): Bound | undefined {
  const v = normalize(value);
  switch (type) {
    case "integer":
    case "numeric":
      if (typeof v !== "number" || !Number.isFinite(v)) return undefined;
      // bigint keeps an integer column's index usable; fractions need numeric
      return type === "integer" && Number.isSafeInteger(v)
        ? { value: v, cast: "bigint", type }
        : { value: v, cast: "numeric", type: "numeric" };
    case "text":
      // a zoned datetime is an instant to the evaluator, never plain text
      return typeof v === "string" && canonicalDateTime(v) !== v
        ? { value: v, cast: "text", type }
        : undefined;
    case "boolean":
      return typeof v === "boolean" ? { value: v, cast: "boolean", type } : undefined;
    case "date":
    case "datetime":
      if (typeof v !== "string") return undefined;
      if (isDateString(v))
        return type === "date"
          ? { value: v, cast: "date", type }
          : { value: dateAsDateTime(v), cast: "timestamptz", type };
      return canonicalDateTime(v) === v
        ? { value: v, cast: "timestamptz", type: "datetime" }
        : undefined;
    case "id":
      return typeof v === "string" || typeof v === "number" ? { value: v, type } : undefined;
  }
}

/**
 * The SQL type compile-time values (nulls aside) share when no column says it: numbers numeric,
 * booleans boolean, strings text, date or datetime as they look (dates with datetimes: datetime).
 */
export function sqlTypeOfValues(values: readonly unknown[]): SqlType | undefined {
  const types = new Set(values.filter((value) => normalize(value) !== null).map(sqlTypeOfValue));
  if (types.size === 1) return [...types][0];
  if (types.size !== 2 || !types.has("date")) return undefined;
  if (types.has("datetime")) return "datetime";
  return types.has("text") ? "text" : undefined;
}

function sqlTypeOfValue(value: unknown): SqlType | undefined {
  const v = normalize(value);
  if (typeof v === "number") return "numeric";
  if (typeof v === "boolean") return "boolean";
  if (typeof v !== "string") return undefined;
  return canonicalDateTime(v) === v ? "datetime" : isDateString(v) ? "date" : "text";
}

/** A date as the instant its day starts in UTC, to compare with a datetime as JS does. */
export function promote(operand: SqlOperand): SqlOperand {
  return operand.type === "date"
    ? sqlOperand(sql`(${operand}::timestamp AT TIME ZONE 'UTC')`, "datetime", operand.nullable)
    : operand;
}

/**
 * Two operands (at least one SQL, neither a null constant) brought to one type, or undefined
 * when they are of kinds that are never equal.
 */
export function typedPair(a: Operand, b: Operand): [SqlOperand, SqlOperand] | undefined {
  if (a.kind === "const") {
    const pair = b.kind === "sql" ? typedPair(b, a) : undefined;
    return pair && [pair[1], pair[0]];
  }
  if (b.kind === "const") {
    const bound = bindAs(b.value, a.type);
    if (!bound) return undefined;
    return [bound.type === "datetime" ? promote(a) : a, boundParam(bound)];
  }
  if (family(a.type) !== family(b.type)) return undefined;
  return a.type !== b.type && family(a.type) === "time" ? [promote(a), promote(b)] : [a, b];
}

/**
 * Several operands (CASE branches) brought to one type: that of the first SQL one, else `hint`,
 * else the one the constants share. Nulls become NULL. Undefined when they do not share a kind.
 */
export function unify(operands: readonly Operand[], hint?: SqlType): SqlOperand[] | undefined {
  const present = operands.filter((operand) => !isNullConstant(operand));
  const first = present.find((operand) => operand.kind === "sql");
  const values = present.flatMap((operand) => (operand.kind === "const" ? [operand.value] : []));
  const base = first?.type ?? hint ?? sqlTypeOfValues(values);
  if (base === undefined) return undefined;
  const bindings = present.map((operand) =>
    operand.kind === "sql" ? operand : bindAs(operand.value, base),
  );
  if (bindings.some((binding) => binding === undefined || family(binding.type) !== family(base)))
    return undefined;
  const types = bindings.map((binding) => binding!.type);
  const type = types.includes("datetime")
    ? "datetime"
    : types.includes("numeric")
      ? "numeric"
      : base;
  return operands.map((operand) => {
    if (isNullConstant(operand)) return sqlOperand(NULL, type, true);
    if (operand.kind === "sql") return type === "datetime" ? promote(operand) : operand;
    return boundParam(bindAs(operand.value, type)!);
  });
}
