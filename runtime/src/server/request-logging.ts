import type { RequestHandler } from "express";
import { type Logger, stdSerializers } from "pino";
import { pinoHttp } from "pino-http";
import { assignRequestId } from "./request-id.ts";

const REDACT = [
  "req.headers.authorization",
  "req.headers.cookie",
  // a sign-in answer carries the new session in its cookie
  `res.headers["set-cookie"]`,
];

/**
 * Gives every request its id (`req.id`) and logger (`req.log`, bound to the request). At `info`
 * and below, pino-http also logs each response. Above `info` those lines are never written, yet
 * pino-http would still serialize every request into a child logger: there the child is made
 * only when something logs, and the error middleware's lines are the request log. The level is
 * read once, when the app is built.
 */
export function requestLogging(logger: Logger): RequestHandler {
  if (logger.isLevelEnabled("info"))
    return pinoHttp({
      logger,
      genReqId: assignRequestId,
      redact: REDACT,
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
    });
  const base = logger.child(
    {},
    { redact: REDACT, serializers: { req: stdSerializers.req, err: stdSerializers.err } },
  );
  return (req, res, next) => {
    req.id = assignRequestId(req, res);
    let log: Logger | undefined;
    Object.defineProperty(req, "log", {
      configurable: true,
      get: () => {
        log ??= base.child({ req });
        return log;
      },
      set: (value: Logger) => {
        log = value;
      },
    });
    next();
  };
}
