import type { Knex } from "knex";
import { missingOrForbidden, requireInScope } from "../../access/write-access.ts";
import type { Database } from "../../db/database.ts";
import { HttpError } from "../../server/http-error.ts";
import { readCreated } from "../audit/audit-created.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { SqlPart } from "../keyset.ts";
import { type JsonRecord, readRecord } from "../read-records.ts";
import type { Language } from "./accept-language.ts";
import { mergedRecord, newRecord } from "./build-record.ts";
import { checkRules } from "./check-rules.ts";
import { applyComputed } from "./computed-values.ts";
import { describeDatabaseError } from "./database-errors.ts";
import { loadLinked } from "./linked-records.ts";
import { counterBindings, nextNumber, numberBindings } from "./naming-series.ts";
import { saveLines } from "./save-lines.ts";
import { insertDocument, updateDocument } from "./store-rows.ts";
import { refuseTreeCycle } from "./tree-cycle.ts";
import type { WritePlan, WritePlans } from "./write-plan.ts";

/**
 * Who writes and in which language they read messages (the actor comes from authentication), and
 * the row scopes of their roles: the action's, which the record must be in before and after, and
 * reading's, which tells a record they may not change (403) from one they cannot see (404).
 */
export interface WriteContext {
  readonly actor: string | null;
  readonly language: Language;
  readonly scope?: SqlPart;
  /** with a scope: reading's scope (undefined: every row), null when the roles may not read */
  readonly readScope?: SqlPart | undefined | null;
  /** refuses an update of the stored record (e.g. fields its workflow state locks) before it is merged */
  readonly beforeUpdate?: (
    tx: Knex.Transaction,
    before: JsonRecord,
    body: JsonRecord,
  ) => Promise<void>;
}

/**
 * Creates a document from a body its validator accepted: defaults, links, the series number,
 * computed values, rules, then the row and its lines, the stored record read back and audited
 * — all in one transaction, so any failure writes nothing (a number taken is given back). The
 * number is taken by the insert itself unless an expression reads it (see numberInInsert).
 */
export async function createRecord(
  db: Database,
  plans: WritePlans,
  plan: WritePlan,
  body: JsonRecord,
  context: WriteContext,
): Promise<JsonRecord> {
  const now = new Date();
  const record = newRecord(plan, body, now);
  return withRecordErrors(
    plan,
    () => record,
    () => db.transaction((tx) => saveCreate(tx, plans, plan, record, context, now)),
  );
}

/** Stores a new record (from `newRecord`) in the caller's transaction, as `createRecord` does. */
export async function saveCreate(
  tx: Knex.Transaction,
  plans: WritePlans,
  plan: WritePlan,
  record: JsonRecord,
  context: WriteContext,
  now: Date,
): Promise<JsonRecord> {
  const linked = await loadLinked(tx, plans, plan, record);
  const series = plan.namingSeries;
  if (series && !plan.numberInInsert)
    record[series.field] = await nextNumber(tx, plan.entity.name, series, now);
  applyComputed(plan, record, linked, now);
  checkRules(plan, record, linked, context.language, now);
  await insertDocument(
    tx,
    plan,
    record,
    context.actor,
    series && plan.numberInInsert
      ? {
          counter: counterBindings(plan.entity.name, series, now),
          text: numberBindings(series, now),
        }
      : undefined,
  );
  if (context.scope) await requireInScope(tx, plan, record.id as string, context.scope, "create");
  return readCreated(tx, plan.read, plan.readCreated, record.id as string, context.actor);
}

/**
 * Applies a PATCH to the record at `version`: the stored record with the body over it, checked
 * like a create, written only if the row still has that version (409 `version-conflict` with
 * `currentVersion` otherwise, decided by the UPDATE itself), lines diffed by id.
 */
export async function updateRecord(
  db: Database,
  plans: WritePlans,
  plan: WritePlan,
  id: string,
  version: number,
  body: JsonRecord,
  context: WriteContext,
): Promise<JsonRecord> {
  const now = new Date();
  let record: JsonRecord = { id };
  return withRecordErrors(
    plan,
    () => record,
    () =>
      db.transaction(async (tx) => {
        const before = await readRecord(tx, plan.read, id, context.scope);
        if (!before) throw await missingOrForbidden(tx, plan.read, id, "update", context);
        if (before.version !== version) throw conflict(before.version as number);
        await context.beforeUpdate?.(tx, before, body);
        record = mergedRecord(plan, before, body, "", now);
        return saveUpdate(tx, plans, plan, before, record, context, now);
      }),
  );
}

/**
 * Writes `record`, the new state of `before` (a read record), in the caller's transaction: links,
 * computed values and rules checked like any update, the row written only if it is still at
 * `before`'s version, lines diffed, the result audited and returned. The workflow engine moves
 * records through it with the values it owns (the state field) already set.
 */
export async function saveUpdate(
  tx: Knex.Transaction,
  plans: WritePlans,
  plan: WritePlan,
  before: JsonRecord,
  record: JsonRecord,
  context: WriteContext,
  now: Date,
): Promise<JsonRecord> {
  const id = before.id as string;
  const linked = await loadLinked(tx, plans, plan, record);
  if (typeof record.parent_id === "string" && record.parent_id !== before.parent_id)
    await refuseTreeCycle(tx, plan, id, record.parent_id);
  applyComputed(plan, record, linked, now);
  checkRules(plan, record, linked, context.language, now);
  if (!(await updateDocument(tx, plan, record, before.version as number, context.actor))) {
    const current = await tx.raw(`SELECT "version" FROM ${plan.table} WHERE "id" = ?`, [id]);
    if (current.rows.length === 0) throw notFound(plan, id);
    throw conflict(current.rows[0].version as number);
  }
  await saveLines(tx, plan.tables, [{ record, before }], context.actor);
  if (context.scope) await requireInScope(tx, plan, id, context.scope, "update");
  return updatedAndAudited(tx, plan, id, before, context);
}

async function updatedAndAudited(
  tx: Knex.Transaction,
  plan: WritePlan,
  id: string,
  before: JsonRecord,
  context: WriteContext,
): Promise<JsonRecord> {
  const after = (await readRecord(tx, plan.read, id))!;
  await recordAudit(tx, {
    entity: plan.entity.name,
    recordId: id,
    action: "update",
    actor: context.actor,
    before,
    after,
  });
  return after;
}

export async function withRecordErrors<T>(
  plan: WritePlan,
  /** the record being written when the error came, for the paths of what the database refused */
  record: () => JsonRecord,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw describeDatabaseError(error, plan, record());
  }
}

function notFound(plan: WritePlan, id: string): HttpError {
  return new HttpError(404, "not-found", `${plan.entity.name} ${id} does not exist`);
}

function conflict(currentVersion: number): HttpError {
  return new HttpError(
    409,
    "version-conflict",
    `the record was changed meanwhile: it is at version ${currentVersion}`,
    [],
    { currentVersion },
  );
}
