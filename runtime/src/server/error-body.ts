import { LoomError } from "@loom/engine";
import { type ErrorDetail, HttpError } from "./http-error.ts";

/** The one error shape every response uses, whatever went wrong and wherever. */
export interface ErrorBody {
  code: string;
  message: string;
  details: readonly ErrorDetail[];
  requestId: string;
  [extra: string]: unknown;
}

/** What the client is told, before the request id is added. */
export interface ClientError {
  status: number;
  code: string;
  message: string;
  details: readonly ErrorDetail[];
  extra: Readonly<Record<string, unknown>>;
}

/** The generic answer for anything not meant for the client; the cause goes to the log only. */
export const INTERNAL_ERROR: ClientError = {
  status: 500,
  code: "internal",
  message: "something went wrong on the server; the log has the details",
  details: [],
  extra: {},
};

/**
 * Engine and store errors whose status is not the default 422. The 500s are failures on the
 * server side (some carry database text, e.g. `step-failed`), so they are answered generically.
 */
const LOOM_ERROR_STATUS: Readonly<Record<string, number>> = {
  "invalid-expression": 400,
  "unknown-operator": 400,
  "revision-changed": 409,
  "data-loss-refused": 409,
  "conversion-refused": 409,
  "rows-refused": 409,
  "plan-stale": 409,
  "package-not-installed": 404,
  "database-closed": 503,
  "db-reentrant": 500,
  "step-failed": 500,
  "database-open-failed": 500,
  "data-dir-locked": 500,
  "system-schema-too-new": 500,
  "installed-package-invalid": 500,
  // the job queue's own invariants (runtime/src/jobs): a bug, not the client's input
  "job-invalid": 500,
  "job-key-vanished": 500,
  "job-worker-invalid": 500,
};

/** Client-facing codes for the http-errors express and its router raise themselves (e.g. a bad %-escape). */
const HTTP_STATUS_CODE: Readonly<Record<number, string>> = {
  400: "bad-request",
  404: "not-found",
  413: "body-too-large",
  415: "unsupported-media-type",
};

/** Maps anything thrown to what the client may see; `INTERNAL_ERROR` when it may see nothing. */
export function describeError(error: unknown): ClientError {
  if (error instanceof HttpError) {
    const { status, code, message, details, extra } = error;
    return { status, code, message, details, extra };
  }
  if (error instanceof LoomError) return describeLoomError(error);
  if (isExposedHttpError(error)) {
    return {
      status: error.status,
      code: HTTP_STATUS_CODE[error.status] ?? "bad-request",
      message: error.message,
      details: [],
      extra: {},
    };
  }
  return INTERNAL_ERROR;
}

function describeLoomError(error: LoomError): ClientError {
  const status = LOOM_ERROR_STATUS[error.code] ?? 422;
  if (status >= 500 && error.code !== "database-closed") return INTERNAL_ERROR;
  return {
    status,
    code: error.code,
    message: error.message,
    details: error.issues.map((issue) => ({
      path: issue.path ?? "",
      message: issue.message,
      // which check refused it, and in which file: an archive's entry, a package's component
      ...(issue.code && { code: issue.code }),
      ...(issue.file && { file: issue.file }),
    })),
    extra: {},
  };
}

/**
 * http-errors marks messages safe for the client with `expose` (true for 4xx only); the router
 * sets no `expose` on the 400 it raises for a route parameter that is not valid %-encoding.
 */
function isExposedHttpError(error: unknown): error is Error & { status: number } {
  if (!(error instanceof Error)) return false;
  const { status, expose } = error as Error & { status?: unknown; expose?: unknown };
  if (typeof status !== "number" || status < 400 || status >= 500) return false;
  return expose === true || error instanceof URIError;
}

export function errorBody(error: ClientError, requestId: string): ErrorBody {
  // extra first: it may add fields, never replace the four every client relies on
  return {
    ...error.extra,
    code: error.code,
    message: error.message,
    details: error.details,
    requestId,
  };
}
