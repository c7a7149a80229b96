import { type ChildProcess, spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { openDatabase } from "../src/db/open-database.ts";
import { createWorker, enqueue, type JobWorker, testClock } from "../src/jobs/index.ts";
import { bootstrapSystemSchema } from "../src/store/system-schema.ts";
import { freshPgliteDataDir, testDatabases } from "./support/databases.ts";
import {
  createEffectsTable,
  effectCounts,
  effectsOf,
  jobState,
  openSecondHandle,
  recordEffect,
  serverUrlOf,
  silentLogger,
  waitFor,
} from "./support/jobs.ts";

const CHILD = fileURLToPath(new URL("./support/job-worker-child.ts", import.meta.url));
/** the child's lease (CHILD_LEASE_MS; importing it would run the child here) and a margin */
const PAST_CHILD_LEASE_MS = 60_000 + 1_000;
const JOBS = 200;
const LEASE_MS = 1_000;
const EXPIRING_CALLS = 40;

/** A worker process on the database; resolves once it holds a job's completion transaction open. */
function startChild(args: string[]): { child: ChildProcess; holding: Promise<void> } {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const holding = new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      if (String(chunk).includes("holding")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`child exited ${code}: ${stderr}`)));
  });
  return { child, holding };
}

function kill(child: ChildProcess): Promise<unknown> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  return exited;
}

/** runs `worker` until it has run a job: a killed process's session may take a moment to end */
async function runUntilOne(worker: JobWorker): Promise<void> {
  await waitFor(async () => (await worker.runDue()) === 1);
}

const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) await kill(child);
});

describe.each(testDatabases())("each job takes effect once on $name", ({ name, open }) => {
  let db: Database & { dispose(): Promise<void> };
  beforeEach(async () => {
    db = await open();
    await bootstrapSystemSchema(db);
    await createEffectsTable(db);
  });
  afterEach(() => db?.dispose());

  const enqueueMany = (count: number, queue: string, maxAttempts?: number) =>
    db.transaction(async (tx) => {
      const ids: number[] = [];
      for (let n = 0; n < count; n++)
        ids.push(await enqueue(tx, { queue, payload: { n }, maxAttempts }));
      return ids;
    });

  const expectEachOnce = async (ids: number[]) => {
    const counts = await effectCounts(db);
    expect(ids.filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect(counts.size).toBe(ids.length);
    const { rows } = await db.run((k) =>
      k.raw(`SELECT "status", count(*)::int AS "n" FROM "loom_sys"."jobs" GROUP BY "status"`),
    );
    expect(rows).toEqual([{ status: "done", n: ids.length }]);
  };

  it(`two workers (two handles on a server) racing over ${JOBS} jobs commit each effect once`, async () => {
    const ids = await enqueueMany(JOBS, "effect");
    const second = await openSecondHandle(db);
    try {
      const clock = testClock();
      const worker = (handle: Database, id: string) =>
        createWorker(handle, {
          handlers: { effect: (job, tx) => recordEffect(tx, job, id) },
          logger: silentLogger,
          clock,
          workerId: id,
          concurrency: 4,
        });
      const [a, b] = await Promise.all([worker(db, "a").runDue(), worker(second.db, "b").runDue()]);
      expect(a + b).toBe(JOBS);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
    await expectEachOnce(ids);
  });

  it("commits each effect once even when leases keep running out and jobs are taken over", async () => {
    // attempts pile up as jobs change hands: none may run out of them
    const ids = await enqueueMany(JOBS / 2, "hook", 1_000);
    const second = await openSecondHandle(db);
    const clock = testClock();
    let calls = 0;
    try {
      const worker = (handle: Database, id: string) =>
        createWorker(handle, {
          handlers: {
            hook: {
              // the first calls each move time past every lease: jobs held then may change hands
              // (later ones do not, or jobs could change hands for ever and none complete); the
              // pause gives the other worker time to claim
              external: async () => {
                if (++calls > EXPIRING_CALLS) return;
                clock.advance(LEASE_MS + 1);
                await new Promise((resolve) => setTimeout(resolve, 5));
              },
              complete: (job, tx) => recordEffect(tx, job, id),
            },
          },
          logger: silentLogger,
          clock,
          workerId: id,
          leaseMs: LEASE_MS,
          concurrency: 1,
        });
      await Promise.all([worker(db, "a").runDue(), worker(second.db, "b").runDue()]);
    } finally {
      await second.close();
    }
    await expectEachOnce(ids);
    expect(calls).toBeGreaterThan(ids.length);
  });

  it.runIf(name === "postgres")(
    "finishes once, in another process, a job whose worker process was killed mid-job",
    async () => {
      const [id] = await enqueueMany(1, "effect");
      const { child, holding } = startChild(["--url", await serverUrlOf(db)]);
      children.push(child);
      await holding;
      expect(await jobState(db, id!)).toMatchObject({ status: "running", locked_by: "child" });
      await kill(child);

      const worker = createWorker(db, {
        handlers: { effect: (job, tx) => recordEffect(tx, job, "survivor") },
        logger: silentLogger,
        clock: testClock(new Date(Date.now() + PAST_CHILD_LEASE_MS)),
        workerId: "survivor",
      });
      await runUntilOne(worker);
      expect(await jobState(db, id!)).toMatchObject({
        status: "done",
        attempts: 2,
        locked_by: "survivor",
      });
      expect(await effectsOf(db, id!)).toEqual(["survivor"]);
    },
  );
});

describe("a PGlite process killed mid-job", () => {
  it("finishes the job once after a restart", async () => {
    const dataDir = await freshPgliteDataDir();
    try {
      let db = await openDatabase({ dataDir });
      await bootstrapSystemSchema(db);
      await createEffectsTable(db);
      const id = await db.run((k) => enqueue(k, { queue: "effect", payload: {} }));
      await db.close();

      const { child, holding } = startChild(["--data-dir", dataDir]);
      children.push(child);
      await holding;
      await kill(child);

      db = await openDatabase({ dataDir });
      try {
        const worker = createWorker(db, {
          handlers: { effect: (job, tx) => recordEffect(tx, job, "restarted") },
          logger: silentLogger,
          clock: testClock(new Date(Date.now() + PAST_CHILD_LEASE_MS)),
          workerId: "restarted",
        });
        expect(await worker.runDue()).toBe(1);
        expect(await jobState(db, id)).toMatchObject({ status: "done", attempts: 2 });
        expect(await effectsOf(db, id)).toEqual(["restarted"]);
      } finally {
        await db.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
