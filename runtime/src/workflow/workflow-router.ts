import { type Request, type Response, Router } from "express";
import type { Readers } from "../access/reader.ts";
import { recordFor } from "../access/visible-record.ts";
import { readRecord } from "../api/read-records.ts";
import { isUuid } from "../api/text-values.ts";
import { preferredLanguage } from "../api/write/accept-language.ts";
import type { WritePlan } from "../api/write/write-plan.ts";
import { withRecordErrors } from "../api/write/write-record.ts";
import type { Database } from "../db/database.ts";
import { HttpError } from "../server/http-error.ts";
import { amendRecord } from "./amend.ts";
import { actorOf } from "./caller.ts";
import { handOver, holdsTaskOn, inbox } from "./inbox.ts";
import { takeAction, type WorkflowSetup } from "./take-action.ts";
import { actionBody, handoverBody } from "./workflow-bodies.ts";
import { statusOf, workflowStatus } from "./workflow-status.ts";

/**
 * The workflow API of one revision: take an action on a record (or amend a cancelled one), read
 * where a record is (with its history and the caller's actions), the caller's inbox, and handing
 * a task over.
 */
export function workflowRouter(
  setup: WorkflowSetup,
  db: Database,
  readersOf: Readers,
  now: () => Date,
): Router {
  const router = Router();

  router.post("/api/workflow/:entity/:id/actions/:action", async (req: Request, res: Response) => {
    const reader = readersOf.of(req);
    const { entity, id, plan } = target(setup, req);
    const action = req.params.action as string;
    const { comment } = actionBody(req.body);
    const env = { ...setup, language: preferredLanguage(req.get("accept-language")) };
    const at = now();
    if (action === "amend") {
      const record = await withRecordErrors(
        plan,
        () => ({}),
        () =>
          db.transaction((tx) =>
            amendRecord(
              tx,
              env,
              { entity, recordId: id, now: at },
              {
                username: reader.principal.username,
                readScope: reader.readScope(entity),
                createScope: () => reader.scope(entity, "create"),
                notWritable: reader.view.permissions.entity(entity).notWritable.create,
              },
            ),
          ),
      );
      res
        .status(201)
        .location(`/api/data/${entity}/${record.id as string}`)
        .set("ETag", `"${record.version as number}"`)
        .json({ record: recordFor(reader, entity, record) });
      return;
    }
    const actor = actorOf(reader, entity);
    const answer = await withRecordErrors(
      plan,
      () => ({}),
      () =>
        db.transaction(async (tx) => {
          const result = await takeAction(tx, env, actor, {
            entity,
            recordId: id,
            action,
            comment,
            now: at,
          });
          return {
            record: recordFor(reader, entity, result.record),
            moved: result.moved,
            workflow: statusOf(result.workflow, result.instance, result.tasks, actor),
          };
        }),
    );
    res.json(answer);
  });

  router.get("/api/workflow/tasks", async (req: Request, res: Response) => {
    const reader = readersOf.of(req);
    res.json({ data: await db.run((conn) => inbox(conn, setup, reader.principal.username)) });
  });

  router.post("/api/workflow/tasks/:taskId/:how", async (req: Request, res: Response) => {
    const reader = readersOf.of(req);
    const how = req.params.how as string;
    if (how !== "delegate" && how !== "reassign")
      throw new HttpError(404, "not-found", `no route POST ${req.path}`);
    const taskId = Number(req.params.taskId);
    if (!Number.isSafeInteger(taskId) || taskId < 1)
      throw new HttpError(400, "bad-id", `"${req.params.taskId as string}" is not a task id`);
    const { to, comment } = handoverBody(req.body);
    const task = await db.transaction((tx) =>
      handOver(
        tx,
        { taskId, to, comment, how, now: now() },
        {
          username: reader.principal.username,
          administrator: reader.view.permissions.administrator,
        },
      ),
    );
    res.json(task);
  });

  router.get("/api/workflow/:entity/:id", async (req: Request, res: Response) => {
    const reader = readersOf.of(req);
    const { entity, id, plan } = target(setup, req);
    const scope = reader.readScope(entity);
    const username = reader.principal.username;
    const status = await db.run(async (conn) => {
      const visible =
        (scope !== null && (await readRecord(conn, plan.read, id, scope)) !== null) ||
        (await holdsTaskOn(conn, entity, id, username));
      return visible ? workflowStatus(conn, setup, reader, entity, id) : null;
    });
    if (!status) throw new HttpError(404, "not-found", `${entity} ${id} does not exist`);
    res.json(status);
  });

  return router;
}

function target(
  setup: WorkflowSetup,
  req: Request,
): { entity: string; id: string; plan: WritePlan } {
  const entity = req.params.entity as string;
  const id = req.params.id as string;
  const plan = setup.plans.get(entity);
  if (!plan || !setup.model.workflows[entity])
    throw new HttpError(404, "no-workflow", `there is no workflow for "${entity}"`);
  if (!isUuid(id)) throw new HttpError(400, "bad-id", `"${id}" is not a record id (a uuid)`);
  return { entity, id, plan };
}
