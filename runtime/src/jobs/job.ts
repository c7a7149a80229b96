import { LoomError } from "@loom/engine";
import type { Knex } from "knex";

/** The queue's one table (created by the system schema, version 4). */
export const JOBS = `"loom_sys"."jobs"`;

export type JobStatus = "pending" | "running" | "done" | "failed" | "cancelled";

/** A claimed job, as its handler sees it. */
export interface Job {
  readonly id: number;
  readonly queue: string;
  /** as enqueued; the handler checks its shape */
  readonly payload: unknown;
  /** this attempt's number, from 1 */
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly idempotencyKey: string | null;
}

/**
 * Runs inside the transaction that marks the job done: its database effects commit with that mark
 * or not at all, so they happen exactly once.
 */
export type TransactionalHandler = (job: Job, tx: Knex.Transaction) => Promise<void>;

/**
 * For work outside the database (an HTTP call): `external` runs with no transaction open and may
 * run more than once (a retry, a worker killed after the call), so it passes on an idempotency key;
 * `complete` runs in the transaction that marks the job done, exactly once. (Not named `then`: an
 * object with a `then` method is a thenable, and `await` would call it.)
 */
export interface ExternalHandler {
  external(job: Job): Promise<void>;
  complete?: TransactionalHandler;
}

export type JobHandler = TransactionalHandler | ExternalHandler;

/** Thrown by a handler when trying again cannot help (a 400 answer): the job fails at once. */
export class PermanentJobError extends LoomError {}

/** What identifies a job to the outside on every attempt: its idempotency key, else its id. */
export function stableJobKey(job: Job): string {
  return job.idempotencyKey ?? `loom-job-${job.id}`;
}

/** The columns a claim returns, in the driver's types (bigint arrives as a string). */
export interface JobRow {
  id: string;
  queue: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  idempotency_key: string | null;
}

export function jobFromRow(row: JobRow): Job {
  return {
    id: Number(row.id),
    queue: row.queue,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    idempotencyKey: row.idempotency_key,
  };
}
