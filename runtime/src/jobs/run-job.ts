import type { Logger } from "pino";
import type { Database } from "../db/database.ts";
import type { Clock } from "./clock.ts";
import { type Job, type JobHandler, PermanentJobError } from "./job.ts";
import { type RetryPolicy, retryDelay } from "./retry-delay.ts";
import { markDone, markFailed, markRetry } from "./settle-job.ts";

export interface RunContext {
  db: Database;
  handler: JobHandler;
  workerId: string;
  clock: Clock;
  retry: RetryPolicy;
  logger: Logger;
}

/** `lost`: the claim was taken over (lease ran out) or the job cancelled; nothing was committed. */
export type JobOutcome = "done" | "retry" | "failed" | "lost";

/** Kept on the job row and in logs; the message only (never a payload, a stack or a driver's details). */
const MAX_ERROR_LENGTH = 2000;

/** Runs one claimed job to an outcome; never throws (a failure to record one is logged). */
export async function runJob(job: Job, context: RunContext): Promise<JobOutcome> {
  const log = context.logger.child({ jobId: job.id, queue: job.queue, attempt: job.attempts });
  // only a claim after a lease ran out can exceed the limit: the previous attempt never finished
  if (job.attempts > job.maxAttempts) {
    const message = `no attempts left: attempt ${job.maxAttempts} of ${job.maxAttempts} ran out of its lease`;
    return settleFailure(job, context, log, new PermanentJobError("job-abandoned", message));
  }
  try {
    if (!(await perform(job, context))) {
      log.warn(
        "the job's claim was lost (lease taken over, or cancelled): this attempt is dropped",
      );
      return "lost";
    }
    log.debug("job done");
    return "done";
  } catch (error) {
    return settleFailure(job, context, log, error);
  }
}

/** The handler's work and the job's completion; false when the claim no longer holds. */
async function perform(job: Job, { db, handler, workerId, clock }: RunContext): Promise<boolean> {
  // the external call runs with no transaction open: PGlite's one session stays free meanwhile,
  // and a server connection is not held idle in a transaction over HTTP
  if (typeof handler !== "function") await handler.external(job);
  const inTransaction = typeof handler === "function" ? handler : handler.complete;
  return db.transaction(async (tx) => {
    if (!(await markDone(tx, job, workerId, clock.now()))) return false;
    await inTransaction?.(job, tx);
    return true;
  });
}

async function settleFailure(
  job: Job,
  { db, workerId, clock, retry }: RunContext,
  log: Logger,
  error: unknown,
): Promise<JobOutcome> {
  const message = errorMessage(error);
  const final = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
  const now = clock.now();
  const retryAt = new Date(now.getTime() + retryDelay(job.attempts, retry));
  let settled: boolean;
  try {
    settled = await db.run((conn) =>
      final
        ? markFailed(conn, job, workerId, { message, at: now })
        : markRetry(conn, job, workerId, { message, retryAt }),
    );
  } catch (recordError) {
    log.error(
      { error: message, recordError: errorMessage(recordError) },
      "job attempt failed and could not be recorded: it runs again once its lease runs out",
    );
    return "lost";
  }
  if (!settled) {
    log.warn({ error: message }, "job attempt failed after its claim was lost: nothing recorded");
    return "lost";
  }
  if (final) {
    log.error({ attempts: job.attempts, error: message }, "job failed");
    return "failed";
  }
  log.warn({ attempts: job.attempts, error: message, retryAt }, "job attempt failed: will retry");
  return "retry";
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH)}…` : message;
}
