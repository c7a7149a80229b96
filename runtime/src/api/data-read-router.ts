import type { AppModel } from "@loom/engine";
import { type Request, type Response, Router } from "express";
import type { Knex } from "knex";
import { type Readers, readers } from "../access/reader.ts";
import type { Database } from "../db/database.ts";
import { refuseValueErrors } from "../db/value-errors.ts";
import { HttpError } from "../server/http-error.ts";
import { addressablePlan } from "./addressable-plan.ts";
import { expandRecords, parseExpand } from "./expand.ts";
import { listNeedsSnapshot, parseListQuery, runList } from "./list-records.ts";
import { badParameter, type QueryParams, single } from "./query-params.ts";
import { compileReadPlans, type ReadPlans } from "./read-plan.ts";
import { readRecord } from "./read-records.ts";
import { isUuid } from "./text-values.ts";

/**
 * GET /api/data/:entity (list) and GET /api/data/:entity/:id, compiled from the model once: a
 * request looks its entity's plan up and runs it, never reading metadata again.
 */
export function dataReadRouter(
  model: AppModel,
  db: Database,
  plans: ReadPlans = compileReadPlans(model),
  readersOf: Readers = readers(model, plans),
): Router {
  const router = Router();

  router.get("/api/data/:entity", async (req: Request, res: Response) => {
    const reader = readersOf.of(req);
    const plan = addressablePlan(reader.plans, req.params.entity as string);
    const list = parseListQuery(reader, plan, req.query as QueryParams);
    const page = await withDataErrors(() =>
      listNeedsSnapshot(list)
        ? snapshot(db, (tx) => runList(tx, list))
        : db.run((k) => runList(k, list)),
    );
    res.json(page);
  });

  router.get("/api/data/:entity/:id", async (req: Request, res: Response) => {
    const reader = readersOf.of(req);
    const plan = addressablePlan(reader.plans, req.params.entity as string);
    const id = req.params.id as string;
    const query = req.query as QueryParams;
    for (const name of Object.keys(query)) {
      if (name !== "expand")
        throw badParameter(
          name,
          "unknown-parameter",
          `a record read takes only "expand", not "${name}"`,
        );
    }
    if (!isUuid(id)) throw new HttpError(400, "bad-id", `"${id}" is not a record id (a uuid)`);
    const scope = reader.scope(plan.entity.name, "read");
    const expand = parseExpand(
      reader.plans,
      plan,
      plan,
      single(query, "expand"),
      reader.readScopes,
    );
    const read = async (conn: Knex) => {
      const record = await readRecord(conn, plan, id, scope);
      if (record) await expandRecords(conn, [record], expand);
      return record;
    };
    // the record and its lines are one statement; expanding adds one per link field and level
    const record = await (expand.size > 0 ? snapshot(db, read) : db.run(read));
    if (!record) throw new HttpError(404, "not-found", `${plan.entity.name} ${id} does not exist`);
    res.set("ETag", `"${record.version as number}"`).json(record);
  });

  return router;
}

/** Several reads of one response see one snapshot, so a record and its lines always agree. */
export function snapshot<T>(db: Database, fn: (tx: Knex.Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    return fn(tx);
  });
}

/**
 * A value the filter bound that the column's type refuses (a malformed uuid inside `where`, a
 * date out of range) is the caller's mistake: 400, with no database text in it.
 */
export function withDataErrors<T>(work: () => Promise<T>): Promise<T> {
  return refuseValueErrors(
    work,
    () =>
      new HttpError(
        400,
        "bad-where",
        "a value in the filter does not fit the type of the field it is compared with",
        [{ path: "/query/where", message: "a value does not fit its field's type" }],
      ),
  );
}
