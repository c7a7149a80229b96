import { type Request, type Response, Router } from "express";
import type { Reader, Readers } from "../../access/reader.ts";
import { recordFor } from "../../access/visible-record.ts";
import { writeScope } from "../../access/write-access.ts";
import type { Database } from "../../db/database.ts";
import { HttpError } from "../../server/http-error.ts";
import { editLock } from "../../workflow/edit-lock.ts";
import type { WorkflowSetup } from "../../workflow/take-action.ts";
import type { SqlPart } from "../keyset.ts";
import type { JsonRecord } from "../read-records.ts";
import { isUuid } from "../text-values.ts";
import { preferredLanguage } from "./accept-language.ts";
import { checkBody } from "./body-validators.ts";
import { patchVersion } from "./patch-version.ts";
import type { WritePlan, WritePlans } from "./write-plan.ts";
import { createRecord, updateRecord, type WriteContext } from "./write-record.ts";

/**
 * POST /api/data/:entity (create → 201) and PATCH /api/data/:entity/:id (→ 200), both answering
 * with the stored record and its version as ETag. Plans and validators were compiled with the
 * revision; a request only looks them up.
 */
export function dataWriteRouter(setup: WorkflowSetup, db: Database, readersOf: Readers): Router {
  const { plans } = setup;
  const router = Router();

  router.post("/api/data/:entity", async (req: Request, res: Response) => {
    const reader = readersOf.of(req);
    const plan = writable(plans, req.params.entity as string);
    // permission first: who may not create learns nothing from validation messages
    const scope = writeScope(reader, plan, "create", bodyObject(req.body));
    checkBody(plan.validate.create, req.body);
    const body = req.body as JsonRecord;
    const context = contextOf(req, reader, plan, scope);
    const record = await createRecord(db, plans, plan, body, context);
    res
      .status(201)
      .location(`/api/data/${plan.entity.name}/${record.id as string}`)
      .set("ETag", `"${record.version as number}"`)
      .json(recordFor(reader, plan.entity.name, record));
  });

  router.patch("/api/data/:entity/:id", async (req: Request, res: Response) => {
    const reader = readersOf.of(req);
    const plan = writable(plans, req.params.entity as string);
    const id = req.params.id as string;
    if (!isUuid(id)) throw new HttpError(400, "bad-id", `"${id}" is not a record id (a uuid)`);
    const scope = writeScope(reader, plan, "update", bodyObject(req.body));
    checkBody(plan.validate.update, req.body);
    const body = req.body as JsonRecord;
    const context = {
      ...contextOf(req, reader, plan, scope),
      beforeUpdate: editLock(setup, plan.entity.name),
    };
    const version = patchVersion(body.version, req.get("if-match"));
    const record = await updateRecord(db, plans, plan, id, version, body, context);
    res
      .set("ETag", `"${record.version as number}"`)
      .json(recordFor(reader, plan.entity.name, record));
  });

  return router;
}

/** The actor is the authenticated user, never anything the request body says. */
function contextOf(
  req: Request,
  reader: Reader,
  plan: WritePlan,
  scope: SqlPart | undefined,
): WriteContext {
  const entity = plan.entity.name;
  const context = {
    actor: reader.principal.username,
    language: preferredLanguage(req.get("accept-language")),
  };
  if (!scope) return context;
  return { ...context, scope, readScope: reader.readScope(entity) };
}

/** The body's fields to check permissions on; a body that is no object fails validation next. */
function bodyObject(body: unknown): JsonRecord {
  return typeof body === "object" && body !== null && !Array.isArray(body)
    ? (body as JsonRecord)
    : {};
}

function writable(
  plans: WritePlans,
  name: string,
): WritePlan & { validate: NonNullable<WritePlan["validate"]> } {
  const plan = plans.get(name);
  if (!plan?.validate) throw new HttpError(404, "unknown-entity", `there is no entity "${name}"`);
  return plan as WritePlan & { validate: NonNullable<WritePlan["validate"]> };
}
