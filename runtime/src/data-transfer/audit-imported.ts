import { SYSTEM_SCHEMA } from "@loom/engine";
import type { Knex } from "knex";
import { preparedStatement, runStatement } from "../db/prepared-statement.ts";

/**
 * The `create` entries of imported records, one per record in ONE statement: who created which
 * record when, as for every create, with `import: { row }` (the row of the file it came from)
 * instead of every field's value. The values are the record's first version, which the record
 * and its later entries (each with its `before`) still tell; writing them again as JSON costs
 * more than the insert of the record itself (README: measured), so an import of a million rows
 * would take twice as long for a copy of what it imported.
 * Binds: entity, actor, ids, rows. A new record is at version 1 (the column's default).
 */
const AUDIT_IMPORTED = preparedStatement(
  `INSERT INTO "${SYSTEM_SCHEMA}"."audit_log" ("entity", "record_id", "action", "actor", "changes")
   SELECT ?, x."id", 'create', ?,
     jsonb_build_object('version', 1, 'fields', '{}'::jsonb, 'import', jsonb_build_object('row', x."row"))
   FROM unnest(?::uuid[], ?::integer[]) AS x("id", "row")`,
);

export async function auditImported(
  tx: Knex,
  entity: string,
  actor: string | null,
  records: readonly { readonly id: string; readonly row: number }[],
): Promise<void> {
  if (records.length === 0) return;
  await runStatement(tx, AUDIT_IMPORTED, [
    entity,
    actor,
    records.map((r) => r.id),
    records.map((r) => r.row),
  ]);
}
