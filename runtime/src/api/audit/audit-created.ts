import { SYSTEM_COLUMNS, SYSTEM_SCHEMA } from "@loom/engine";
import type { Knex } from "knex";
import {
  type PreparedStatement,
  preparedStatement,
  runStatement,
} from "../../db/prepared-statement.ts";
import { type ReadPlan, toRecord } from "../read-plan.ts";
import type { JsonRecord } from "../read-records.ts";

/**
 * Reads a record just created and appends its `create` entry to the audit log in ONE statement:
 * the database builds `changes` from the stored row the way diffRecords(null, after) does — every
 * field with its `after`, a table field's lines as `added` (none: `after: []`), system columns
 * left out — so a create takes one statement less while its series' counter row is locked.
 * Binds: id, entity, actor, table fields, system columns.
 */
export function auditCreatedStatement(plan: ReadPlan): PreparedStatement {
  return preparedStatement(
    `WITH "r" AS (${plan.byId.text}),
     "a" AS (
       INSERT INTO "${SYSTEM_SCHEMA}"."audit_log" ("entity", "record_id", "action", "actor", "changes")
       SELECT ?, "r"."id", 'create', ?, jsonb_build_object('version', "r"."version", 'fields', (
         SELECT COALESCE(jsonb_object_agg(e.key, CASE
           WHEN e.key = ANY(?::text[]) AND e.value <> '[]'::jsonb
             THEN jsonb_build_object('added', e.value, 'removed', '[]'::jsonb, 'changed', '[]'::jsonb)
           ELSE jsonb_build_object('after', e.value) END), '{}'::jsonb)
         FROM jsonb_each(to_jsonb("r")) e WHERE NOT e.key = ANY(?::text[])))
       FROM "r")
     SELECT * FROM "r"`,
    plan.shape,
  );
}

/** The created record, its create entry appended (see auditCreatedStatement). */
export async function readCreated(
  tx: Knex,
  plan: ReadPlan,
  statement: PreparedStatement,
  id: string,
  actor: string | null,
): Promise<JsonRecord> {
  const tables = plan.lines.map((line) => line.field.name);
  const [row] = await runStatement(tx, statement, [
    id,
    plan.entity.name,
    actor,
    tables,
    [...SYSTEM_COLUMNS],
  ]);
  return toRecord(plan.columns, row!, plan.lines);
}
