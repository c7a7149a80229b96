import { type NamingSeries, quoteIdent, SYSTEM_SCHEMA } from "@loom/engine";
import type { Knex } from "knex";
import { preparedStatement, runStatement } from "../../db/prepared-statement.ts";

const TOKEN = /\{(YYYY|YY|MM|DD|#+)\}/g;

/**
 * Takes the next value of a series' counter; binds: the series key, the period. The counter row
 * of (entity + pattern, period) is incremented in the caller's transaction: concurrent creates
 * queue on that row until they commit, and a rolled-back create takes its number back, so numbers
 * have no gaps and no duplicates. The period is the pattern's date parts (UTC): the counter
 * restarts in each.
 */
export const NEXT_VALUE_SQL = `INSERT INTO ${quoteIdent(SYSTEM_SCHEMA)}."naming_series" AS s ("series", "period", "next_value")
   VALUES (?, ?, 2)
   ON CONFLICT ("series", "period") DO UPDATE SET "next_value" = s."next_value" + 1
   RETURNING s."next_value" - 1 AS "value"`;

const NEXT_VALUE = preparedStatement(NEXT_VALUE_SQL);

/** A pattern as literal text, date parts (filled in) and counter runs of `width` digits. */
type Piece =
  | { readonly kind: "literal" | "date"; readonly text: string }
  | { readonly kind: "counter"; readonly width: number };

function pieces(series: NamingSeries, now: Date): Piece[] {
  const parts: Record<string, string> = {
    YYYY: String(now.getUTCFullYear()).padStart(4, "0"),
    YY: String(now.getUTCFullYear() % 100).padStart(2, "0"),
    MM: String(now.getUTCMonth() + 1).padStart(2, "0"),
    DD: String(now.getUTCDate()).padStart(2, "0"),
  };
  const result: Piece[] = [];
  let at = 0;
  for (const match of series.pattern.matchAll(TOKEN)) {
    const token = match[1]!;
    if (match.index > at)
      result.push({ kind: "literal", text: series.pattern.slice(at, match.index) });
    result.push(
      token.startsWith("#")
        ? { kind: "counter", width: token.length }
        : { kind: "date", text: parts[token]! },
    );
    at = match.index + match[0].length;
  }
  if (at < series.pattern.length) result.push({ kind: "literal", text: series.pattern.slice(at) });
  return result;
}

/** The counter's key and period for a number taken at `now`: NEXT_VALUE_SQL's bindings. */
export function counterBindings(entity: string, series: NamingSeries, now: Date): string[] {
  const period = pieces(series, now).flatMap((piece) =>
    piece.kind === "date" ? [piece.text] : [],
  );
  return [`${entity}:${series.pattern}`, period.join("-")];
}

/**
 * The number as an SQL expression over `value` (the counter's value), for a number given inside
 * the INSERT itself: `? || lpad(value::text, 5, '0')…` with one placeholder per literal run
 * (bound with numberBindings), so the text is fixed per pattern shape and the date parts are values.
 */
export function numberExpression(series: NamingSeries, value: string): string {
  return pieces(series, new Date(0))
    .map((piece) =>
      piece.kind !== "counter"
        ? "?::text"
        : `lpad(${value}::text, greatest(${piece.width}, length(${value}::text)), '0')`,
    )
    .join(" || ");
}

/** numberExpression's bindings at `now`. */
export function numberBindings(series: NamingSeries, now: Date): string[] {
  return pieces(series, now).flatMap((piece) => (piece.kind === "counter" ? [] : [piece.text]));
}

/** The next number of a series, e.g. `SO-2026-00001` for `SO-{YYYY}-{#####}`. */
export async function nextNumber(
  tx: Knex.Transaction,
  entity: string,
  series: NamingSeries,
  now: Date,
): Promise<string> {
  const [row] = await runStatement(tx, NEXT_VALUE, counterBindings(entity, series, now));
  return formatNumber(pieces(series, now), Number(row!.value));
}

/** NEXT_VALUE_SQL taking `count` values; binds: the series key, the period, count, count. */
const NEXT_VALUES = preparedStatement(
  `INSERT INTO ${quoteIdent(SYSTEM_SCHEMA)}."naming_series" AS s ("series", "period", "next_value")
   VALUES (?, ?, ?::bigint + 1)
   ON CONFLICT ("series", "period") DO UPDATE SET "next_value" = s."next_value" + EXCLUDED."next_value" - 1
   RETURNING s."next_value" - ?::bigint AS "first"`,
);

/**
 * The next `count` numbers of a series, in order, in one upsert (a batch of imported records):
 * the counter row, as for one number, stays locked until the commit and a rollback gives the
 * numbers back.
 */
export async function nextNumbers(
  tx: Knex.Transaction,
  entity: string,
  series: NamingSeries,
  now: Date,
  count: number,
): Promise<string[]> {
  if (count === 0) return [];
  const [row] = await runStatement(tx, NEXT_VALUES, [
    ...counterBindings(entity, series, now),
    count,
    count,
  ]);
  const first = Number(row!.first);
  const parts = pieces(series, now);
  return Array.from({ length: count }, (_, i) => formatNumber(parts, first + i));
}

function formatNumber(parts: readonly Piece[], value: number): string {
  const text = String(value);
  return parts
    .map((piece) => (piece.kind === "counter" ? text.padStart(piece.width, "0") : piece.text))
    .join("");
}
