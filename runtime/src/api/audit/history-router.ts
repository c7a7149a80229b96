import { type AppModel, SYSTEM_SCHEMA } from "@loom/engine";
import { type Request, type Response, Router } from "express";
import type { Knex } from "knex";
import { type Readers, readers } from "../../access/reader.ts";
import type { Database } from "../../db/database.ts";
import { HttpError } from "../../server/http-error.ts";
import { addressablePlan } from "../addressable-plan.ts";
import type { SqlPart } from "../keyset.ts";
import type { QueryParams } from "../query-params.ts";
import { R, type ReadPlan, type ReadPlans } from "../read-plan.ts";
import { queryRows } from "../read-records.ts";
import { isUuid } from "../text-values.ts";
import type { FieldChanges } from "./diff-records.ts";
import { parseLogPage } from "./log-paging.ts";
import { visibleChanges } from "./visible-changes.ts";

/** One audit entry as the history endpoint answers it. */
export interface HistoryEntry {
  id: number;
  action: string;
  actor: string | null;
  at: string;
  /** the record's version after the action (the deleted version for a delete) */
  version: number | null;
  changes: unknown;
}

/**
 * GET /api/data/:entity/:id/history → `{ data: HistoryEntry[] }`, newest first, paged with
 * `limit` and `before` (an entry id). It reads the log, not the record, so a deleted record keeps
 * its history; entries written under the entity's previous name (`renamedFrom`) are included.
 * A reader with a row scope sees the history of the records in it only (so not of deleted ones),
 * and never the fields they may not read.
 */
export function historyRouter(
  model: AppModel,
  db: Database,
  plans: ReadPlans,
  readersOf: Readers = readers(model, plans),
): Router {
  const router = Router();
  router.get("/api/data/:entity/:id/history", async (req: Request, res: Response) => {
    const reader = readersOf.of(req);
    const plan = addressablePlan(reader.plans, req.params.entity as string);
    const scope = reader.scope(plan.entity.name, "read");
    const id = req.params.id as string;
    const page = parseLogPage(req.query as QueryParams);
    if (!isUuid(id)) throw new HttpError(400, "bad-id", `"${id}" is not a record id (a uuid)`);
    const names = [plan.entity.name, ...(plan.entity.renamedFrom ? [plan.entity.renamedFrom] : [])];
    const data = await db.run(async (k) => {
      // int8 read as text for every driver alike; sorted by the column, as text "10" < "9"
      const rows = await queryRows(
        k,
        `SELECT "id"::text AS "id", "action", "actor", "at", "changes"
         FROM "${SYSTEM_SCHEMA}"."audit_log"
         WHERE "entity" = ANY(?::text[]) AND "record_id" = ?${page.before ? ` AND "id" < ?` : ""}
         ORDER BY "audit_log"."id" DESC LIMIT ?`,
        [names, id, ...(page.before ? [page.before] : []), page.limit],
      );
      const shown = scope
        ? await exists(k, plan, id, scope)
        : rows.length > 0 || page.before !== undefined || (await exists(k, plan, id));
      if (!shown) throw new HttpError(404, "not-found", `${plan.entity.name} ${id} has no history`);
      return rows.map((row) => toEntry(row, reader.view.permissions.administrator ? null : plan));
    });
    res.json({ data });
  });
  return router;
}

/**
 * Whether the record is there (in the scope): a record written before auditing began has no
 * entries yet exists, which is an empty history.
 */
async function exists(k: Knex, plan: ReadPlan, id: string, scope?: SqlPart): Promise<boolean> {
  const rows = await queryRows(
    k,
    `SELECT 1 FROM ${plan.from} WHERE ${R}."id" = ?${scope ? ` AND (${scope.sql})` : ""}`,
    [id, ...(scope?.params ?? [])],
  );
  return rows.length > 0;
}

/** An entry as the API gives it; `plan`: the reader's, when their fields are cut (not admins). */
function toEntry(row: Readonly<Record<string, unknown>>, plan: ReadPlan | null): HistoryEntry {
  const changes = row.changes as { version?: number | null; fields?: FieldChanges };
  return {
    id: Number(row.id),
    action: row.action as string,
    actor: (row.actor as string | null) ?? null,
    at: new Date(row.at as string | Date).toISOString(),
    version: changes.version ?? null,
    changes: plan ? visibleChanges(changes.fields ?? {}, plan) : (changes.fields ?? {}),
  };
}
