import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testDatabases } from "./support/databases.ts";
import { useSampleServer } from "./support/sample-app.ts";

const PRINTABLE = /^[\x20-\x7e]{0,120}$/;
const URL_CHARS = /^[A-Za-z0-9._~%!$&'()*+,;=:@-]{0,24}$/;

const path = fc
  .tuple(
    fc.constantFrom(
      "/",
      "/api",
      "/api/meta",
      "/api/data",
      "/api/data/sales_order",
      "/api/data/customer",
      "/api/data/sales_order_line",
      "/health",
      "/metrics",
    ),
    fc.array(fc.stringMatching(URL_CHARS), { maxLength: 3 }),
  )
  .map(([base, segments]) => [base, ...segments].join("/").replace(/^\/\//, "/"));

const queryValue = fc.oneof(
  fc.stringMatching(PRINTABLE),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? ""),
);
const query = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom("where", "sort", "limit", "cursor", "fields", "count", "expand", "status"),
        fc.stringMatching(/^[a-z_[\]]{1,10}$/),
      ),
      queryValue,
    ),
    { maxLength: 4 },
  )
  .map((pairs) => (pairs.length ? `?${new URLSearchParams(pairs)}` : ""));

const body = fc.option(
  fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? "null"),
    fc.stringMatching(PRINTABLE),
    fc.string({ unit: "binary", maxLength: 200 }),
  ),
  { nil: undefined },
);

const headers = fc.record(
  {
    // mostly JSON, so that most bodies get past the media type check to the routes
    "content-type": fc.oneof(
      { arbitrary: fc.constant("application/json"), weight: 4 },
      fc.constantFrom(
        "application/json; charset=utf-8",
        "application/json; charset=latin1",
        "application/merge-patch+json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
      ),
      fc.stringMatching(PRINTABLE),
    ),
    "x-request-id": fc.stringMatching(PRINTABLE),
    "accept-language": fc.constantFrom("en", "zh-CN", "zh-CN,zh;q=0.9", "*", "xx-YY;q=abc"),
    "if-match": fc.stringMatching(PRINTABLE),
    accept: fc.constantFrom("application/json", "*/*", "text/html"),
  },
  { requiredKeys: [] },
);

const requestCase = fc.record({
  method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"),
  path,
  query,
  headers,
  body,
});

/** Database error text the client must never see, whatever it sent. */
const DATABASE_TEXT =
  /relation "|syntax error at|violates|SQLSTATE|invalid input syntax|pg_catalog/i;

describe.each(testDatabases())("random requests against the running server on $name", (target) => {
  const ctx = useSampleServer(target);

  it("never answers 500, and every error has the one shape with the response's request id", async () => {
    await fc.assert(
      fc.asyncProperty(requestCase, async (sent) => {
        const res = await ctx.fetch(`${ctx.server.url}${sent.path}${sent.query}`, {
          method: sent.method,
          headers: sent.headers,
          body: sent.method === "GET" ? undefined : sent.body,
        });
        const text = await res.text();
        expect(res.status).toBeLessThan(500);
        expect(text).not.toMatch(DATABASE_TEXT);
        if (res.status >= 400) {
          const error = JSON.parse(text);
          expect(error).toMatchObject({
            code: expect.any(String),
            message: expect.any(String),
            details: expect.any(Array),
            requestId: res.headers.get("x-request-id"),
          });
        }
      }),
      { numRuns: 200 },
    );
  });
});
