import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { LoomError } from "@loom/engine";
import type { Logger } from "pino";
import type { Database } from "../db/database.ts";
import { claimJobs } from "./claim-jobs.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { JobHandler } from "./job.ts";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-delay.ts";
import { runJob } from "./run-job.ts";

export interface WorkerOptions {
  /** one handler per queue; the worker claims jobs of these queues only */
  handlers: Readonly<Record<string, JobHandler>>;
  logger: Logger;
  /** default the system clock; tests pass a testClock */
  clock?: Clock;
  /** who holds a claim, in `locked_by`; default host, pid and a random part, unique per worker */
  workerId?: string;
  /**
   * How long a claim holds before another worker may take the job over (default 60 s). A
   * transactional handler's row stays locked while it runs, whatever the lease; an external call
   * must end (time out) well within it, or a second worker makes the call too.
   */
  leaseMs?: number;
  /** the pause after finding nothing due (default 1 s); `wake()` cuts it short */
  pollMs?: number;
  /** jobs claimed and run at once (default 4); on PGlite their transactions still take turns */
  concurrency?: number;
  retry?: RetryPolicy;
}

export interface JobWorker {
  readonly id: string;
  /** claims and runs every job due now, round after round until none is; how many were run */
  runDue(): Promise<number>;
  /** polls in the background until stopped (startWorker calls it) */
  start(): void;
  /** ends a pause between polls now: call it after enqueueing work that should not wait */
  wake(): void;
  /** stops polling; resolves once the jobs being run have finished and been recorded */
  stop(): Promise<void>;
}

/** A worker that polls for due jobs until stopped: what a server runs. */
export function startWorker(db: Database, options: WorkerOptions): JobWorker {
  const worker = createWorker(db, options);
  worker.start();
  return worker;
}

/** A worker that runs jobs only when asked (`runDue`) until `start()`ed: what tests drive. */
export function createWorker(db: Database, options: WorkerOptions): JobWorker {
  const settings = workerSettings(options);
  const { handlers, logger, clock, workerId: id, leaseMs, concurrency: limit, retry } = settings;
  const queues = Object.keys(handlers);
  const log = logger.child({ worker: id });
  const rounds = new Set<Promise<number>>();
  let stopping = false;
  let polling: Promise<void> | undefined;
  let endPause: (() => void) | undefined;
  /** set by wake(): the next pause is skipped, even if the wake came while a round was running */
  let woken = false;

  /** one claim, and every claimed job run to its end */
  const round = (): Promise<number> => {
    const running = (async () => {
      const now = clock.now();
      const jobs = await db.run((conn) =>
        claimJobs(conn, { queues, workerId: id, now, leaseMs, limit }),
      );
      await Promise.all(
        jobs.map((job) =>
          runJob(job, {
            db,
            handler: handlers[job.queue]!,
            workerId: id,
            clock,
            retry,
            logger: log,
          }),
        ),
      );
      return jobs.length;
    })();
    rounds.add(running);
    const forget = () => rounds.delete(running);
    running.then(forget, forget);
    return running;
  };

  const pause = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => endPause?.(), settings.pollMs);
      // a pause alone does not keep a process alive: whoever started the worker stops it
      timer.unref();
      endPause = () => {
        clearTimeout(timer);
        endPause = undefined;
        resolve();
      };
    });

  const poll = async () => {
    while (!stopping) {
      woken = false;
      let claimed = 0;
      try {
        claimed = await round();
      } catch (error) {
        if (error instanceof LoomError && error.code === "database-closed") {
          log.error("the database was closed under the job worker: it stops");
          return;
        }
        log.error({ error: (error as Error).message }, "could not claim jobs");
      }
      if (claimed === 0 && !stopping && !woken) await pause();
    }
  };

  return {
    id,
    async runDue() {
      if (stopping) throw new LoomError("worker-stopped", `job worker ${id} was stopped`);
      let total = 0;
      for (;;) {
        const claimed = await round();
        total += claimed;
        if (claimed === 0 || stopping) return total;
      }
    },
    start() {
      if (stopping) throw new LoomError("worker-stopped", `job worker ${id} was stopped`);
      polling ??= poll();
    },
    wake() {
      woken = true;
      endPause?.();
    },
    async stop() {
      stopping = true;
      endPause?.();
      await polling;
      await Promise.allSettled([...rounds]);
    },
  };
}

type WorkerSettings = Required<WorkerOptions>;

function workerSettings(options: WorkerOptions): WorkerSettings {
  const settings: WorkerSettings = {
    clock: systemClock,
    workerId: `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`,
    leaseMs: 60_000,
    pollMs: 1_000,
    concurrency: 4,
    retry: DEFAULT_RETRY_POLICY,
    ...options,
  };
  const problem = settingsProblem(settings);
  if (problem) throw new LoomError("job-worker-invalid", problem);
  return settings;
}

function settingsProblem(settings: WorkerSettings): string | undefined {
  const positive = (value: number) => Number.isFinite(value) && value > 0;
  if (!positive(settings.leaseMs)) return "leaseMs must be a positive number";
  if (!positive(settings.pollMs)) return "pollMs must be a positive number";
  if (!(Number.isInteger(settings.concurrency) && settings.concurrency >= 1))
    return "concurrency must be an integer of at least 1";
  const { baseMs, maxMs } = settings.retry;
  // a zero wait would make runDue run a failing job again and again within one call
  if (!(positive(baseMs) && maxMs >= baseMs)) return "retry needs 0 < baseMs <= maxMs";
  for (const [queue, handler] of Object.entries(settings.handlers)) {
    if (typeof handler !== "function" && typeof handler?.external !== "function")
      return `the handler of queue ${queue} is neither a function nor { external }`;
  }
  if (Object.keys(settings.handlers).length === 0) return "a worker needs at least one handler";
  return undefined;
}
