import type { Command } from "commander";
import pino from "pino";
import { authSettingsFromEnv } from "../../auth/auth-settings.ts";
import { openDatabase } from "../../db/open-database.ts";
import { SAMPLE_PACKAGES, startServer } from "../../server/start-server.ts";
import type { GlobalOptions } from "../with-database.ts";

interface StartFlags {
  port: string;
  host: string;
  sample: boolean;
}

export function startCommand(program: Command): void {
  program
    .command("start")
    .description("start the server; on an empty database, install the manufacturing sample first")
    .option(
      "--port <n>",
      "port to listen on (default: $PORT, else 3000)",
      process.env.PORT ?? "3000",
    )
    .option(
      "--host <address>",
      "address to listen on (default: $HOST, else 127.0.0.1)",
      process.env.HOST ?? "127.0.0.1",
    )
    .option("--no-sample", "do not install the sample packages into an empty database")
    .addHelpText(
      "after",
      `
Serves /health, sign-in (/api/auth/*) and the API. Logs are JSON lines on stdout. SIGTERM or
Ctrl-C stops it cleanly: requests in flight finish, then the database is closed.

On a database without users it creates "admin" and prints a one-time password once.
Sessions end after LOOM_SESSION_IDLE_MINUTES without a request (default 120) and at the latest
LOOM_SESSION_MAX_HOURS after sign-in (default 12). Behind a TLS-terminating proxy set
LOOM_TRUST_PROXY (e.g. 1 for one hop; express's "trust proxy"), so that sign-in throttling sees
client addresses and the session cookie is marked Secure.

Examples:
  $ loom start
  $ loom start --port 8080 --host 0.0.0.0
  $ DATABASE_URL=postgres://loom@db/erp loom start --no-sample`,
    )
    .action(async (flags: StartFlags, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        command.error(`--port must be a number from 0 to 65535, not "${flags.port}"`);
      }
      const auth = authSettingsFromEnv(process.env);
      const logger = pino({ level: process.env.LOOM_LOG_LEVEL ?? "info" });
      const databaseUrl = globals.databaseUrl ?? process.env.DATABASE_URL;
      const db = await openDatabase({
        url: databaseUrl,
        dataDir: globals.dataDir,
        logger,
      });
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        server = await startServer({
          db,
          logger,
          port,
          host: flags.host,
          samples: flags.sample ? SAMPLE_PACKAGES : [],
          databaseUrl,
          auth,
          trustProxy: trustProxy(process.env.LOOM_TRUST_PROXY),
        });
      } catch (error) {
        await db.close();
        throw error;
      }
      const stop = async (signal: string) => {
        logger.info({ signal }, "stopping: finishing requests in flight");
        await server.close();
        await db.close();
        logger.info("stopped");
      };
      await new Promise<void>((resolve) => {
        for (const signal of ["SIGTERM", "SIGINT"] as const)
          process.once(signal, () => void stop(signal).then(resolve));
      });
    });
}

/** LOOM_TRUST_PROXY as express reads "trust proxy": true/false, a hop count, or addresses */
function trustProxy(text: string | undefined): boolean | number | string | undefined {
  if (text === undefined || text === "") return undefined;
  if (text === "true" || text === "false") return text === "true";
  return /^\d+$/.test(text) ? Number(text) : text;
}
