import { SYSTEM_SCHEMA } from "@loom/engine";
import type { Knex } from "knex";
import { preparedStatement, runStatement } from "../../db/prepared-statement.ts";
import { diffRecords } from "./diff-records.ts";

const APPEND = preparedStatement(
  `INSERT INTO "${SYSTEM_SCHEMA}"."audit_log" ("entity", "record_id", "action", "actor", "changes")
   VALUES (?, ?, ?, ?, ?::jsonb)`,
);

export interface AuditEntry {
  entity: string;
  recordId: string;
  action: "create" | "update" | "delete" | "restore";
  /** the authenticated user; never a value the client sent */
  actor: string | null;
  /** the full record (lines included) as readRecord returned it; null for create and restore */
  before: Record<string, unknown> | null;
  /** the full record as stored after the write; null for delete */
  after: Record<string, unknown> | null;
}

/**
 * Appends one row to the audit log in the caller's transaction, so the entry exists exactly when
 * the write does. `changes` holds `{ version, fields }`: the record's version after the action
 * (the deleted version for a delete) and the changed fields as diffRecords gives them.
 */
export async function recordAudit(tx: Knex, entry: AuditEntry): Promise<void> {
  const version = (entry.after ?? entry.before)?.version ?? null;
  const changes = { version, fields: diffRecords(entry.before, entry.after) };
  await runStatement(tx, APPEND, [
    entry.entity,
    entry.recordId,
    entry.action,
    entry.actor,
    JSON.stringify(changes),
  ]);
}
