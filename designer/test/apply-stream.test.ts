import { ApiError } from "@loom/app/api";
import { afterEach, describe, expect, it, vi } from "vitest";
import { applyStreamed, ndjsonLines } from "../src/packages/apply-stream.ts";

/** A byte stream handing out `chunks` one read at a time, as a network answer comes. */
function streamOf(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      if (next < chunks.length) controller.enqueue(chunks[next++]!);
      else controller.close();
    },
  });
}

/** The bytes of `text` cut at the given byte offsets. */
function cut(text: string, ...at: number[]): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const bounds = [0, ...at, bytes.length];
  return bounds.slice(1).map((end, i) => bytes.slice(bounds[i], end));
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of ndjsonLines(stream)) lines.push(line);
  return lines;
}

describe("ndjsonLines", () => {
  it("gives whole lines however the bytes are cut, inside a line or inside a character", async () => {
    const text = '{"step":"添加列 customer.fax"}\n\n{"n":2}\n{"last":true}';
    const whole = ['{"step":"添加列 customer.fax"}', '{"n":2}', '{"last":true}'];
    // 11 falls inside 添 (3 bytes from offset 9), 20 inside the first line's text
    expect(await collect(streamOf(cut(text, 11, 20, 36)))).toEqual(whole);
    expect(await collect(streamOf(cut(text)))).toEqual(whole);
    const everyByte = [...new TextEncoder().encode(text)].map((_, i) => i + 1).slice(0, -1);
    expect(await collect(streamOf(cut(text, ...everyByte)))).toEqual(whole);
  });
});

/** What `promise` is rejected with (it must be rejected). */
async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(ApiError);
  return caught as ApiError;
}

describe("applyStreamed", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  const answer = (status: number, body: string, type = "application/x-ndjson") =>
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(streamOf(cut(body, 7)), { status, headers: { "content-type": type } }),
      ),
    );

  it("asks for NDJSON in the language given, reports each step, and resolves with the result", async () => {
    answer(
      200,
      [
        { type: "started", planId: "p1" },
        { type: "step", index: 0, total: 2, description: "add column customer.fax (text)" },
        { type: "step", index: 1, total: 2, description: "add index customer(fax)" },
        { type: "result", status: "applied", revision: { id: 7 } },
      ]
        .map((line) => JSON.stringify(line))
        .join("\n"),
    );
    const steps: string[] = [];
    const result = await applyStreamed("/api/x", { planId: "p1" }, "zh-CN", (step) =>
      steps.push(`${step.index + 1}/${step.total} ${step.description}`),
    );
    expect(result).toEqual({ status: "applied", revision: { id: 7 } });
    expect(steps).toEqual(["1/2 add column customer.fax (text)", "2/2 add index customer(fax)"]);
    const [url, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(url).toBe("/api/x");
    expect(init?.headers).toMatchObject({
      accept: "application/x-ndjson",
      "accept-language": "zh-CN",
    });
    expect(init?.body).toBe('{"planId":"p1"}');
  });

  it("rejects with the error of the last line as an ApiError, with its code and details", async () => {
    const error = {
      code: "step-failed",
      message: "step 1 failed: nothing was changed",
      details: [{ path: "/steps/0", message: "column exists" }],
    };
    answer(
      200,
      `${JSON.stringify({ type: "started", planId: "p1" })}\n${JSON.stringify({ type: "error", status: 422, error })}\n`,
    );
    const refused = await refusal(applyStreamed("/api/x", {}, "en", () => undefined));
    expect(refused).toMatchObject({ status: 422, code: "step-failed", message: error.message });
    expect(refused.details).toEqual(error.details);
  });

  it("rejects a refusal before the stream began as the JSON error it is", async () => {
    answer(
      409,
      JSON.stringify({ code: "plan-stale", message: "preview again" }),
      "application/json",
    );
    const refused = await refusal(applyStreamed("/api/x", {}, "en", () => undefined));
    expect(refused).toMatchObject({ status: 409, code: "plan-stale" });
  });

  it("rejects an answer that ends before its result", async () => {
    answer(200, `${JSON.stringify({ type: "started", planId: "p1" })}\n`);
    await expect(applyStreamed("/api/x", {}, "en", () => undefined)).rejects.toThrow(
      /ended its answer before the result/,
    );
  });
});
