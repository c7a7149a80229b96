import type { Entity, Field } from "@loom/engine";
import type { Knex } from "knex";
import type { Reader } from "../access/reader.ts";
import type { SqlPart } from "../api/keyset.ts";
import type { ReadPlan } from "../api/read-plan.ts";
import { queryRows } from "../api/read-records.ts";

/** How the records of one target entity are found by key text. */
export interface KeyLookup {
  readonly target: Entity;
  /** the fields a text is matched against, in order: unique text fields, then the title */
  readonly keys: readonly Field[];
  /** `SELECT id, k0, k1… WHERE (k0 = ANY(?) OR …) AND scope`; undefined when nothing matches */
  readonly sql?: string;
  readonly scope: SqlPart | undefined;
}

/** A key text's record id, or why there is none. */
export type Resolved = { readonly id: string } | { readonly message: string };

const KEY_TYPES = new Set(["text", "email", "phone", "url"]);

/**
 * The lookup of a link target as `reader` sees it: its visible unique text fields (a customer's
 * code), then its title field, matched in the target's read scope, so a key finds only records
 * the reader could list (none when they may not read the entity at all).
 */
export function keyLookup(reader: Reader, target: string): KeyLookup {
  const plan = reader.plans.get(target)!;
  const entity = plan.entity;
  const unique = entity.fields.filter((f) => f.unique && KEY_TYPES.has(f.type));
  const title = entity.fields.find(
    (f) => f.name === entity.titleField && KEY_TYPES.has(f.type) && !f.unique,
  );
  const keys = title ? [...unique, title] : unique;
  const scope = reader.readScope(target);
  if (keys.length === 0 || scope === null) return { target: entity, keys, scope: undefined };
  return { target: entity, keys, sql: lookupSql(plan, keys, scope), scope };
}

function lookupSql(plan: ReadPlan, keys: readonly Field[], scope: SqlPart | undefined): string {
  const columns = keys.map((key, i) => `${plan.byKey.get(key.name)!.ref} AS "k${i}"`);
  const matches = keys.map((key) => `${plan.byKey.get(key.name)!.ref} = ANY(?::text[])`);
  return `SELECT ${plan.byKey.get("id")!.ref} AS "id", ${columns.join(", ")} FROM ${plan.from}
    WHERE (${matches.join(" OR ")})${scope ? ` AND (${scope.sql})` : ""}`;
}

/**
 * Finds the records these key texts name, in one query: a text matching one record by the first
 * key field that matches at all is that record; matching several (two customers named "Acme")
 * is refused, naming the fields that tell them apart.
 */
export async function resolveKeys(
  conn: Knex,
  lookup: KeyLookup,
  texts: ReadonlySet<string>,
): Promise<Map<string, Resolved>> {
  const list = [...texts];
  const rows = lookup.sql
    ? await queryRows(conn, lookup.sql, [
        ...lookup.keys.map(() => list),
        ...(lookup.scope?.params ?? []),
      ])
    : [];
  // per key field: its text → the ids having it
  const byKey = lookup.keys.map(() => new Map<string, string[]>());
  for (const row of rows)
    byKey.forEach((ids, k) => {
      const value = row[`k${k}`];
      if (typeof value === "string") ids.set(value, [...(ids.get(value) ?? []), row.id as string]);
    });
  const resolved = new Map<string, Resolved>();
  for (const text of list) {
    const k = byKey.findIndex((ids) => ids.has(text));
    const ids = k < 0 ? [] : byKey[k]!.get(text)!;
    resolved.set(
      text,
      ids.length === 1
        ? { id: ids[0]! }
        : ids.length > 1
          ? {
              message: `${ids.length} ${lookup.target.name} records have ${label(lookup.keys[k]!)} "${text}": give ${alternatives(lookup, k)} instead`,
            }
          : { message: notFound(lookup, text) },
    );
  }
  return resolved;
}

function notFound(lookup: KeyLookup, text: string): string {
  const name = lookup.target.name;
  if (lookup.keys.length === 0)
    return `"${text}" is no ${name} id, and a ${name} has no code or title to find it by`;
  return `no ${name} has ${lookup.keys.map(label).join(" or ")} "${text}"`;
}

function alternatives(lookup: KeyLookup, ambiguous: number): string {
  const others = lookup.keys.filter((_, i) => i !== ambiguous).map(label);
  return [...others, "the id"].join(" or ");
}

function label(field: Field): string {
  return `${field.labels.en} (${field.name})`;
}
