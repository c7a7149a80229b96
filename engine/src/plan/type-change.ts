import { LoomError } from "../errors.ts";
import { type ColumnType, formatColumnType } from "./column-type.ts";
import { systemFunction } from "./sql-text.ts";

/** How the values of a column get from one type to another. */
export interface TypeChange {
  /** `widen`: every value fits as it is; `convert`: values are rewritten (try-casts, rounding …) */
  readonly kind: "widen" | "convert";
  /** the new value as an SQL expression of the old one (`old` is a quoted column); NULL when it does not convert */
  readonly using: (old: string) => string;
  /** some non-null values may not convert and become NULL */
  readonly canFail: boolean;
  /** what happens to values that do convert, when something is lost (e.g. rounding) */
  readonly loss?: string;
}

const widen = (using: (old: string) => string): TypeChange => ({
  kind: "widen",
  using,
  canFail: false,
});

const convert = (using: (old: string) => string, canFail: boolean, loss?: string): TypeChange => ({
  kind: "convert",
  using,
  canFail,
  ...(loss === undefined ? {} : { loss }),
});

/** Digits before the point that a bigint can need (9223372036854775807). */
const BIGINT_DIGITS = 19;

/** The change of a column from one storage type to another (the types differ). */
export function typeChange(from: ColumnType, to: ColumnType): TypeChange {
  const target = formatColumnType(to);
  switch (to.kind) {
    case "text":
      return from.kind === "text[]"
        ? convert((old) => `array_to_string(${old}, ', ')`, false)
        : widen((old) => asText(from, old));
    case "varchar":
      return from.kind === "varchar" && from.length <= to.length
        ? widen((old) => `${old}::${target}`)
        : convert(
            (old) =>
              `(CASE WHEN char_length(${asText(from, old)}) <= ${to.length} THEN ${asText(from, old)} END)`,
            true,
          );
    case "bigint":
      return toBigint(from);
    case "numeric":
      return toNumeric(from, to);
    case "boolean":
      return convert((old) => `${systemFunction("try_boolean")}(${asText(from, old)})`, true);
    case "date":
      return from.kind === "timestamptz"
        ? convert((old) => `${old}::date`, false, "the time of day is dropped")
        : convert((old) => `${systemFunction("try_date")}(${asText(from, old)})`, true);
    case "timestamptz":
      return from.kind === "date"
        ? widen((old) => `${old}::${target}`)
        : convert((old) => `${systemFunction("try_timestamptz")}(${asText(from, old)})`, true);
    case "text[]":
      return convert(
        (old) => `(CASE WHEN ${old} IS NULL THEN NULL ELSE ARRAY[${asText(from, old)}] END)`,
        false,
      );
    case "jsonb":
      return convert((old) => `to_jsonb(${old})`, false);
    case "integer":
    case "uuid":
      // only system columns and links have these types, and the planner replaces a changed link
      throw new LoomError(
        "plan-type-change",
        `cannot convert ${formatColumnType(from)} to ${target}`,
      );
  }
}

function toBigint(from: ColumnType): TypeChange {
  if (from.kind === "integer") return widen((old) => `${old}::bigint`);
  if (from.kind !== "numeric") {
    return convert((old) => `${systemFunction("try_bigint")}(${asText(from, old)})`, true);
  }
  return convert(
    (old) => `${systemFunction("try_bigint")}(round(${old})::text)`,
    from.precision - from.scale >= BIGINT_DIGITS,
    from.scale > 0 ? "values are rounded to whole numbers" : undefined,
  );
}

function toNumeric(from: ColumnType, to: { precision: number; scale: number }): TypeChange {
  const target = `numeric(${to.precision},${to.scale})`;
  const tryNumeric = (text: string): string =>
    `${systemFunction("try_numeric")}(${text}, ${to.precision}, ${to.scale})`;
  const integerDigits = to.precision - to.scale;
  if (from.kind === "bigint" || from.kind === "integer") {
    const digits = from.kind === "bigint" ? BIGINT_DIGITS : 10;
    return integerDigits >= digits
      ? widen((old) => `${old}::${target}`)
      : convert((old) => tryNumeric(`${old}::text`), true);
  }
  if (from.kind !== "numeric") return convert((old) => tryNumeric(asText(from, old)), true);
  const fromDigits = from.precision - from.scale;
  if (to.scale >= from.scale && integerDigits >= fromDigits) {
    return widen((old) => `${old}::${target}`);
  }
  return convert(
    (old) => tryNumeric(`${old}::text`),
    integerDigits < fromDigits,
    to.scale < from.scale ? `values are rounded to ${to.scale} decimal places` : undefined,
  );
}

/** The old value as text for a try-cast; a multiselect converts only when it holds one value. */
function asText(from: ColumnType, old: string): string {
  switch (from.kind) {
    case "text":
      return old;
    case "jsonb":
      return `(${old} #>> '{}')`;
    case "text[]":
      return `(CASE WHEN cardinality(${old}) = 1 THEN ${old}[1] END)`;
    default:
      return `${old}::text`;
  }
}
