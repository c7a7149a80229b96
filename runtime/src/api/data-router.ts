import { Router } from "express";
import type { Readers } from "../access/reader.ts";
import { importRouter } from "../data-transfer/import-router.ts";
import type { Database } from "../db/database.ts";
import type { WorkflowSetup } from "../workflow/take-action.ts";
import { historyRouter } from "./audit/history-router.ts";
import { dataReadRouter } from "./data-read-router.ts";
import { exportCsvRouter } from "./export-csv.ts";
import { trashRouter } from "./trash/trash-router.ts";
import { dataWriteRouter } from "./write/data-write-router.ts";

/**
 * The whole data API of one revision: reads, writes (which obey the workflow's editable fields),
 * exports and imports of files, history, delete/trash/restore. Plans and validators were compiled once for the revision.
 */
export function dataRouter(
  setup: WorkflowSetup,
  db: Database,
  /** the revision's readers, shared with every other route that reads */
  readersOf: Readers,
): Router {
  const { plans } = readersOf;
  const { model } = setup;
  const router = Router();
  // before the reads: their `/:entity/:id` would take `export.csv` or `import` for an id
  router.use(exportCsvRouter(db, readersOf));
  router.use(importRouter(setup.plans, db, readersOf));
  router.use(dataReadRouter(model, db, plans, readersOf));
  router.use(dataWriteRouter(setup, db, readersOf));
  router.use(historyRouter(model, db, plans, readersOf));
  router.use(trashRouter(model, db, plans, readersOf));
  return router;
}
