import type { AppModel } from "@loom/engine";
import { Router } from "express";
import type { Database } from "../db/database.ts";
import { historyRouter } from "./audit/history-router.ts";
import { dataReadRouter } from "./data-read-router.ts";
import { compileReadPlans } from "./read-plan.ts";
import { trashRouter } from "./trash/trash-router.ts";
import { dataWriteRouter } from "./write/data-write-router.ts";
import { compileWritePlans } from "./write/write-plan.ts";

/**
 * The whole data API of one revision: reads, writes, history, delete/trash/restore. Plans and
 * validators are compiled here once and shared by all of them.
 */
export function dataRouter(model: AppModel, db: Database): Router {
  const plans = compileReadPlans(model);
  const router = Router();
  router.use(dataReadRouter(model, db, plans));
  router.use(dataWriteRouter(compileWritePlans(model, plans), db));
  router.use(historyRouter(model, db, plans));
  router.use(trashRouter(model, db, plans));
  return router;
}
