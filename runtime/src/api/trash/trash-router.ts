import { type AppModel, SYSTEM_SCHEMA } from "@loom/engine";
import { type Request, type Response, Router } from "express";
import { type Readers, readers } from "../../access/reader.ts";
import { requireAdministrator } from "../../access/system-permission.ts";
import { principalOf } from "../../auth/authenticate.ts";
import type { Database } from "../../db/database.ts";
import { HttpError } from "../../server/http-error.ts";
import { addressablePlan } from "../addressable-plan.ts";
import { isLogId, parseLogPage } from "../audit/log-paging.ts";
import { badParameter, type QueryParams, single } from "../query-params.ts";
import type { ReadPlans } from "../read-plan.ts";
import { queryRows } from "../read-records.ts";
import { isUuid } from "../text-values.ts";
import { deleteVersion } from "./delete-version.ts";
import { compileReferenceChecks } from "./find-references.ts";
import { moveToTrash } from "./move-to-trash.ts";
import { restoreRecord } from "./restore-record.ts";

/** One trash entry as GET /api/trash lists it. */
export interface TrashItem {
  trashId: number;
  entity: string;
  recordId: string;
  deletedAt: string;
  deletedBy: string | null;
  title: string;
}

/**
 * DELETE /api/data/:entity/:id (to the trash), GET /api/trash and
 * POST /api/trash/:trashId/restore. Reference checks are compiled once per model.
 */
export function trashRouter(
  model: AppModel,
  db: Database,
  plans: ReadPlans,
  readersOf: Readers = readers(model, plans),
): Router {
  const references = compileReferenceChecks(model);
  // GET /api/trash reads each entry's title with the current model's titleField, in SQL
  const titleFields = JSON.stringify(
    Object.fromEntries(
      Object.values(model.entities).flatMap((entity) => [
        [entity.name, entity.titleField],
        ...(entity.renamedFrom ? [[entity.renamedFrom, entity.titleField]] : []),
      ]),
    ),
  );
  const router = Router();

  router.delete("/api/data/:entity/:id", async (req: Request, res: Response) => {
    const plan = addressablePlan(plans, req.params.entity as string);
    const id = req.params.id as string;
    for (const name of Object.keys(req.query as QueryParams))
      if (name !== "version")
        throw badParameter(
          name,
          "unknown-parameter",
          `a delete takes only "version", not "${name}"`,
        );
    if (!isUuid(id)) throw new HttpError(400, "bad-id", `"${id}" is not a record id (a uuid)`);
    const version = deleteVersion(req);
    const checks = references.get(plan.entity.name) ?? [];
    const reader = readersOf.of(req);
    const entity = plan.entity.name;
    const scope = reader.scope(entity, "delete");
    const readScope = reader.readScope(entity);
    await db.transaction((tx) =>
      moveToTrash(tx, {
        plan,
        id,
        version,
        actor: reader.principal.username,
        references: checks,
        ...(scope && { scope }),
        readScope,
      }),
    );
    res.status(204).end();
  });

  router.get("/api/trash", async (req: Request, res: Response) => {
    requireAdministrator(req, model, "the trash");
    const query = req.query as QueryParams;
    const page = parseLogPage(query, ["entity"]);
    const entity = single(query, "entity");
    const conditions = [`"restored_at" IS NULL`];
    const bindings: unknown[] = [titleFields];
    if (entity !== undefined) {
      // entries deleted before the entity was renamed are still its own
      const renamedFrom = model.entities[entity]?.renamedFrom;
      conditions.push(`"entity" = ANY(?::text[])`);
      bindings.push(renamedFrom ? [entity, renamedFrom] : [entity]);
    }
    if (page.before !== undefined) {
      conditions.push(`"id" < ?`);
      bindings.push(page.before);
    }
    // int8 read as text for every driver alike; sorted by the column, as text "10" < "9"
    const rows = await db.run((k) =>
      queryRows(
        k,
        `SELECT "id"::text AS "id", "entity", "record_id", "deleted_at", "deleted_by",
           COALESCE("record" ->> (?::jsonb ->> "entity"), "record_id"::text) AS "title"
         FROM "${SYSTEM_SCHEMA}"."trash" WHERE ${conditions.join(" AND ")}
         ORDER BY "trash"."id" DESC LIMIT ${page.limit}`,
        bindings,
      ),
    );
    const data: TrashItem[] = rows.map((row) => ({
      trashId: Number(row.id),
      entity: row.entity as string,
      recordId: row.record_id as string,
      deletedAt: new Date(row.deleted_at as string | Date).toISOString(),
      deletedBy: (row.deleted_by as string | null) ?? null,
      title: row.title as string,
    }));
    res.json({ data });
  });

  router.post("/api/trash/:trashId/restore", async (req: Request, res: Response) => {
    requireAdministrator(req, model, "restoring from the trash");
    const trashId = req.params.trashId as string;
    if (!isLogId(trashId))
      throw new HttpError(400, "bad-id", `"${trashId}" is not a trash entry id`);
    const restored = await db.transaction((tx) =>
      restoreRecord(tx, plans, trashId, principalOf(req).username),
    );
    res.status(200).json(restored);
  });

  return router;
}
