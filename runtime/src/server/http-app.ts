import express from "express";
import helmet from "helmet";
import type { Logger } from "pino";
import { requireAdministrator } from "../access/system-permission.ts";
import { authRouters } from "../auth/auth-router.ts";
import { type AuthSettings, DEFAULT_AUTH_SETTINGS } from "../auth/auth-settings.ts";
import { authenticate } from "../auth/authenticate.ts";
import type { Database } from "../db/database.ts";
import { apiNoStore } from "./api-no-store.ts";
import { APP_SITE, DESIGNER_SITE, spaStatic } from "./app-static.ts";
import { DEFAULT_BODY_LIMIT, jsonBody } from "./body-parsing.ts";
import { errorMiddleware, notFound } from "./error-middleware.ts";
import { HttpError } from "./http-error.ts";
import type { LiveAppHolder } from "./live-app.ts";
import { createHttpMetrics } from "./metrics.ts";
import { requestLogging } from "./request-logging.ts";

export interface HttpAppOptions {
  /** largest JSON body accepted, bytes or a string like "1mb"; default 1 MB */
  bodyLimit?: number | string;
  /** how long /health waits for the database before answering 503; default 3 s */
  healthTimeoutMs?: number;
  /**
   * Routers that do not change with the revision (publishing), mounted before the default body
   * parser: they parse their own bodies, so they may take larger ones.
   */
  routes?: readonly express.Router[];
  /** session lifetimes and sign-in throttling; defaults in DEFAULT_AUTH_SETTINGS */
  auth?: AuthSettings;
  /**
   * express's `trust proxy` behind a TLS-terminating proxy (e.g. 1 = one hop): the client's
   * address (sign-in throttling) and https (the Secure cookie) are then read from X-Forwarded-*.
   * Default: not trusted, the socket's address and protocol count.
   */
  trustProxy?: boolean | number | string;
}

// helmet's options are fixed: its middleware is built once for every app in the process
const securityHeaders = helmet();

/**
 * The outer express app: /health and sign-in, then authentication for everything else, then the
 * fixed routes and one delegate to the current revision's router.
 */
export function createHttpApp(
  holder: LiveAppHolder,
  db: Database,
  logger: Logger,
  options: HttpAppOptions = {},
): express.Express {
  const metrics = createHttpMetrics(db);
  const authSettings = options.auth ?? DEFAULT_AUTH_SETTINGS;
  const auth = authRouters(db, authSettings);
  const app = express();
  app.disable("x-powered-by");
  if (options.trustProxy !== undefined) app.set("trust proxy", options.trustProxy);
  app.use(metrics.track);
  app.use(requestLogging(logger));
  app.use(securityHeaders);
  app.use("/api", apiNoStore);

  app.get("/health", async (req, res) => {
    const { revision } = holder.current;
    try {
      await databaseAnswers(db, options.healthTimeoutMs ?? 3000);
    } catch (error) {
      req.log.error({ err: error }, "health check: the database does not answer");
      throw new HttpError(503, "database-unavailable", "the database does not answer", [], {
        status: "unavailable",
      });
    }
    res.json({ status: "ok", database: db.kind, revision });
  });
  // the built apps: `/` leads to the business app
  app.get("/", (_req, res) => res.redirect(302, `${APP_SITE.base}/`));
  app.use(spaStatic(APP_SITE));
  app.use(spaStatic(DESIGNER_SITE));
  app.use(auth.login);
  app.use(authenticate(db, authSettings.session.idleMinutes));
  app.get(
    "/metrics",
    (req, _res, next) => {
      requireAdministrator(req, holder.current.model, "reading metrics");
      next();
    },
    metrics.serve,
  );
  app.use(auth.authenticated);

  for (const routes of options.routes ?? []) app.use(routes);
  app.use(jsonBody(options.bodyLimit ?? DEFAULT_BODY_LIMIT));
  app.use((req, res, next) => holder.current.router(req, res, next));

  app.use(notFound);
  app.use(errorMiddleware);
  return app;
}

async function databaseAnswers(db: Database, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([db.run((knex) => knex.raw("SELECT 1")), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
