import { type NamingSeries, quoteIdent, SYSTEM_SCHEMA } from "@loom/engine";
import type { Knex } from "knex";

const TOKEN = /\{(YYYY|YY|MM|DD|#+)\}/g;

/**
 * The next number of a series, e.g. `SO-2026-00001` for `SO-{YYYY}-{#####}`. The counter row of
 * (entity + pattern, period) is incremented in the caller's transaction: concurrent creates
 * queue on that row, and a rolled-back create takes its number back, so numbers have no gaps
 * and no duplicates. The period is the pattern's date parts (UTC): the counter restarts in each.
 */
export async function nextNumber(
  tx: Knex.Transaction,
  entity: string,
  series: NamingSeries,
  now: Date,
): Promise<string> {
  const parts: Record<string, string> = {
    YYYY: String(now.getUTCFullYear()).padStart(4, "0"),
    YY: String(now.getUTCFullYear() % 100).padStart(2, "0"),
    MM: String(now.getUTCMonth() + 1).padStart(2, "0"),
    DD: String(now.getUTCDate()).padStart(2, "0"),
  };
  const period = [...series.pattern.matchAll(TOKEN)]
    .flatMap((match) => (match[1]!.startsWith("#") ? [] : [parts[match[1]!]!]))
    .join("-");
  const { rows } = await tx.raw(
    `INSERT INTO ${quoteIdent(SYSTEM_SCHEMA)}."naming_series" AS s ("series", "period", "next_value")
     VALUES (?, ?, 2)
     ON CONFLICT ("series", "period") DO UPDATE SET "next_value" = s."next_value" + 1
     RETURNING s."next_value" - 1 AS "value"`,
    [`${entity}:${series.pattern}`, period],
  );
  const value = String(rows[0].value);
  return series.pattern.replace(TOKEN, (_match, token: string) =>
    token.startsWith("#") ? value.padStart(token.length, "0") : parts[token]!,
  );
}
