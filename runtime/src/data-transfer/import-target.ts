import { type Entity, recordSchema } from "@loom/engine";
import type { Reader } from "../access/reader.ts";
import { writeScope } from "../access/write-access.ts";
import { addressablePlan } from "../api/addressable-plan.ts";
import type { SqlPart } from "../api/keyset.ts";
import type { JsonRecord } from "../api/read-records.ts";
import type { Language } from "../api/write/accept-language.ts";
import type { WritePlan, WritePlans } from "../api/write/write-plan.ts";
import type { WriteContext } from "../api/write/write-record.ts";
import { type ColumnMapping, refuseRequiredLines, requireColumns } from "./import-columns.ts";

/** Everything an import of one entity by one reader needs, checked before the file is opened. */
export interface ImportTarget {
  readonly reader: Reader;
  readonly plans: WritePlans;
  /** the full write plan, as POST /api/data/:entity uses it */
  readonly plan: WritePlan & { readonly validate: NonNullable<WritePlan["validate"]> };
  /** the entity as the reader sees it (no hidden fields): what columns may name */
  readonly entity: Entity;
  /** the fields the create schema requires */
  readonly required: readonly string[];
  /** as a POST of the reader's builds it; its scope is the create scope and the import scope */
  readonly context: WriteContext;
}

/**
 * The import of `name` as `reader`: 404 `unknown-entity` for an entity the API does not serve on
 * its own; 403 `forbidden` unless the roles give both `import` (files of records, a permission
 * of its own) and `create` (each row is a create); 400 `lines-required` for an entity that
 * cannot be created without lines. Written records must be in both actions' row scopes.
 */
export function importTarget(
  reader: Reader,
  plans: WritePlans,
  name: string,
  language: Language,
): ImportTarget {
  const entity = addressablePlan(reader.plans, name).entity;
  const plan = plans.get(name) as ImportTarget["plan"];
  // permission first, as for a POST: who may not import learns nothing of the entity's columns
  const importScope = reader.scope(name, "import");
  const createScope = writeScope(reader, plan, "create", {});
  const scope = bothScopes(createScope, importScope);
  const required = (recordSchema(reader.model, name, "create").required as string[]) ?? [];
  refuseRequiredLines(entity, required);
  const context: WriteContext = {
    actor: reader.principal.username,
    language,
    ...(scope ? { scope, readScope: reader.readScope(name) } : {}),
  };
  return {
    reader,
    plans,
    plan,
    entity,
    required,
    context,
  };
}

/**
 * The header's checks that need permissions: 403 `field-forbidden` for a column the roles may
 * not set on create (as a POST naming that field), then 400 `missing-column`.
 */
export function checkColumns(target: ImportTarget, mapping: ColumnMapping): void {
  const named: JsonRecord = {};
  for (const column of mapping.columns) named[column.field.name] = null;
  writeScope(target.reader, target.plan, "create", named);
  requireColumns(target.entity, mapping, target.required);
}

function bothScopes(a: SqlPart | undefined, b: SqlPart | undefined): SqlPart | undefined {
  if (!a || !b) return a ?? b;
  return { sql: `(${a.sql}) AND (${b.sql})`, params: [...a.params, ...b.params] };
}
