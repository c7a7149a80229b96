import { LoomError } from "@loom/engine";
import type { Knex } from "knex";
import { preparedStatement, runStatement } from "../db/prepared-statement.ts";
import { JOBS } from "./job.ts";

export interface NewJob {
  queue: string;
  /** any JSON value; stored in the database as is, so never a secret */
  payload: unknown;
  /** when the job becomes due (by the worker's clock); omitted: at once */
  runAt?: Date;
  /**
   * Names the job for good: enqueueing the same key again, whatever became of the first job,
   * creates nothing and returns the first job's id. External calls receive it on every attempt.
   */
  idempotencyKey?: string;
  /** attempts before the job is marked failed; default DEFAULT_MAX_ATTEMPTS */
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 10;

// '-infinity' rather than now(): a job meant for "at once" is due by any clock, a test's too
const INSERT = preparedStatement(
  `INSERT INTO ${JOBS} ("queue", "payload", "run_at", "max_attempts", "idempotency_key")
   VALUES (?, ?::jsonb, COALESCE(?::timestamptz, '-infinity'), ?, ?)
   ON CONFLICT ("idempotency_key") DO NOTHING
   RETURNING "id"`,
);
const BY_KEY = preparedStatement(`SELECT "id" FROM ${JOBS} WHERE "idempotency_key" = ?`);

/**
 * Adds a job; pass the caller's transaction so that the job exists if and only if the change that
 * needs it commits. Returns the job's id (the existing job's, for a key already used).
 */
export async function enqueue(conn: Knex, job: NewJob): Promise<number> {
  checkNewJob(job);
  const key = job.idempotencyKey ?? null;
  const inserted = await runStatement(conn, INSERT, [
    job.queue,
    JSON.stringify(job.payload ?? null),
    job.runAt ?? null,
    job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    key,
  ]);
  if (inserted[0]) return Number(inserted[0].id);
  // the key is taken: by a committed job (a concurrent enqueue of it was waited for by the insert)
  const [existing] = await runStatement(conn, BY_KEY, [key]);
  if (!existing) {
    throw new LoomError("job-key-vanished", `the job with key ${key} was purged while enqueueing`);
  }
  return Number(existing.id);
}

function checkNewJob(job: NewJob): void {
  const problem = problemOf(job);
  if (problem) throw new LoomError("job-invalid", `${problem} (queue ${String(job.queue)})`);
}

function problemOf(job: NewJob): string | undefined {
  if (typeof job.queue !== "string" || job.queue === "") return "a job needs a queue name";
  if (job.runAt !== undefined && !(job.runAt instanceof Date && Number.isFinite(+job.runAt)))
    return "runAt must be a valid Date";
  const key = job.idempotencyKey;
  if (key !== undefined && (typeof key !== "string" || key === ""))
    return "idempotencyKey must be a non-empty string";
  const max = job.maxAttempts;
  if (max !== undefined && !(Number.isInteger(max) && max >= 1))
    return "maxAttempts must be an integer of at least 1";
  return undefined;
}
