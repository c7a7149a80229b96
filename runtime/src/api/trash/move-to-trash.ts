import { SYSTEM_SCHEMA } from "@loom/engine";
import type { Knex } from "knex";
import { missingOrForbidden } from "../../access/write-access.ts";
import { HttpError } from "../../server/http-error.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { SqlPart } from "../keyset.ts";
import { R, type ReadPlan } from "../read-plan.ts";
import { type JsonRecord, queryRows, readRecord } from "../read-records.ts";
import { findReferences, type ReferenceCheck } from "./find-references.ts";

export interface TrashRequest {
  readonly plan: ReadPlan;
  readonly id: string;
  /** the version the client saw: anything else is a conflict */
  readonly version: number;
  readonly actor: string | null;
  /** the checks of every link pointing at the entity */
  readonly references: readonly ReferenceCheck[];
  /** the deleter's scope of deleting (absent: every row) and of reading (null: none) */
  readonly scope?: SqlPart;
  readonly readScope?: SqlPart | undefined | null;
}

/**
 * Deletes a record in the caller's transaction after copying it with its lines into the trash,
 * and audits it: the row is locked first, so neither a concurrent update nor a new reference
 * (its foreign key waits on the lock) can slip between the checks and the delete.
 */
export async function moveToTrash(tx: Knex, request: TrashRequest): Promise<void> {
  const { plan, id, version, actor } = request;
  const name = plan.entity.name;
  const { scope } = request;
  const [current] = await queryRows(
    tx,
    `SELECT ${R}."version" FROM ${plan.from} WHERE ${R}."id" = ?${scope ? ` AND (${scope.sql})` : ""} FOR UPDATE`,
    [id, ...(scope?.params ?? [])],
  );
  if (!current) throw await missingOrForbidden(tx, plan, id, "delete", request);
  if (current.version !== version)
    throw new HttpError(
      409,
      "version-conflict",
      `${name} ${id} is at version ${current.version}, not ${version}: reload it and decide again`,
      [{ path: "/headers/if-match", message: `the current version is ${current.version}` }],
      { currentVersion: current.version },
    );
  const references = await findReferences(tx, request.references, id);
  if (references.length > 0)
    throw new HttpError(
      409,
      "still-referenced",
      `${name} ${id} is still referenced by other records: change or delete those first`,
      references,
    );
  const record = (await readRecord(tx, plan, id)) as JsonRecord;
  await tx.raw(
    `INSERT INTO "${SYSTEM_SCHEMA}"."trash" ("entity", "record_id", "record", "deleted_by")
     VALUES (?, ?, ?::jsonb, ?)`,
    [name, id, JSON.stringify(record), actor],
  );
  // the lines go with it: their parent_id keys cascade
  await tx.raw(`DELETE FROM ${plan.from} WHERE ${R}."id" = ?`, [id]);
  await recordAudit(tx, {
    entity: name,
    recordId: id,
    action: "delete",
    actor,
    before: record,
    after: null,
  });
}
