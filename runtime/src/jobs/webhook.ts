import { LoomError, type TextOrParam } from "@loom/engine";
import { type ExternalHandler, type Job, PermanentJobError, stableJobKey } from "./job.ts";

/**
 * A webhook job's payload: what to POST where. Stored in the jobs table, so no secrets in it: a
 * URL or header that comes from a package parameter stays `{ param }` and is read when sent.
 */
export interface WebhookPayload {
  /** http or https */
  url: TextOrParam;
  /** sent as JSON; default null */
  body?: unknown;
  /** extra request headers; Content-Type and Idempotency-Key are always the queue's own */
  headers?: Record<string, TextOrParam>;
}

export interface WebhookOptions {
  /** per attempt; keep it well below the worker's lease (default 10 s) */
  timeoutMs?: number;
  /** the environment's parameter values now (payloads that name none never ask) */
  parameters?: () => Promise<Readonly<Record<string, unknown>>>;
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * POSTs the payload's body with the job's stable key as `Idempotency-Key`, the same on every
 * attempt, so that a receiver applies a call once however often it arrives. Retried: timeouts,
 * network errors, 408, 429 and 5xx. Anything else but a 2xx (a 400, a redirect) fails at once,
 * since sending it again would get the same answer.
 */
export function webhookHandler(options: WebhookOptions = {}): ExternalHandler {
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const parameters = options.parameters ?? (async () => ({}));
  return { external: (job) => postWebhook(job, timeoutMs, parameters) };
}

export function isRetriableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

async function postWebhook(
  job: Job,
  timeoutMs: number,
  parameters: NonNullable<WebhookOptions["parameters"]>,
): Promise<void> {
  const payload = await resolveParameters(webhookPayload(job.payload), parameters);
  const url = new URL(payload.url);
  // errors name the origin only: a webhook URL's path or query is often its secret
  const target = `webhook to ${url.origin}`;
  let headers: Headers;
  try {
    headers = new Headers(payload.headers);
  } catch (error) {
    throw new PermanentJobError("webhook-invalid", `${target}: ${(error as Error).message}`);
  }
  headers.set("content-type", "application/json");
  headers.set("idempotency-key", stableJobKey(job));
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify(payload.body ?? null),
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new LoomError("webhook-unreachable", `${target} failed: ${reason(error, timeoutMs)}`);
  }
  // the answer's body is not used: drop it so the connection can be reused
  await response.body?.cancel();
  if (response.ok) return;
  const message = `${target} answered ${response.status}`;
  if (isRetriableStatus(response.status)) throw new LoomError("webhook-failed", message);
  throw new PermanentJobError("webhook-refused", message);
}

function webhookPayload(payload: unknown): WebhookPayload {
  const candidate = payload as Partial<WebhookPayload> | null;
  if (!isTextOrParam(candidate?.url)) {
    throw new PermanentJobError("webhook-invalid", "a webhook job needs an http(s) url");
  }
  const headers = candidate?.headers;
  const plain =
    headers === undefined ||
    (typeof headers === "object" &&
      headers !== null &&
      !Array.isArray(headers) &&
      Object.values(headers).every(isTextOrParam));
  if (!plain) {
    throw new PermanentJobError("webhook-invalid", "a webhook's headers are names and strings");
  }
  return candidate as WebhookPayload;
}

function isTextOrParam(value: unknown): value is TextOrParam {
  return (
    typeof value === "string" ||
    (typeof value === "object" &&
      value !== null &&
      typeof (value as { param?: unknown }).param === "string")
  );
}

/** The payload with every `{ param }` replaced by the parameter's value now, the URL checked. */
async function resolveParameters(
  payload: WebhookPayload,
  parameters: NonNullable<WebhookOptions["parameters"]>,
): Promise<WebhookPayload & { url: string; headers: Record<string, string> }> {
  const refs = [payload.url, ...Object.values(payload.headers ?? {})];
  const values = refs.some((ref) => typeof ref !== "string") ? await parameters() : {};
  const text = (ref: TextOrParam, what: string): string => {
    if (typeof ref === "string") return ref;
    const value = values[ref.param];
    // a missing value will not appear by retrying: the environment must set it
    if (value === undefined || value === null)
      throw new PermanentJobError(
        "webhook-parameter-missing",
        `the ${what} comes from parameter "${ref.param}", which has no value in this environment: set it (loom params set ${ref.param} …)`,
      );
    return String(value);
  };
  const url = text(payload.url, "webhook's address");
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw new PermanentJobError("webhook-invalid", "a webhook job needs an http(s) url");
  }
  const headers = Object.fromEntries(
    Object.entries(payload.headers ?? {}).map(([name, ref]) => [name, text(ref, `header ${name}`)]),
  );
  return { ...payload, url, headers };
}

/** Why fetch threw, in words that carry no URL: a timeout, or the network error's code. */
function reason(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === "string") return cause.code;
  return typeof cause?.message === "string" ? cause.message : (error as Error).message;
}
