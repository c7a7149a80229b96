import type { ErrorRequestHandler, RequestHandler } from "express";
import { describeError, errorBody, INTERNAL_ERROR } from "./error-body.ts";
import { HttpError } from "./http-error.ts";

/** The last route: nothing matched. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, "not-found", `no route for ${req.method} ${req.path}`));
};

/**
 * The one place errors become responses (express 5 forwards rejected async handlers here too).
 * Unexpected errors are logged in full with the request id and answered with a generic 500, so
 * database error text never leaves the server; errors meant for the client are logged briefly.
 */
export const errorMiddleware: ErrorRequestHandler = (error: unknown, req, res, next) => {
  const described = describeError(error);
  if (described === INTERNAL_ERROR) {
    req.log.error({ err: error }, "request failed");
  } else if (described.status >= 500) {
    req.log.warn({ err: error }, "request not served");
  } else if (described.status === 403) {
    // a denied attempt is a security event: who, what, and which permission was missing
    req.log.warn(
      {
        user: req.principal?.username,
        method: req.method,
        path: req.path,
        code: described.code,
        permission: described.extra.permission,
      },
      "request denied",
    );
  } else {
    req.log.debug({ err: error }, "request refused");
  }
  if (res.headersSent) {
    // too late for a body: express ends the connection
    next(error);
    return;
  }
  res.status(described.status).json(errorBody(described, String(req.id)));
};
