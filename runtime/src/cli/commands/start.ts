import type { Command } from "commander";
import pino from "pino";
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
Serves /health and /api/meta. Logs are JSON lines on stdout. SIGTERM or Ctrl-C stops it cleanly:
requests in flight finish, then the database is closed.

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
