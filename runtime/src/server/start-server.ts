import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import type { AuthSettings } from "../auth/auth-settings.ts";
import { createFirstAdmin, passwordBox } from "../auth/first-admin.ts";
import { importBodyRoute } from "../data-transfer/import-router.ts";
import type { Database } from "../db/database.ts";
import { designerRouter } from "../designer/designer-router.ts";
import {
  type Clock,
  createWorker,
  type JobWorker,
  systemClock,
  webhookHandler,
} from "../jobs/index.ts";
import { importPackages } from "../packages/import-packages.ts";
import { packagesRouter } from "../packages/packages-router.ts";
import { currentParameterValues } from "../packages/parameters.ts";
import { applyPackages } from "../store/apply-packages.ts";
import type { PackageSource } from "../store/load-packages.ts";
import { loadPackageSources } from "../store/load-packages.ts";
import { currentRevision } from "../store/revisions.ts";
import { bootstrapSystemSchema } from "../store/system-schema.ts";
import { WEBHOOK_QUEUE } from "../workflow/effects.ts";
import { SLA_QUEUE, type SlaTimer } from "../workflow/enter-node.ts";
import { runSlaTimer } from "../workflow/sla.ts";
import { createHttpApp } from "./http-app.ts";
import { type BuildLiveApp, buildLiveApp, LiveAppHolder } from "./live-app.ts";
import { publishRouter } from "./publish/publish-router.ts";
import { listenForRevisions, type RevisionListener } from "./publish/revision-listener.ts";
import { createRevisionRefresher, type RevisionRefresher } from "./publish/revision-refresher.ts";

/** The manufacturing sample and its customization: what a fresh `loom start` shows. */
export const SAMPLE_PACKAGES: readonly string[] = [
  fileURLToPath(new URL("../../../metadata-samples/manufacturing", import.meta.url)),
  fileURLToPath(new URL("../../../metadata-samples/manufacturing-custom", import.meta.url)),
];

export interface StartOptions {
  db: Database;
  logger: Logger;
  port: number;
  host: string;
  /** packages (folders, or loaded) to install when the database has no revision yet; [] installs nothing */
  samples: readonly PackageSource[];
  /**
   * Install the samples as an import (default): their reference data (units, item categories)
   * comes with them. `false`: their metadata only, for tests that seed those tables themselves.
   */
  sampleData?: boolean;
  /**
   * The URL `db` was opened with when it is a PostgreSQL server: the server LISTENs there for
   * revisions other processes publish (the gateway keeps its URL to itself). Ignored on PGlite,
   * which only one process can open.
   */
  databaseUrl?: string;
  /** how a revision becomes the app serving it; tests add routes through it */
  buildLiveApp?: BuildLiveApp;
  /** session lifetimes and sign-in throttling (see createHttpApp) */
  auth?: AuthSettings;
  /** express's `trust proxy`, behind a TLS-terminating proxy (see createHttpApp) */
  trustProxy?: boolean | number | string;
  /**
   * Shows the first administrator's one-time password, once, on a database without users;
   * default stdout, not the logger (log lines are kept, a password must not be)
   */
  announce?: (text: string) => void;
  /** where workflows and jobs read the time; tests pass a testClock */
  clock?: Clock;
  /**
   * `poll` (default): a job worker runs SLA timers and webhooks in the background; `manual`: only
   * when the caller runs `jobs.runDue()` (tests)
   */
  jobs?: "poll" | "manual";
}

export interface RunningServer {
  url: string;
  holder: LiveAppHolder;
  /** the worker running this process's share of the job queue */
  jobs: JobWorker;
  /** stops accepting connections, lets requests in flight finish, then resolves */
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { db, logger } = options;
  await bootstrapSystemSchema(db);
  let revision = await db.run((knex) => currentRevision(knex));
  if (!revision && options.samples.length > 0) {
    logger.info(
      { packages: options.samples.map((p) => (typeof p === "string" ? p : p.manifest.name)) },
      "empty database: installing the sample packages",
    );
    const actor = "system:first-start";
    if (options.sampleData === false)
      await applyPackages(db, options.samples, { allowDataLoss: false, actor });
    else
      await importPackages(db, { packages: await loadPackageSources(options.samples) }, { actor });
    revision = await db.run((knex) => currentRevision(knex));
  }
  const admin = await createFirstAdmin(db);
  if (admin) {
    logger.info({ username: admin.username }, "no users: created the first administrator");
    const announce = options.announce ?? ((text: string) => process.stdout.write(text));
    announce(
      passwordBox("First start: an administrator was created", admin.username, admin.password),
    );
  }
  const clock = options.clock ?? systemClock;
  const build: BuildLiveApp = (next, database) =>
    (options.buildLiveApp ?? buildLiveApp)(next, database, clock);
  const holder = new LiveAppHolder(build(revision, db));
  const jobs = jobWorker(db, holder, clock, logger);
  if (options.jobs !== "manual") jobs.start();
  const refresher = createRevisionRefresher({ db, holder, build, logger });
  const listener = await listenIfShared(options, refresher);
  const app = createHttpApp(holder, db, logger, {
    routes: [
      // before the JSON body parser: an import's body is a CSV or XLSX file
      importBodyRoute(() => holder.current),
      publishRouter(db, refresher),
      designerRouter(db, refresher),
      packagesRouter(db, refresher),
    ],
    auth: options.auth,
    trustProxy: options.trustProxy,
  });
  const server = app.listen(options.port, options.host);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("listening", resolve);
      server.once("error", reject);
    });
  } catch (error) {
    await listener?.close();
    await jobs.stop();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`;
  logger.info({ url, revision: holder.current.revision, database: db.kind }, "Loom is listening");
  return {
    url,
    holder,
    jobs,
    async close() {
      await listener?.close();
      await closeServer(server);
      await jobs.stop();
    },
  };
}

/** The queues this process works on: SLA timers (for the revision served when they run out) and webhooks. */
function jobWorker(db: Database, holder: LiveAppHolder, clock: Clock, logger: Logger): JobWorker {
  return createWorker(db, {
    clock,
    logger,
    handlers: {
      [SLA_QUEUE]: async (job, tx) => {
        const setup = holder.current.workflow;
        if (setup)
          await runSlaTimer(tx, { ...setup, language: "en" }, job.payload as SlaTimer, clock.now());
      },
      [WEBHOOK_QUEUE]: webhookHandler({
        parameters: () => db.run((conn) => currentParameterValues(conn)),
      }),
    },
  });
}

/** On a shared server, other processes publish too: follow their revisions. */
async function listenIfShared(
  options: StartOptions,
  refresher: RevisionRefresher,
): Promise<RevisionListener | undefined> {
  if (options.db.kind !== "postgres" || !options.databaseUrl) return undefined;
  const { logger } = options;
  return listenForRevisions({
    url: options.databaseUrl,
    logger,
    onRevision: (id) => {
      refresher.refresh(id).catch((error: unknown) => {
        logger.error({ err: error, revision: id }, "could not serve the new revision");
      });
    },
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // keep-alive sockets with no request in flight would otherwise hold close() open
    server.closeIdleConnections();
  });
}
