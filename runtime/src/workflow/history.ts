import { SYSTEM_SCHEMA } from "@loom/engine";
import type { Knex } from "knex";
import { preparedStatement, runStatement } from "../db/prepared-statement.ts";
import type { Instance } from "./instances.ts";

const S = `"${SYSTEM_SCHEMA}"`;
const WRITE = preparedStatement(
  `INSERT INTO ${S}."workflow_history" ("instance_id", "entity", "record_id", "action", "from_node", "to_node", "actor", "comment", "at")
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const READ = preparedStatement(
  `SELECT "action", "from_node", "to_node", "actor", "comment", "at" FROM ${S}."workflow_history"
   WHERE "entity" = ? AND "record_id" = ? ORDER BY "id"`,
);

/** One line of a record's workflow history: who did what, when, with which comment. */
export interface HistoryEntry {
  readonly action: string;
  readonly from: string;
  readonly to: string;
  readonly actor: string | null;
  readonly comment: string | null;
  readonly at: string;
}

export async function writeHistory(
  tx: Knex.Transaction,
  instance: Pick<Instance, "id">,
  request: { entity: string; recordId: string; action: string; comment: string | null; now: Date },
  actor: { username: string | null },
  from: string,
  to: string,
): Promise<void> {
  await runStatement(tx, WRITE, [
    instance.id,
    request.entity,
    request.recordId,
    request.action,
    from,
    to,
    actor.username,
    request.comment,
    request.now,
  ]);
}

export async function readHistory(
  conn: Knex,
  entity: string,
  recordId: string,
): Promise<HistoryEntry[]> {
  const rows = await runStatement(conn, READ, [entity, recordId]);
  return (rows as unknown as HistoryRow[]).map((row) => ({
    action: row.action,
    from: row.from_node,
    to: row.to_node,
    actor: row.actor,
    comment: row.comment,
    at: new Date(row.at).toISOString(),
  }));
}

interface HistoryRow {
  action: string;
  from_node: string;
  to_node: string;
  actor: string | null;
  comment: string | null;
  at: Date | string;
}
