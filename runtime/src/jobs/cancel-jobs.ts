import { LoomError } from "@loom/engine";
import type { Knex } from "knex";
import { JOBS } from "./job.ts";

/** One job by its key, or every job whose key starts with a prefix (`sla:task:42:`). */
export type JobSelector = { idempotencyKey: string } | { idempotencyKeyPrefix: string };

/**
 * Cancels the selected jobs that have not finished (an SLA timer whose task was completed first);
 * returns how many. Call it in the transaction of the change that makes them pointless.
 *
 * A job a worker holds claimed is cancelled too: its completion then finds it cancelled and
 * commits nothing (an external call already made stays made). The one job it cannot stop is one
 * whose completion transaction is open at that instant: that row is locked, and waiting for it
 * could deadlock with the handler, so it is skipped. Handlers therefore check, in their
 * transaction, that their reason still holds (the task is still open).
 */
export async function cancelJobs(conn: Knex, which: JobSelector): Promise<number> {
  const [condition, binding] =
    "idempotencyKey" in which
      ? [`"idempotency_key" = ?`, which.idempotencyKey]
      : [`"idempotency_key" LIKE ? ESCAPE '!'`, `${likePrefix(which.idempotencyKeyPrefix)}%`];
  const { rowCount } = await conn.raw(
    `UPDATE ${JOBS} SET "status" = 'cancelled', "finished_at" = now(), "locked_until" = NULL
     WHERE "id" IN (
       SELECT "id" FROM ${JOBS}
       WHERE ${condition} AND "status" IN ('pending', 'running')
       FOR UPDATE SKIP LOCKED
     )`,
    [binding],
  );
  return rowCount ?? 0;
}

/** The prefix as a LIKE pattern matching itself literally ('!' escapes, being no SQL or knex metacharacter). */
function likePrefix(prefix: string): string {
  if (typeof prefix !== "string" || prefix === "") {
    throw new LoomError("job-invalid", "cancelling by key prefix needs a non-empty prefix");
  }
  return prefix.replace(/[!%_]/g, "!$&");
}
