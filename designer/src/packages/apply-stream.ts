import { ApiError } from "@loom/app/api";

const NDJSON = "application/x-ndjson";

/** The lines of a streamed apply (runtime/src/packages/packages-router.ts). */
export type ApplyEvent =
  | { readonly type: "started"; readonly planId: string }
  /** a migration step starts: `index` counts from 0 */
  | {
      readonly type: "step";
      readonly index: number;
      readonly total: number;
      readonly description: string;
    }
  | ({ readonly type: "result" } & Record<string, unknown>)
  | {
      readonly type: "error";
      readonly status: number;
      readonly error: Record<string, unknown>;
    };

/**
 * POSTs `body` to `url` asking for NDJSON (messages in `language`) and reads the answer line by
 * line as it comes: each step goes to `onStep`, the last line is the result (resolved, without
 * its `type`) or the error (rejected as an ApiError, like any refusal). A refusal before the
 * stream starts is a plain JSON error. The session cookie authenticates, as the app's `api()` does.
 */
export async function applyStreamed<Result>(
  url: string,
  body: unknown,
  language: string,
  onStep: (step: Extract<ApplyEvent, { type: "step" }>) => void,
): Promise<Result> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      accept: NDJSON,
      "accept-language": language,
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  if (!response.ok || response.body === null) {
    const error: unknown = await response.json().catch(() => ({}));
    throw new ApiError(response.status, isObject(error) ? error : {});
  }
  for await (const line of ndjsonLines(response.body)) {
    const event = JSON.parse(line) as ApplyEvent;
    if (event.type === "step") onStep(event);
    else if (event.type === "error") throw new ApiError(event.status, event.error);
    else if (event.type === "result") {
      const { type: _type, ...result } = event;
      return result as Result;
    }
  }
  throw new Error(
    "the server ended its answer before the result: reload the page to see the state",
  );
}

/**
 * The non-empty lines of a UTF-8 byte stream, each whole: a chunk may end inside a line, or
 * inside a character (a Chinese description), so bytes are decoded as a stream and a line is
 * given only once its newline (or the end) has come.
 */
export async function* ndjsonLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const lines = pending.split("\n");
      pending = done ? "" : lines.pop()!;
      for (const line of lines) if (line.trim() !== "") yield line;
      if (done) return;
    }
  } finally {
    // the caller stops at the result: what may follow it is not needed
    await reader.cancel().catch(() => undefined);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
