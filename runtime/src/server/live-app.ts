import type { AppModel } from "@loom/engine";
import { type Request, type Response, Router } from "express";
import { dataReadRouter } from "../api/data-read-router.ts";
import type { Database } from "../db/database.ts";
import type { Revision } from "../store/revisions.ts";

/**
 * Everything a request needs from the current revision, built once per revision: requests read
 * the reference once and keep that object, so a publish swapping it never changes a request in
 * flight, and nothing per request re-reads or re-compiles metadata.
 */
export interface LiveApp {
  readonly revision: { readonly id: number; readonly checksum: string } | null;
  readonly model: AppModel | null;
  readonly router: Router;
}

export function buildLiveApp(revision: Revision | null, db: Database): LiveApp {
  const router = Router();
  const summary = revision && { id: revision.id, checksum: revision.checksum };
  // serialized once: the model is immutable for the life of this LiveApp
  const meta = JSON.stringify({ revision: summary, model: revision?.model ?? null });
  router.get("/api/meta", (_req: Request, res: Response) => {
    res.type("application/json").send(meta);
  });
  if (revision) router.use(dataReadRouter(revision.model, db));
  return { revision: summary, model: revision?.model ?? null, router };
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
