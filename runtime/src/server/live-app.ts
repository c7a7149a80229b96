import type { AppModel } from "@loom/engine";
import { type Request, type Response, Router } from "express";
import { dataRouter } from "../api/data-router.ts";
import type { Database } from "../db/database.ts";
import type { Revision } from "../store/revisions.ts";
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
}

/** How a revision becomes a LiveApp; tests pass their own to add routes. */
export type BuildLiveApp = (revision: Revision | null, db: Database) => LiveApp;

export function buildLiveApp(revision: Revision | null, db: Database): LiveApp {
  const router = Router();
  // serialized once: the model is immutable for the life of this LiveApp
  const meta = JSON.stringify(metaDocument(revision));
  const openApi = JSON.stringify(openApiDocument(revision));
  router.get("/api/meta", (_req: Request, res: Response) => {
    res.type("application/json").send(meta);
  });
  router.get("/api/openapi.json", (_req: Request, res: Response) => {
    res.type("application/json").send(openApi);
  });
  if (revision) router.use(dataRouter(revision.model, db));
  return { revision: revision && summarize(revision), model: revision?.model ?? null, router };
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
