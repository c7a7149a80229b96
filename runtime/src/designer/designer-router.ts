import { type Request, type Response, Router } from "express";
import { requireSystemPermission } from "../access/system-permission.ts";
import { checkAuthBody } from "../auth/auth-body.ts";
import type { Database } from "../db/database.ts";
import { jsonBody } from "../server/body-parsing.ts";
import { HttpError } from "../server/http-error.ts";
import { PACKAGE_BODY_LIMIT } from "../server/publish/publish-router.ts";
import type { RevisionRefresher } from "../server/publish/revision-refresher.ts";
import { planView } from "../store/plan-view.ts";
import { versionConflict } from "./draft-refusals.ts";
import { dropDraft, saveDraft } from "./draft-store.ts";
import { editedFiles, parseDraftEdit } from "./edit-draft.ts";
import { draftChanges, draftView, openDraft } from "./open-draft.ts";
import { planDraft, publishDraft } from "./publish-draft.ts";
import {
  diffRevisions,
  listRevisions,
  planRollback,
  readRevision,
  rollbackTo,
} from "./revision-log.ts";

const MAX_PAGE = 200;

/**
 * The designer's API under /api/designer: the draft of the customization package (read, edit,
 * discard, plan, publish) and the revision log (list, diff, rollback). Every route needs the
 * designer permission of the revision being served. Mounted outside the LiveApp (they do not
 * change with the revision), with the packages' body limit.
 */
export function designerRouter(db: Database, refresher: RevisionRefresher): Router {
  const router = Router();
  const body = jsonBody(PACKAGE_BODY_LIMIT);
  router.use("/api/designer", (req: Request, _res: Response, next: () => void) => {
    requireSystemPermission(req, refresher.serving().model, "designer", "the designer");
    next();
  });

  router.get("/api/designer/draft", async (_req: Request, res: Response) => {
    res.json(draftView(await db.run(openDraft)));
  });

  router.put("/api/designer/draft", body, async (req: Request, res: Response) => {
    const edit = parseDraftEdit(req.body);
    const view = await db.transaction(async (tx) => {
      const draft = await openDraft(tx);
      if (draft.version !== edit.version) throw versionConflict(draft.version);
      const files = editedFiles(draft.files, edit, {
        name: draft.target.package,
        layer: draft.target.layer,
      });
      const saved = await saveDraft(tx, {
        package: draft.target.package,
        layer: draft.target.layer,
        baseFiles: draft.target.baseFiles,
        basedOn: draft.basedOn,
        files,
        expected: draft.version,
        actor: req.principal!.username,
      });
      if (saved === null) throw versionConflict(null);
      return draftView(await openDraft(tx));
    });
    req.log.info({ package: view.package.name, version: view.version }, "draft saved");
    res.json(view);
  });

  router.delete("/api/designer/draft", async (req: Request, res: Response) => {
    const dropped = await db.run(async (conn) => {
      const draft = await openDraft(conn);
      return draft.version > 0 && (await dropDraft(conn, draft.target.package));
    });
    if (dropped) req.log.info("draft discarded");
    res.json(draftView(await db.run(openDraft)));
  });

  router.post("/api/designer/draft/plan", async (_req: Request, res: Response) => {
    const { draft, plan } = await planDraft(db);
    res.json({
      version: draft.version,
      changes: draftChanges(draft),
      plan: planView(plan.plan),
      checks: plan.checks,
      unchanged: plan.unchanged,
    });
  });

  router.post("/api/designer/draft/publish", body, async (req: Request, res: Response) => {
    const options = checkAuthBody<{
      version: number;
      allowDataLoss?: boolean;
      onConversionFailure?: "null" | "keep";
      note?: string;
    }>(req.body, {
      version: { type: "integer", required: true, max: 2 ** 31 - 1 },
      allowDataLoss: { type: "boolean" },
      onConversionFailure: { type: "string", values: ["null", "keep"] },
      note: { type: "string", max: 2000 },
    });
    const { result } = await publishDraft(db, {
      version: options.version,
      allowDataLoss: options.allowDataLoss === true,
      ...(options.onConversionFailure !== undefined && {
        onConversionFailure: options.onConversionFailure,
      }),
      ...(options.note !== undefined && { note: options.note }),
      actor: req.principal!.username,
    });
    await refresher.refresh(result.revision.id);
    req.log.info({ revision: result.revision.id }, "draft published");
    res.json(
      result.status === "applied"
        ? { revision: result.revision, plan: planView(result.plan), checks: result.checks }
        : { revision: result.revision, unchanged: true },
    );
  });

  router.get("/api/designer/revisions", async (req: Request, res: Response) => {
    const limit = pageNumber(req.query.limit, "limit", 50);
    const before =
      req.query.before === undefined ? undefined : pageNumber(req.query.before, "before");
    const data = await db.run((conn) =>
      listRevisions(conn, { limit: Math.min(limit, MAX_PAGE), before }),
    );
    res.json({ data });
  });

  router.get("/api/designer/revisions/:id", async (req: Request, res: Response) => {
    const id = revisionId(req);
    const { summary, files, previous } = await db.run((conn) => readRevision(conn, id));
    const before =
      previous === null ? {} : (await db.run((conn) => readRevision(conn, previous))).files;
    res.json({
      revision: summary,
      previous,
      // null: this revision or the one before did not keep their files
      changes: files === null || before === null ? null : diffRevisions(before, files),
    });
  });

  router.get("/api/designer/revisions/:id/diff", async (req: Request, res: Response) => {
    const id = revisionId(req);
    const against = pageNumber(req.query.against, "against");
    const [to, from] = await db.run(async (conn) => [
      await readRevision(conn, id),
      await readRevision(conn, against),
    ]);
    if (to.files === null || from.files === null)
      throw new HttpError(
        409,
        "revision-not-restorable",
        "one of these revisions did not keep its package files",
      );
    res.json({ from: against, to: id, changes: diffRevisions(from.files, to.files) });
  });

  router.post("/api/designer/revisions/:id/rollback", body, async (req: Request, res: Response) => {
    const id = revisionId(req);
    const options = checkAuthBody<{ dryRun?: boolean; allowDataLoss?: boolean }>(req.body ?? {}, {
      dryRun: { type: "boolean" },
      allowDataLoss: { type: "boolean" },
    });
    if (options.dryRun === true) {
      const plan = await planRollback(db, id);
      res.json({ plan: planView(plan.plan), checks: plan.checks, unchanged: plan.unchanged });
      return;
    }
    const result = await rollbackTo(db, id, {
      allowDataLoss: options.allowDataLoss === true,
      actor: req.principal!.username,
    });
    await refresher.refresh(result.revision.id);
    req.log.info({ to: id, revision: result.revision.id }, "rolled back");
    res.json(
      result.status === "applied"
        ? { revision: result.revision, plan: planView(result.plan), checks: result.checks }
        : { revision: result.revision, unchanged: true },
    );
  });

  return router;
}

function revisionId(req: Request): number {
  return pageNumber(req.params.id, "id", undefined, "/path/id");
}

/** A positive integer from the path or query, else 400 naming the parameter. */
function pageNumber(
  value: unknown,
  name: string,
  fallback?: number,
  pointer = `/query/${name}`,
): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === "string" && /^[1-9][0-9]{0,15}$/.test(value)) return Number(value);
  throw new HttpError(400, "invalid-parameter", `${name} must be a positive integer`, [
    { path: pointer, message: "must be a positive integer" },
  ]);
}
