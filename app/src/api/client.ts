/** One problem of a refused request: a JSON pointer into the body (or query) and what is wrong. */
export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
}

/** A refusal from the API: its HTTP status and the body every error has (`code`, `message`, `details`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: readonly ErrorDetail[];
  /** the rest of the error body, e.g. `currentVersion` of a version conflict */
  readonly extra: Readonly<Record<string, unknown>>;
  constructor(status: number, body: Record<string, unknown>) {
    super(typeof body.message === "string" ? body.message : `HTTP ${status}`);
    this.status = status;
    this.code = typeof body.code === "string" ? body.code : "http-error";
    this.details = Array.isArray(body.details) ? (body.details as ErrorDetail[]) : [];
    this.extra = body;
  }
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** The language server messages should come in; set by the language switch. */
let language = "en";
/** Told of every 401, so the app can go back to the sign-in page when a session ends. */
let onUnauthenticated: (() => void) | undefined;

export function setApiLanguage(next: string): void {
  language = next;
}

export function setUnauthenticatedHandler(handler: (() => void) | undefined): void {
  onUnauthenticated = handler;
}

/**
 * Calls the API on this origin: the session cookie authenticates, `Accept-Language` asks for
 * messages in the user's language. A non-2xx answer throws an ApiError; 204 gives undefined.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    accept: "application/json",
    "accept-language": language,
    ...options.headers,
  };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(path, {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: "same-origin",
    signal: options.signal,
  });
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new ApiError(response.status, isObject(body) ? body : {});
    if (response.status === 401 && !path.startsWith("/api/auth/login")) onUnauthenticated?.();
    throw error;
  }
  return body as T;
}

/** A query string from the parameters that are set. */
export function query(params: Readonly<Record<string, string | number | boolean | undefined>>) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== "") search.set(name, String(value));
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
