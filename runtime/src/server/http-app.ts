import express, { type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import type { Database } from "../db/database.ts";
import type { LiveAppHolder } from "./live-app.ts";

/** The outer express app: fixed routes, then one delegate to the current revision's router. */
export function createHttpApp(
  holder: LiveAppHolder,
  db: Database,
  logger: Logger,
): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(pinoHttp({ logger, redact: ["req.headers.authorization", "req.headers.cookie"] }));

  app.get("/health", async (_req, res) => {
    const { revision } = holder.current;
    try {
      await db.run((knex) => knex.raw("SELECT 1"));
      res.json({ status: "ok", database: db.kind, revision });
    } catch {
      res.status(503).json({
        status: "unavailable",
        code: "database-unavailable",
        message: "the database does not answer",
      });
    }
  });

  app.use((req, res, next) => holder.current.router(req, res, next));

  app.use((req, res) => {
    res
      .status(404)
      .json({ code: "not-found", message: `no route for ${req.method} ${req.path}`, details: [] });
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    req.log.error({ err: error }, "request failed");
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      res
        .status(status)
        .json({ code: "bad-request", message: (error as Error).message, details: [] });
      return;
    }
    res.status(500).json({
      code: "internal",
      message: "something went wrong on the server; the log has the details",
      details: [],
    });
  });
  return app;
}
