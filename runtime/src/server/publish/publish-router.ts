import type { LoadedPackage, MigrationPlan } from "@loom/engine";
import { type Request, type Response, Router } from "express";
import { requireAdministrator } from "../../access/system-permission.ts";
import type { Database } from "../../db/database.ts";
import { applyPackages } from "../../store/apply-packages.ts";
import { planPackages } from "../../store/plan-packages.ts";
import { planView } from "../../store/plan-view.ts";
import { jsonBody } from "../body-parsing.ts";
import { summarize } from "./meta-documents.ts";
import { locateMetadataErrors, parsePlanRequest, parsePublishRequest } from "./package-request.ts";
import type { RevisionRefresher } from "./revision-refresher.ts";

/** Packages carry every file of a folder: far more than a record. */
export const PACKAGE_BODY_LIMIT = "10mb";

/**
 * POST /api/meta/plan previews what publishing packages would do; POST /api/meta/publish does it
 * in one transaction, then builds the new revision's LiveApp and swaps it in before answering.
 * These routes do not change with the revision, so they are mounted outside the LiveApp, before
 * the default body parser: they take their own, larger limit. Both are for administrators of the
 * revision being served; the body is read only once that is checked.
 */
export function publishRouter(db: Database, refresher: RevisionRefresher): Router {
  const router = Router();
  const body = jsonBody(PACKAGE_BODY_LIMIT);
  const administrators = (req: Request, _res: Response, next: () => void) => {
    requireAdministrator(req, refresher.serving().model, "publishing metadata");
    next();
  };

  router.post("/api/meta/plan", administrators, body, async (req: Request, res: Response) => {
    const { packages } = parsePlanRequest(req.body);
    const result = await located(packages, () => planPackages(db, packages));
    res.json({
      plan: planView(result.plan),
      checks: result.checks,
      unchanged: result.unchanged,
      packages: result.model.packages,
      currentRevision: result.current && summarize(result.current),
    });
  });

  router.post("/api/meta/publish", administrators, body, async (req: Request, res: Response) => {
    const request = parsePublishRequest(req.body);
    const result = await located(request.packages, () =>
      applyPackages(db, request.packages, {
        allowDataLoss: request.allowDataLoss,
        onConversionFailure: request.onConversionFailure,
        note: request.note,
        actor: req.principal!.username,
      }),
    );
    await refresher.refresh(result.revision.id);
    res.json(
      result.status === "applied"
        ? { revision: result.revision, plan: planView(result.plan), checks: result.checks }
        : { revision: result.revision, plan: planView(EMPTY_PLAN), unchanged: true },
    );
  });

  return router;
}

const EMPTY_PLAN: MigrationPlan = { steps: [], dataLosing: false };

async function located<T>(packages: readonly LoadedPackage[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw locateMetadataErrors(error, packages);
  }
}
