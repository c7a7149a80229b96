import type { AppModel } from "@loom/engine";
import { type Request, type Response, Router } from "express";
import type { AccessView } from "../access/access-view.ts";
import { readers } from "../access/reader.ts";
import { visibleModel } from "../access/visible-model.ts";
import { dataRouter } from "../api/data-router.ts";
import { compileReadPlans } from "../api/read-plan.ts";
import { compileWritePlans } from "../api/write/write-plan.ts";
import type { Database } from "../db/database.ts";
import { type Clock, systemClock } from "../jobs/index.ts";
import { reportsRouter } from "../reports/reports-router.ts";
import type { Revision } from "../store/revisions.ts";
import { workflowVersions } from "../workflow/instances.ts";
import type { WorkflowSetup } from "../workflow/take-action.ts";
import { workflowRouter } from "../workflow/workflow-router.ts";
import {
  metaDocument,
  openApiDocument,
  type RevisionSummary,
  summarize,
} from "./publish/meta-documents.ts";

/**
 * Everything a request needs from the current revision, built once per revision: requests read
 * the reference once and keep that object, so a publish swapping it never changes a request in
 * flight, and nothing per request re-reads or re-compiles metadata.
 */
export interface LiveApp {
  readonly revision: RevisionSummary | null;
  readonly model: AppModel | null;
  readonly router: Router;
  /** the revision's workflow engine, for the jobs (SLA timers) that run outside requests */
  readonly workflow: WorkflowSetup | null;
}

/** How a revision becomes a LiveApp; tests pass their own to add routes. */
export type BuildLiveApp = (revision: Revision | null, db: Database, clock?: Clock) => LiveApp;

export function buildLiveApp(
  revision: Revision | null,
  db: Database,
  clock: Clock = systemClock,
): LiveApp {
  const router = Router();
  const readersOf = revision && readers(revision.model, compileReadPlans(revision.model));
  const workflow: WorkflowSetup | null = revision &&
    readersOf && {
      model: revision.model,
      plans: compileWritePlans(revision.model, readersOf.plans),
      versions: workflowVersions(Object.values(revision.model.workflows)),
    };
  // serialized once per role set: the model is immutable for the life of this LiveApp
  const documents = new WeakMap<AccessView, { meta: string; openApi: string }>();
  const documentsOf = (req: Request) => {
    if (!revision || !readersOf) {
      const empty = { meta: metaDocument(null), openApi: openApiDocument(null) };
      return { meta: JSON.stringify(empty.meta), openApi: JSON.stringify(empty.openApi) };
    }
    const { view } = readersOf.of(req);
    let found = documents.get(view);
    if (!found) {
      const seen = { ...revision, model: visibleModel(view) };
      found = {
        meta: JSON.stringify(metaDocument(seen)),
        openApi: JSON.stringify(openApiDocument(seen)),
      };
      documents.set(view, found);
    }
    return found;
  };
  router.get("/api/meta", (req: Request, res: Response) => {
    res.type("application/json").send(documentsOf(req).meta);
  });
  router.get("/api/openapi.json", (req: Request, res: Response) => {
    res.type("application/json").send(documentsOf(req).openApi);
  });
  if (workflow && readersOf) {
    router.use(dataRouter(workflow, db, readersOf));
    router.use(workflowRouter(workflow, db, readersOf, () => clock.now()));
    router.use(reportsRouter(revision.model, db, readersOf, () => clock.now()));
  }
  return {
    revision: revision && summarize(revision),
    model: revision?.model ?? null,
    router,
    workflow,
  };
}

/** The one mutable reference to the current app. */
export class LiveAppHolder {
  #current: LiveApp;
  constructor(initial: LiveApp) {
    this.#current = initial;
  }
  get current(): LiveApp {
    return this.#current;
  }
  swap(next: LiveApp): void {
    this.#current = next;
  }
}
