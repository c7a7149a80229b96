import { type Request, type Response, Router } from "express";
import type { Database } from "../../db/database.ts";
import { HttpError } from "../../server/http-error.ts";
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
export function dataWriteRouter(plans: WritePlans, db: Database): Router {
  const router = Router();

  router.post("/api/data/:entity", async (req: Request, res: Response) => {
    const plan = writable(plans, req.params.entity as string);
    checkBody(plan.validate.create, req.body);
    const record = await createRecord(db, plans, plan, req.body as JsonRecord, contextOf(req));
    res
      .status(201)
      .location(`/api/data/${plan.entity.name}/${record.id as string}`)
      .set("ETag", `"${record.version as number}"`)
      .json(record);
  });

  router.patch("/api/data/:entity/:id", async (req: Request, res: Response) => {
    const plan = writable(plans, req.params.entity as string);
    const id = req.params.id as string;
    if (!isUuid(id)) throw new HttpError(400, "bad-id", `"${id}" is not a record id (a uuid)`);
    checkBody(plan.validate.update, req.body);
    const body = req.body as JsonRecord;
    const version = patchVersion(body.version, req.get("if-match"));
    const record = await updateRecord(db, plans, plan, id, version, body, contextOf(req));
    res.set("ETag", `"${record.version as number}"`).json(record);
  });

  return router;
}

/** No authentication yet (issue 4): the actor is null until a session supplies it. */
function contextOf(req: Request): WriteContext {
  return { actor: null, language: preferredLanguage(req.get("accept-language")) };
}

function writable(
  plans: WritePlans,
  name: string,
): WritePlan & { validate: NonNullable<WritePlan["validate"]> } {
  const plan = plans.get(name);
  if (!plan?.validate) throw new HttpError(404, "unknown-entity", `there is no entity "${name}"`);
  return plan as WritePlan & { validate: NonNullable<WritePlan["validate"]> };
}
