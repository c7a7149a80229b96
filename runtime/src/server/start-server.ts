import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import type { Database } from "../db/database.ts";
import { applyPackages } from "../store/apply-packages.ts";
import { currentRevision } from "../store/revisions.ts";
import { bootstrapSystemSchema } from "../store/system-schema.ts";
import { createHttpApp } from "./http-app.ts";
import { buildLiveApp, LiveAppHolder } from "./live-app.ts";

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
  /** packages to install when the database has no revision yet; [] installs nothing */
  samples: readonly string[];
}

export interface RunningServer {
  url: string;
  holder: LiveAppHolder;
  /** stops accepting connections, lets requests in flight finish, then resolves */
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { db, logger } = options;
  await bootstrapSystemSchema(db);
  let revision = await db.run((knex) => currentRevision(knex));
  if (!revision && options.samples.length > 0) {
    logger.info({ packages: options.samples }, "empty database: installing the sample packages");
    await applyPackages(db, options.samples, { allowDataLoss: false, actor: "system:first-start" });
    revision = await db.run((knex) => currentRevision(knex));
  }
  const holder = new LiveAppHolder(buildLiveApp(revision, db));
  const server = createHttpApp(holder, db, logger).listen(options.port, options.host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`;
  logger.info({ url, revision: holder.current.revision, database: db.kind }, "Loom is listening");
  return { url, holder, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // keep-alive sockets with no request in flight would otherwise hold close() open
    server.closeIdleConnections();
  });
}
