import type { Knex } from "knex";
import type { SqlPart } from "../api/keyset.ts";
import { type JsonRecord, readRecord } from "../api/read-records.ts";
import { newRecord } from "../api/write/build-record.ts";
import type { WritePlan } from "../api/write/write-plan.ts";
import { saveCreate } from "../api/write/write-record.ts";
import { HttpError } from "../server/http-error.ts";
import type { WorkflowEnv } from "./take-action.ts";

/**
 * `amend` of a cancelled document: a new draft with the original's values and lines (new ids, a
 * new number) and `amended_from` pointing back, created as its author would create it.
 */
export async function amendRecord(
  tx: Knex.Transaction,
  env: WorkflowEnv,
  request: { entity: string; recordId: string; now: Date },
  author: {
    username: string;
    /** undefined: every row; null: none */
    readScope: SqlPart | undefined | null;
    createScope: SqlPart | undefined;
  },
): Promise<JsonRecord> {
  const plan = env.plans.get(request.entity);
  if (!plan?.entity.submittable)
    throw new HttpError(
      409,
      "action-not-available",
      `${request.entity} is not submittable: it cannot be amended`,
    );
  const original =
    author.readScope === null
      ? null
      : await readRecord(tx, plan.read, request.recordId, author.readScope);
  if (!original)
    throw new HttpError(404, "not-found", `${request.entity} ${request.recordId} does not exist`);
  if (original.docstatus !== "cancelled")
    throw new HttpError(
      409,
      "action-not-available",
      "only a cancelled document can be amended",
      [],
      {
        actions: [],
      },
    );
  const copy = newRecord(plan, copyable(plan, original), request.now);
  copy.amended_from = original.id;
  return saveCreate(
    tx,
    env.plans,
    plan,
    copy,
    { actor: author.username, language: env.language, scope: author.createScope },
    request.now,
  );
}

/** What a client could have sent to create the record: its own values and lines, without ids. */
function copyable(plan: WritePlan, record: JsonRecord): JsonRecord {
  const body: JsonRecord = {};
  for (const key of plan.keys) if (!plan.owned.has(key)) body[key] = record[key];
  for (const { field, child } of plan.tables)
    body[field] = ((record[field] as JsonRecord[] | undefined) ?? []).map((line) =>
      copyable(child, line),
    );
  return body;
}
