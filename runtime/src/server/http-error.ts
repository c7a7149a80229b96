/** One `{path, message}` per problem, `path` a JSON pointer into the request (body or query). */
export interface ErrorDetail {
  path: string;
  message: string;
  /** the check that found it, where one has a name (`path-traversal`, `duplicate-field`) */
  code?: string;
  /** the package file it is in, for metadata and archive problems */
  file?: string;
}

/**
 * An error meant for the client: the error middleware turns it into
 * `{ code, message, details, requestId }` with its status. Anything else thrown becomes a 500
 * whose body says nothing of the cause (the log has it).
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: readonly ErrorDetail[];
  /** extra fields for the body, e.g. `currentVersion` on a 409 */
  readonly extra: Readonly<Record<string, unknown>>;
  constructor(
    status: number,
    code: string,
    message: string,
    details: readonly ErrorDetail[] = [],
    extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.code = code;
    this.details = details;
    this.extra = extra;
  }
}
