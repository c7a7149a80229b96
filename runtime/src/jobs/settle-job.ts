import type { Knex } from "knex";
import { preparedStatement, runStatement } from "../db/prepared-statement.ts";
import { JOBS, type Job } from "./job.ts";

/**
 * Every change to a claimed job checks that the claim still holds: same worker, same attempt, still
 * running. A worker whose lease ran out and was taken over changes nothing.
 */
const STILL_CLAIMED = `"id" = ? AND "locked_by" = ? AND "attempts" = ? AND "status" = 'running'`;

const DONE = preparedStatement(
  `UPDATE ${JOBS} SET "status" = 'done', "finished_at" = ?, "locked_until" = NULL
   WHERE ${STILL_CLAIMED} RETURNING "id"`,
);
const RETRY = preparedStatement(
  `UPDATE ${JOBS}
   SET "status" = 'pending', "run_at" = ?, "last_error" = ?, "locked_by" = NULL, "locked_until" = NULL
   WHERE ${STILL_CLAIMED} RETURNING "id"`,
);
const FAILED = preparedStatement(
  `UPDATE ${JOBS}
   SET "status" = 'failed', "finished_at" = ?, "last_error" = ?, "locked_until" = NULL
   WHERE ${STILL_CLAIMED} RETURNING "id"`,
);

const claimOf = (job: Job, workerId: string) => [job.id, workerId, job.attempts];

/**
 * Marks the job done in `tx`, the handler's transaction; false when the claim was lost. Run first
 * in that transaction: the row then stays locked until it commits, so no other worker claims it
 * meanwhile, even once the lease has run out.
 */
export async function markDone(
  tx: Knex.Transaction,
  job: Job,
  workerId: string,
  at: Date,
): Promise<boolean> {
  return (await runStatement(tx, DONE, [at, ...claimOf(job, workerId)])).length === 1;
}

/** Back to pending, due at `retryAt`; false when the claim was lost. */
export async function markRetry(
  conn: Knex,
  job: Job,
  workerId: string,
  failure: { message: string; retryAt: Date },
): Promise<boolean> {
  const bindings = [failure.retryAt, failure.message, ...claimOf(job, workerId)];
  return (await runStatement(conn, RETRY, bindings)).length === 1;
}

/** Failed for good; false when the claim was lost. */
export async function markFailed(
  conn: Knex,
  job: Job,
  workerId: string,
  failure: { message: string; at: Date },
): Promise<boolean> {
  const bindings = [failure.at, failure.message, ...claimOf(job, workerId)];
  return (await runStatement(conn, FAILED, bindings)).length === 1;
}
