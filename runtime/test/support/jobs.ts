import type { Knex } from "knex";
import pino, { type Logger } from "pino";
import type { Database } from "../../src/db/database.ts";
import { openDatabase } from "../../src/db/open-database.ts";
import type { Job, JobStatus } from "../../src/jobs/index.ts";

/**
 * What the job tests' handlers do: one row per run in a plain table (no unique key), so that a job
 * whose effect was committed twice shows as two rows instead of an error that hides it.
 */
export async function createEffectsTable(db: Database): Promise<void> {
  await db.run((k) =>
    k.raw(
      `CREATE TABLE IF NOT EXISTS "job_effects" ("job_id" bigint NOT NULL, "by" text NOT NULL)`,
    ),
  );
}

export async function recordEffect(tx: Knex.Transaction, job: Job, by: string): Promise<void> {
  await tx.raw(`INSERT INTO "job_effects" ("job_id", "by") VALUES (?, ?)`, [job.id, by]);
}

/** who committed an effect for `id`, once per effect row */
export async function effectsOf(db: Database, id: number): Promise<string[]> {
  const { rows } = await db.run((k) =>
    k.raw(`SELECT "by" FROM "job_effects" WHERE "job_id" = ? ORDER BY "by"`, [id]),
  );
  return (rows as { by: string }[]).map((row) => row.by);
}

/** how many effect rows each job has, by job id */
export async function effectCounts(db: Database): Promise<Map<number, number>> {
  const { rows } = await db.run((k) =>
    k.raw(`SELECT "job_id", count(*)::int AS "n" FROM "job_effects" GROUP BY "job_id"`),
  );
  return new Map(
    (rows as { job_id: string; n: number }[]).map((row) => [Number(row.job_id), row.n]),
  );
}

export interface JobState {
  status: JobStatus;
  attempts: number;
  locked_by: string | null;
  last_error: string | null;
  /** null for '-infinity', "at once" */
  run_at: Date | null;
  finished_at: Date | null;
}

export async function jobState(db: Database, id: number): Promise<JobState> {
  const { rows } = await db.run((k) =>
    k.raw(
      `SELECT "status", "attempts", "locked_by", "last_error", "finished_at",
              CASE WHEN isfinite("run_at") THEN "run_at" END AS "run_at"
       FROM "loom_sys"."jobs" WHERE "id" = ?`,
      [id],
    ),
  );
  return rows[0];
}

export async function jobCount(db: Database): Promise<number> {
  const { rows } = await db.run((k) => k.raw(`SELECT count(*)::int AS "n" FROM "loom_sys"."jobs"`));
  return rows[0].n;
}

/** The URL of the server database `db` is connected to (DATABASE_URL with its database name). */
export async function serverUrlOf(db: Database): Promise<string> {
  const name = await db.run(
    async (k) => (await k.raw("SELECT current_database() AS name")).rows[0].name as string,
  );
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Another handle on the same database, as a second runtime process has: its own pool on a server.
 * PGlite admits one handle (one process), so there it is the same one.
 */
export async function openSecondHandle(
  db: Database,
): Promise<{ db: Database; close(): Promise<void> }> {
  if (db.kind === "pglite") return { db, close: async () => {} };
  const other = await openDatabase({ url: await serverUrlOf(db) });
  return { db: other, close: () => other.close() };
}

export const silentLogger: Logger = pino({ level: "silent" });

/** A logger whose lines the test reads back, parsed. */
export function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: "debug" },
    {
      write(line: string) {
        lines.push(JSON.parse(line));
      },
    },
  );
  return { logger, lines };
}

/** A promise with its resolve function, for handlers a test holds and lets go. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Polls `check` every 20 ms until it holds; fails after `limitMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, limitMs = 10_000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > limitMs) throw new Error(`condition not met within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
