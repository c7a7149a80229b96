import type { Knex } from "knex";
import { JOBS } from "./job.ts";

/**
 * Deletes done and cancelled jobs that finished before `finishedBefore`; returns how many. Their
 * idempotency keys become free again, so keep them longer than anyone may re-enqueue one. Failed
 * jobs stay for someone to look at.
 */
export async function purgeJobs(conn: Knex, options: { finishedBefore: Date }): Promise<number> {
  const { rowCount } = await conn.raw(
    `DELETE FROM ${JOBS} WHERE "status" IN ('done', 'cancelled') AND "finished_at" < ?`,
    [options.finishedBefore],
  );
  return rowCount ?? 0;
}
