import { quoteIdent } from "../../model/sql-name.ts";

/** A piece of SQL with `?` placeholders and their values, in order. */
export interface Fragment {
  readonly text: string;
  readonly params: readonly unknown[];
}

/**
 * Builds SQL from fixed text and fragments only: a value can enter solely through `param`, an
 * identifier solely through `ident`, so nothing from an expression is ever spliced into the text.
 */
export function sql(strings: TemplateStringsArray, ...parts: readonly Fragment[]): Fragment {
  let text = strings[0]!;
  const params: unknown[] = [];
  parts.forEach((part, i) => {
    text += part.text + strings[i + 1]!;
    params.push(...part.params);
  });
  return { text, params };
}

/** A bound value, cast so PostgreSQL does not have to guess its type (no cast: inferred from the column). */
export function param(value: unknown, cast?: string): Fragment {
  return { text: cast === undefined ? "?" : `?::${cast}`, params: [value] };
}

export function ident(name: string): Fragment {
  return { text: quoteIdent(name), params: [] };
}

export function join(parts: readonly Fragment[], separator: string): Fragment {
  return {
    text: parts.map((part) => part.text).join(separator),
    params: parts.flatMap((part) => part.params),
  };
}

/** SQL keywords, written by this module only. */
export const FALSE: Fragment = { text: "false", params: [] };
export const NULL: Fragment = { text: "NULL", params: [] };
