import type { AppModel } from "@loom/engine";
import { Router } from "express";
import type { Readers } from "../access/reader.ts";
import type { Database } from "../db/database.ts";
import { historyRouter } from "./audit/history-router.ts";
import { dataReadRouter } from "./data-read-router.ts";
import { trashRouter } from "./trash/trash-router.ts";
import { dataWriteRouter } from "./write/data-write-router.ts";
import { compileWritePlans } from "./write/write-plan.ts";

/**
 * The whole data API of one revision: reads, writes, history, delete/trash/restore. Plans and
 * validators are compiled here once and shared by all of them.
 */
export function dataRouter(
  model: AppModel,
  db: Database,
  /** the revision's readers, shared with every other route that reads */
  readersOf: Readers,
): Router {
  const { plans } = readersOf;
  const router = Router();
  router.use(dataReadRouter(model, db, plans, readersOf));
  router.use(dataWriteRouter(compileWritePlans(model, plans), db, readersOf));
  router.use(historyRouter(model, db, plans, readersOf));
  router.use(trashRouter(model, db, plans, readersOf));
  return router;
}
