import type { Knex } from "knex";
import { preparedStatement, runStatement } from "../db/prepared-statement.ts";
import { JOBS, type Job, type JobRow, jobFromRow } from "./job.ts";

export interface ClaimRequest {
  /** only jobs of these queues: a worker takes nothing it has no handler for */
  queues: readonly string[];
  workerId: string;
  /** the worker's clock: what is due, and the lease's start */
  now: Date;
  leaseMs: number;
  limit: number;
}

/**
 * One statement takes up to `limit` jobs: due pending ones, and running ones whose lease ran out
 * (their worker died or hung; that is how a job killed halfway gets finished). SKIP LOCKED lets
 * workers claim side by side without waiting for or taking each other's rows; the CTE is
 * MATERIALIZED so the locking select runs exactly once. Each claim adds an attempt: the attempt
 * number with the worker's id is the claim's identity, checked again at completion.
 */
const CLAIM = preparedStatement(
  `WITH "due" AS MATERIALIZED (
     SELECT "id" FROM ${JOBS}
     WHERE "queue" = ANY(?::text[])
       AND (("status" = 'pending' AND "run_at" <= ?) OR ("status" = 'running' AND "locked_until" < ?))
     ORDER BY "run_at", "id"
     LIMIT ?
     FOR UPDATE SKIP LOCKED
   )
   UPDATE ${JOBS} AS "j"
   SET "status" = 'running', "attempts" = "j"."attempts" + 1, "locked_by" = ?, "locked_until" = ?,
       "last_error" = CASE WHEN "j"."status" = 'running'
         THEN 'attempt ' || "j"."attempts" || ' ran out of its lease (its worker stopped or hung)'
         ELSE "j"."last_error" END
   FROM "due" WHERE "j"."id" = "due"."id"
   RETURNING "j"."id", "j"."queue", "j"."payload", "j"."attempts", "j"."max_attempts",
             "j"."idempotency_key"`,
);

export async function claimJobs(conn: Knex, request: ClaimRequest): Promise<Job[]> {
  const { now } = request;
  const rows = await runStatement(conn, CLAIM, [
    request.queues,
    now,
    now,
    request.limit,
    request.workerId,
    new Date(now.getTime() + request.leaseMs),
  ]);
  return rows.map((row) => jobFromRow(row as unknown as JobRow)).sort((a, b) => a.id - b.id);
}
