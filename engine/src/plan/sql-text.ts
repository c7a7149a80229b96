import { DATA_SCHEMA, SYSTEM_SCHEMA } from "../model/app-model.ts";
import { quoteIdent } from "../model/sql-name.ts";

/** A string literal for standard_conforming_strings (on since PostgreSQL 9.1): only `'` is doubled. */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A table or index of DATA_SCHEMA, schema-qualified. */
export function qualified(name: string): string {
  return `${quoteIdent(DATA_SCHEMA)}.${quoteIdent(name)}`;
}

/** A function of the system schema, e.g. `"loom_sys"."try_bigint"`. */
export function systemFunction(name: string): string {
  return `${quoteIdent(SYSTEM_SCHEMA)}.${quoteIdent(name)}`;
}
