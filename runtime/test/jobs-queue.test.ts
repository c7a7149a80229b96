import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import {
  cancelJobs,
  createWorker,
  enqueue,
  type JobHandler,
  type NewJob,
  stableJobKey,
  startWorker,
  type TestClock,
  testClock,
  type WorkerOptions,
} from "../src/jobs/index.ts";
import { bootstrapSystemSchema } from "../src/store/system-schema.ts";
import { testDatabases } from "./support/databases.ts";
import {
  capturingLogger,
  createEffectsTable,
  deferred,
  effectsOf,
  jobCount,
  jobState,
  recordEffect,
  silentLogger,
  waitFor,
} from "./support/jobs.ts";

const HOUR = 3_600_000;

describe.each(testDatabases())("the job queue on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  let clock: TestClock;
  beforeEach(async () => {
    db = await open();
    await bootstrapSystemSchema(db);
    await createEffectsTable(db);
    clock = testClock(new Date("2030-01-01T00:00:00Z"));
  });
  afterEach(() => db?.dispose());

  const add = (job: NewJob) => db.run((k) => enqueue(k, job));
  const effect: JobHandler = (job, tx) => recordEffect(tx, job, "test");
  const worker = (options: Partial<WorkerOptions> = {}) =>
    createWorker(db, { handlers: { effect }, logger: silentLogger, clock, ...options });

  describe("enqueue", () => {
    it("creates no job in a transaction that rolls back, and one in a transaction that commits", async () => {
      const rolledBack = db.transaction(async (tx) => {
        await enqueue(tx, { queue: "effect", payload: { n: 1 } });
        throw new Error("the change that needed the job failed");
      });
      await expect(rolledBack).rejects.toThrow("the change that needed the job failed");
      expect(await jobCount(db)).toBe(0);
      expect(await worker().runDue()).toBe(0);

      await db.transaction((tx) => enqueue(tx, { queue: "effect", payload: { n: 2 } }));
      expect(await jobCount(db)).toBe(1);
    });

    it("returns the first job for a key enqueued again, before and after it ran", async () => {
      const first = await add({ queue: "effect", payload: { n: 1 }, idempotencyKey: "order:7" });
      const again = await Promise.all([
        db.transaction((tx) =>
          enqueue(tx, { queue: "effect", payload: { n: 2 }, idempotencyKey: "order:7" }),
        ),
        db.transaction((tx) =>
          enqueue(tx, { queue: "effect", payload: { n: 3 }, idempotencyKey: "order:7" }),
        ),
      ]);
      expect(again).toEqual([first, first]);
      expect(await jobCount(db)).toBe(1);

      expect(await worker().runDue()).toBe(1);
      expect(await add({ queue: "effect", payload: {}, idempotencyKey: "order:7" })).toBe(first);
      expect(await worker().runDue()).toBe(0);
      expect(await effectsOf(db, first)).toEqual(["test"]);
    });

    it("refuses a job without a queue or with fewer than one attempt", async () => {
      await expect(add({ queue: "", payload: {} })).rejects.toMatchObject({ code: "job-invalid" });
      await expect(add({ queue: "effect", payload: {}, maxAttempts: 0 })).rejects.toMatchObject({
        code: "job-invalid",
      });
      expect(await jobCount(db)).toBe(0);
    });
  });

  it("runs a job due later only once the clock has reached its time", async () => {
    const id = await add({
      queue: "effect",
      payload: {},
      runAt: new Date(clock.now().getTime() + HOUR),
    });
    const jobs = worker();
    expect(await jobs.runDue()).toBe(0);
    clock.advance(HOUR - 1);
    expect(await jobs.runDue()).toBe(0);
    expect((await jobState(db, id)).status).toBe("pending");
    clock.advance(1);
    expect(await jobs.runDue()).toBe(1);
    expect(await jobState(db, id)).toMatchObject({ status: "done", attempts: 1 });
    expect(await effectsOf(db, id)).toEqual(["test"]);
  });

  it("retries a failing job after growing waits, then marks it failed and logs no payload", async () => {
    const { logger, lines } = capturingLogger();
    const jobs = worker({
      handlers: {
        flaky: async (job) => {
          throw new Error(`boom ${job.attempts}`);
        },
      },
      logger,
      retry: { baseMs: 1000, maxMs: 60_000 },
    });
    const id = await add({ queue: "flaky", payload: { token: "s3cr3t-value" }, maxAttempts: 3 });
    const start = clock.now().getTime();

    expect(await jobs.runDue()).toBe(1);
    const first = await jobState(db, id);
    expect(first).toMatchObject({ status: "pending", attempts: 1, last_error: "boom 1" });
    const firstWait = first.run_at!.getTime() - start;
    expect(firstWait).toBeGreaterThanOrEqual(500);
    expect(firstWait).toBeLessThanOrEqual(1000);
    clock.advance(firstWait - 1);
    expect(await jobs.runDue()).toBe(0);
    clock.advance(1);
    expect(await jobs.runDue()).toBe(1);

    const second = await jobState(db, id);
    expect(second).toMatchObject({ status: "pending", attempts: 2, last_error: "boom 2" });
    const secondWait = second.run_at!.getTime() - clock.now().getTime();
    expect(secondWait).toBeGreaterThanOrEqual(1000);
    expect(secondWait).toBeLessThanOrEqual(2000);
    clock.advance(secondWait);
    expect(await jobs.runDue()).toBe(1);

    expect(await jobState(db, id)).toMatchObject({
      status: "failed",
      attempts: 3,
      last_error: "boom 3",
      finished_at: clock.now(),
    });
    clock.advance(24 * HOUR);
    expect(await jobs.runDue()).toBe(0);

    const failed = lines.filter((line) => line.msg === "job failed");
    expect(failed).toEqual([
      expect.objectContaining({
        level: 50,
        queue: "flaky",
        jobId: id,
        attempts: 3,
        error: "boom 3",
      }),
    ]);
    expect(lines.filter((line) => line.msg === "job attempt failed: will retry")).toHaveLength(2);
    expect(JSON.stringify(lines)).not.toContain("s3cr3t-value");
  });

  it("claims only jobs of the queues it has handlers for", async () => {
    const other = await add({ queue: "other", payload: {} });
    const mine = await add({ queue: "effect", payload: {} });
    expect(await worker().runDue()).toBe(1);
    expect((await jobState(db, mine)).status).toBe("done");
    expect((await jobState(db, other)).status).toBe("pending");
  });

  describe("cancelJobs", () => {
    it("cancels unfinished jobs by key or by key prefix, the prefix taken literally", async () => {
      const ids: Record<string, number> = {};
      for (const key of ["sla:task:1:a", "sla:task:1:b", "sla:task:10:a", "50%:x", "50ab"])
        ids[key] = await add({ queue: "effect", payload: {}, idempotencyKey: key });
      const done = await add({ queue: "effect", payload: {}, idempotencyKey: "sla:task:1:done" });
      await db.run((k) => k.raw(`UPDATE loom_sys.jobs SET status = 'done' WHERE id = ?`, [done]));

      expect(
        await db.transaction((tx) => cancelJobs(tx, { idempotencyKeyPrefix: "sla:task:1:" })),
      ).toBe(2);
      expect(await db.run((k) => cancelJobs(k, { idempotencyKeyPrefix: "50%" }))).toBe(1);
      expect(await db.run((k) => cancelJobs(k, { idempotencyKey: "sla:task:1:a" }))).toBe(0);

      expect(await worker().runDue()).toBe(2);
      const statuses = Object.fromEntries(
        await Promise.all(
          Object.entries(ids).map(async ([key, id]) => [key, (await jobState(db, id)).status]),
        ),
      );
      expect(statuses).toEqual({
        "sla:task:1:a": "cancelled",
        "sla:task:1:b": "cancelled",
        "sla:task:10:a": "done",
        "50%:x": "cancelled",
        "50ab": "done",
      });
      expect((await jobState(db, done)).status).toBe("done");
    });

    it("refuses an empty prefix rather than cancel every job", async () => {
      await expect(
        db.run((k) => cancelJobs(k, { idempotencyKeyPrefix: "" })),
      ).rejects.toMatchObject({ code: "job-invalid" });
    });

    it("cancels a claimed job: its completion then commits nothing", async () => {
      const called = deferred();
      const release = deferred();
      const jobs = worker({
        handlers: {
          hook: {
            external: async () => {
              called.resolve();
              await release.promise;
            },
            complete: effect,
          },
        },
      });
      const id = await add({ queue: "hook", payload: {}, idempotencyKey: "hook:1" });
      const running = jobs.runDue();
      await called.promise;
      expect(await db.run((k) => cancelJobs(k, { idempotencyKey: "hook:1" }))).toBe(1);
      release.resolve();
      expect(await running).toBe(1);
      expect((await jobState(db, id)).status).toBe("cancelled");
      expect(await effectsOf(db, id)).toEqual([]);
    });
  });

  describe("leases", () => {
    /** an external handler that records each call and, for worker `a`, waits for `release` */
    const holdingHook = (by: string, calls: string[], release: Promise<void>): JobHandler => ({
      external: async (job) => {
        calls.push(`${by}:${stableJobKey(job)}`);
        if (by === "a") await release;
      },
      complete: (job, tx) => recordEffect(tx, job, by),
    });

    it("lets another worker take over a job whose lease ran out; the first one's late completion commits nothing", async () => {
      const calls: string[] = [];
      const release = deferred();
      const options = { leaseMs: 10_000 };
      const a = worker({
        ...options,
        workerId: "a",
        handlers: { hook: holdingHook("a", calls, release.promise) },
      });
      const b = worker({
        ...options,
        workerId: "b",
        handlers: { hook: holdingHook("b", calls, release.promise) },
      });
      const id = await add({ queue: "hook", payload: {}, idempotencyKey: "hook:1" });

      const first = a.runDue();
      await waitFor(() => calls.length === 1);
      expect(await b.runDue()).toBe(0);
      clock.advance(10_001);
      expect(await b.runDue()).toBe(1);
      release.resolve();
      expect(await first).toBe(1);

      expect(calls).toEqual(["a:hook:1", "b:hook:1"]);
      expect(await jobState(db, id)).toMatchObject({ status: "done", attempts: 2, locked_by: "b" });
      expect(await effectsOf(db, id)).toEqual(["b"]);
    });

    it("fails a job whose last attempt ran out of its lease instead of running it again", async () => {
      const calls: string[] = [];
      const release = deferred();
      const a = worker({
        workerId: "a",
        leaseMs: 10_000,
        handlers: { hook: holdingHook("a", calls, release.promise) },
      });
      const b = worker({
        workerId: "b",
        leaseMs: 10_000,
        handlers: { hook: holdingHook("b", calls, release.promise) },
      });
      const id = await add({ queue: "hook", payload: {}, maxAttempts: 1 });

      const first = a.runDue();
      await waitFor(() => calls.length === 1);
      clock.advance(10_001);
      expect(await b.runDue()).toBe(1);
      release.resolve();
      await first;

      expect(calls).toEqual([`a:loom-job-${id}`]);
      const state = await jobState(db, id);
      expect(state).toMatchObject({ status: "failed", attempts: 2 });
      expect(state.last_error).toContain("ran out of its lease");
      expect(await effectsOf(db, id)).toEqual([]);
    });
  });

  describe("a polling worker", () => {
    it("lets the running job finish on stop() and claims nothing after", async () => {
      const started = deferred();
      const release = deferred();
      const first = await add({ queue: "slow", payload: {} });
      const second = await add({ queue: "slow", payload: {} });
      const jobs = startWorker(db, {
        handlers: {
          slow: async (job, tx) => {
            started.resolve();
            await release.promise;
            await recordEffect(tx, job, "slow");
          },
        },
        logger: silentLogger,
        clock,
        concurrency: 1,
        pollMs: 10,
      });
      await started.promise;
      let stopped = false;
      const stopping = jobs.stop().then(() => {
        stopped = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stopped).toBe(false);
      release.resolve();
      await stopping;

      expect((await jobState(db, first)).status).toBe("done");
      expect(await effectsOf(db, first)).toEqual(["slow"]);
      expect((await jobState(db, second)).status).toBe("pending");
      await expect(jobs.runDue()).rejects.toMatchObject({ code: "worker-stopped" });
    });

    it("runs a job enqueued while it pauses as soon as it is woken", async () => {
      const jobs = startWorker(db, {
        handlers: { effect },
        logger: silentLogger,
        clock,
        pollMs: 60 * 60_000,
      });
      try {
        const id = await add({ queue: "effect", payload: {} });
        jobs.wake();
        await waitFor(async () => (await jobState(db, id)).status === "done", 5000);
        expect(await effectsOf(db, id)).toEqual(["test"]);
      } finally {
        await jobs.stop();
      }
    });
  });
});
