import type { Express } from "express";
import pino from "pino";
import { afterAll, beforeAll } from "vitest";
import type { Database } from "../../src/db/database.ts";
import { createHttpApp } from "../../src/server/http-app.ts";
import { buildLiveApp, LiveAppHolder } from "../../src/server/live-app.ts";
import {
  type RunningServer,
  SAMPLE_PACKAGES,
  type StartOptions,
  startServer,
} from "../../src/server/start-server.ts";
import { applyPackages } from "../../src/store/apply-packages.ts";
import type { PackageSource } from "../../src/store/load-packages.ts";
import { currentRevision } from "../../src/store/revisions.ts";
import { fetchWith, signIn } from "./auth.ts";
import type { TestDatabase } from "./databases.ts";

export const silentLogger = pino({ level: "silent" });

/** The manufacturing sample (and any extra packages layered on it) installed on a database. */
export async function installSample(
  db: Database,
  extra: readonly PackageSource[] = [],
): Promise<void> {
  await applyPackages(db, [...SAMPLE_PACKAGES, ...extra], { allowDataLoss: false, actor: "test" });
}

/** The production HTTP app for the database's current revision, without listening on a port. */
export async function currentApp(db: Database): Promise<Express> {
  const revision = await db.run((k) => currentRevision(k));
  if (!revision) throw new Error("no revision installed");
  return createHttpApp(new LiveAppHolder(buildLiveApp(revision, db)), db, silentLogger);
}

/**
 * A fresh database with the sample, served on a free port for the tests of one describe block;
 * read `db`, `server` and `fetch` (signed in as the admin `tester`) inside the tests (they are
 * set by beforeAll).
 */
export function useSampleServer(
  target: TestDatabase,
  /** start options; `logger` defaults to a silent one */
  options: Partial<Omit<StartOptions, "db">> = {},
): { readonly db: Database; readonly server: RunningServer; readonly fetch: typeof fetch } {
  const state = {} as {
    db: Database & { dispose(): Promise<void> };
    server: RunningServer;
    fetch: typeof fetch;
  };
  beforeAll(async () => {
    state.db = await target.open();
    state.server = await startServer({
      db: state.db,
      logger: silentLogger,
      port: 0,
      host: "127.0.0.1",
      samples: SAMPLE_PACKAGES,
      // the tests seed units and categories of their own: the sample's reference data would clash
      sampleData: false,
      announce: () => undefined,
      ...options,
    });
    state.fetch = fetchWith((await signIn(state.db)).token);
  });
  afterAll(async () => {
    await state.server?.close();
    await state.db?.dispose();
  });
  return state;
}
