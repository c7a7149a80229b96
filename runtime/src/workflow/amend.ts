import type { Knex } from "knex";
import type { SqlPart } from "../api/keyset.ts";
import { type JsonRecord, readRecord } from "../api/read-records.ts";
import { newRecord } from "../api/write/build-record.ts";
import type { WritePlan } from "../api/write/write-plan.ts";
import { saveCreate } from "../api/write/write-record.ts";
import { HttpError } from "../server/http-error.ts";
import { findInstance } from "./instances.ts";
import { actionNotAvailable } from "./refusals.ts";
import type { WorkflowEnv } from "./take-action.ts";

export interface Amender {
  readonly username: string;
  /** undefined: every row; null: none */
  readonly readScope: SqlPart | undefined | null;
  /** the create scope, asked once amending is possible at all (403 when create is not granted) */
  readonly createScope: () => SqlPart | undefined;
  /** field paths (`lines.unit_price`) the author may not set on create: the copy leaves them out */
  readonly notWritable: ReadonlySet<string>;
}

/**
 * `amend` of a cancelled document: a new draft with the original's values and lines (new ids, a
 * new number) and `amended_from` pointing back, created as its author would create it: what they
 * may not set and unique values (which the original still holds) are left to their defaults.
 */
export async function amendRecord(
  tx: Knex.Transaction,
  env: WorkflowEnv,
  request: { entity: string; recordId: string; now: Date },
  author: Amender,
): Promise<JsonRecord> {
  const plan = env.plans.get(request.entity)!;
  const original =
    author.readScope === null
      ? null
      : await readRecord(tx, plan.read, request.recordId, author.readScope);
  if (!original)
    throw new HttpError(404, "not-found", `${request.entity} ${request.recordId} does not exist`);
  if (!plan.entity.submittable || original.docstatus !== "cancelled") {
    const instance = await findInstance(tx, request.entity, request.recordId);
    const workflow = instance
      ? await env.versions.definition(tx, instance.version)
      : env.model.workflows[request.entity]!;
    throw actionNotAvailable(workflow, instance?.node ?? workflow.initial, {
      ...request,
      action: "amend",
    });
  }
  const scope = author.createScope();
  const copy = newRecord(plan, copyable(plan, original, author.notWritable, ""), request.now);
  copy.amended_from = original.id;
  return saveCreate(
    tx,
    env.plans,
    plan,
    copy,
    { actor: author.username, language: env.language, scope },
    request.now,
  );
}

/** What the author could have sent to create the record: its values and lines, without ids. */
function copyable(
  plan: WritePlan,
  record: JsonRecord,
  notWritable: ReadonlySet<string>,
  prefix: string,
): JsonRecord {
  const unique = new Set(plan.entity.fields.filter((f) => f.unique).map((f) => f.name));
  const body: JsonRecord = {};
  for (const key of plan.keys)
    if (!plan.owned.has(key) && !unique.has(key) && !notWritable.has(`${prefix}${key}`))
      body[key] = record[key];
  for (const { field, child } of plan.tables)
    if (!notWritable.has(`${prefix}${field}`))
      body[field] = ((record[field] as JsonRecord[] | undefined) ?? []).map((line) =>
        copyable(child, line, notWritable, `${prefix}${field}.`),
      );
  return body;
}
