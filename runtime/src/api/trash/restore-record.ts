import { SYSTEM_SCHEMA } from "@loom/engine";
import type { Knex } from "knex";
import { type ErrorDetail, HttpError } from "../../server/http-error.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { R, type ReadPlan, type ReadPlans } from "../read-plan.ts";
import { type JsonRecord, queryRows, readRecord } from "../read-records.ts";
import { isUuid } from "../text-values.ts";
import { insertRows } from "./insert-rows.ts";
import { type LinkRef, rowsToRestore } from "./rows-to-restore.ts";

export interface Restored {
  record: JsonRecord;
  /** what the current model could not take back, e.g. a field removed since the delete */
  warnings: ErrorDetail[];
}

/**
 * Puts a trashed record back with its lines (same ids, version + 1) in the caller's transaction,
 * shaped by the CURRENT model, audits it as `restore` and marks the trash entry restored.
 */
export async function restoreRecord(
  tx: Knex,
  plans: ReadPlans,
  trashId: string,
  actor: string | null,
): Promise<Restored> {
  const [entry] = await queryRows(
    tx,
    `SELECT "entity", "record_id", "record" FROM "${SYSTEM_SCHEMA}"."trash"
     WHERE "id" = ? AND "restored_at" IS NULL FOR UPDATE`,
    [trashId],
  );
  if (!entry)
    throw new HttpError(404, "not-found", `trash entry ${trashId} does not exist or was restored`);
  const plan = planOfTrashed(plans, entry.entity as string);
  if (!plan) throw conflict(`entity ${entry.entity} no longer exists`, "/entity");
  const id = entry.record_id as string;
  const taken = await queryRows(tx, `SELECT 1 FROM ${plan.from} WHERE ${R}."id" = ?`, [id]);
  if (taken.length > 0) throw conflict(`a ${plan.entity.name} with id ${id} exists again`, "/id");

  const restoration = rowsToRestore(plan, entry.record as JsonRecord, actor);
  const missing = await missingTargets(tx, plans, restoration.links, restoration.ids);
  if (missing.length > 0)
    throw new HttpError(
      409,
      "restore-conflict",
      `${plan.entity.name} ${id} links to records that no longer exist`,
      missing,
    );
  await withConflicts(async () => {
    for (const batch of restoration.batches) await insertRows(tx, batch);
  });
  const record = (await readRecord(tx, plan, id)) as JsonRecord;
  await recordAudit(tx, {
    entity: plan.entity.name,
    recordId: id,
    action: "restore",
    actor,
    before: null,
    after: record,
  });
  await tx.raw(`UPDATE "${SYSTEM_SCHEMA}"."trash" SET "restored_at" = now() WHERE "id" = ?`, [
    trashId,
  ]);
  return { record, warnings: restoration.warnings };
}

/** The entity a trash entry came from, as the current model names it (one rename followed). */
export function planOfTrashed(plans: ReadPlans, entity: string): ReadPlan | undefined {
  const plan = plans.get(entity);
  if (plan) return plan.entity.type === "child" ? undefined : plan;
  for (const candidate of plans.values())
    if (candidate.entity.renamedFrom === entity && candidate.entity.type !== "child")
      return candidate;
  return undefined;
}

/** Links whose target is gone (or is no id at all any more), one detail each. */
async function missingTargets(
  tx: Knex,
  plans: ReadPlans,
  links: readonly LinkRef[],
  restoring: ReadonlySet<string>,
): Promise<ErrorDetail[]> {
  const byTarget = new Map<string, LinkRef[]>();
  for (const link of links) {
    if (isUuid(String(link.id)) && restoring.has(String(link.id))) continue;
    byTarget.set(link.target, [...(byTarget.get(link.target) ?? []), link]);
  }
  const details: ErrorDetail[] = [];
  for (const [target, refs] of byTarget) {
    const plan = plans.get(target);
    const ids = [...new Set(refs.map((ref) => String(ref.id)).filter(isUuid))];
    const found = new Set(
      plan && ids.length > 0
        ? (
            await queryRows(
              tx,
              `SELECT ${R}."id" FROM ${plan.from} WHERE ${R}."id" = ANY(?::uuid[])`,
              [ids],
            )
          ).map((row) => row.id as string)
        : [],
    );
    for (const ref of refs)
      if (!found.has(String(ref.id)))
        details.push({ path: ref.path, message: `${target} ${String(ref.id)} no longer exists` });
  }
  return details;
}

/**
 * What the database refuses while putting the rows back is a conflict with the data or model as
 * they are now (a unique value taken again, a required field added since): 409, naming the column.
 */
async function withConflicts(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const { code, column, constraint } = error as {
      code?: unknown;
      column?: unknown;
      constraint?: unknown;
    };
    if (typeof code !== "string" || !/^2(2|3)/.test(code)) throw error;
    const where =
      typeof column === "string" ? column : typeof constraint === "string" ? constraint : undefined;
    const reason =
      code === "23505"
        ? "another record now has one of its unique values"
        : code === "23502"
          ? "a field the current model requires has no value in it"
          : "a stored value does not fit the current model";
    throw conflict(`the record cannot be restored: ${reason}${where ? ` (${where})` : ""}`, "");
  }
}

function conflict(message: string, path: string): HttpError {
  return new HttpError(409, "restore-conflict", message, [{ path, message }]);
}
