import http from "node:http";
import { Writable } from "node:stream";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { EXPORT_MAX_ROWS } from "../src/api/export-csv.ts";
import type { Database } from "../src/db/database.ts";
import { signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";
import { useSampleServer } from "./support/sample-app.ts";

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Every log line the server writes, as JSON text. */
function capturedLogger() {
  const lines: string[] = [];
  const logger = pino(
    { level: "info" },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString("utf8"));
        done();
      },
    }),
  );
  return { logger, lines };
}

/** Fails with `what` instead of hanging when the database stays busy. */
async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resolves once no other session of this database is inside a transaction: an export that has
 * stopped has committed its snapshot. On PGlite, a single session, the query itself only runs
 * once the export has let go of the database.
 */
async function databaseFree(db: Database): Promise<void> {
  for (;;) {
    const busy = await db.run(async (k) => {
      const { rows } = await k.raw(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
      );
      return (rows as { n: number }[])[0]!.n;
    });
    if (busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts an export and, on the first chunk of its body, drops the connection or stops reading
 * (leaving the request open for the caller to end).
 */
function firstChunk(
  url: string,
  token: string,
  then: "drop" | "stall",
): Promise<{ request: http.ClientRequest; response: http.IncomingMessage; chunk: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.once("data", (chunk: Buffer) => {
        if (then === "drop") request.destroy();
        else response.pause();
        resolve({ request, response, chunk });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

describe.each(testDatabases())("CSV export of large selections on $name", (target) => {
  const log = capturedLogger();
  const ctx = useSampleServer(target, { logger: log.logger });
  const UNITS = EXPORT_MAX_ROWS + 1;
  // every unit but the first: exactly the cap
  const AT_CAP = `where=${encodeURIComponent(JSON.stringify({ "!=": [{ var: "code" }, "U000001"] }))}`;
  // 20 MB of CSV: more than the sockets between server and client hold
  const FAT_ORDERS = 10_000;
  let token: string;

  beforeAll(async () => {
    await ctx.db.transaction(async (tx) => {
      await tx.raw(
        `INSERT INTO app.unit (id, code, name, decimals)
         SELECT gen_random_uuid(), 'U' || lpad(n::text, 6, '0'), 'Unit ' || n, 0
         FROM generate_series(1, ${UNITS}) n`,
      );
      await tx.raw(
        `WITH c AS (
           INSERT INTO app.customer (id, code, name, customer_type, credit_limit, is_active)
           VALUES (gen_random_uuid(), 'C1', 'Acme', 'company', 5000, true) RETURNING id)
         INSERT INTO app.sales_order (id, order_no, customer, order_date, delivery_date, status,
           currency, exchange_rate, sales_person, remark)
         SELECT gen_random_uuid(), 'SO-' || n, c.id, '2026-03-01', '2026-04-01', 'draft', 'CNY', 1,
           'bulk', repeat('x', 2000)
         FROM generate_series(1, ${FAT_ORDERS}) n, c`,
      );
    });
    ({ token } = await signIn(ctx.db));
  });

  it("refuses an export over the row cap with 422 and a JSON error, before any CSV", async () => {
    const res = await ctx.fetch(`${ctx.server.url}/api/data/unit/export.csv?fields=code`);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-disposition")).toBeNull();
    expect(await res.json()).toMatchObject({
      code: "export-too-large",
      message: `the export would hold ${UNITS} rows, more than ${EXPORT_MAX_ROWS}; narrow the filter`,
      details: [
        { path: "/query/where", message: `at most ${EXPORT_MAX_ROWS} rows export at once` },
      ],
    });
  });

  it("exports a selection of exactly the cap", async () => {
    const res = await ctx.fetch(`${ctx.server.url}/api/data/unit/export.csv?fields=code&${AT_CAP}`);
    expect(res.status).toBe(200);
    const [header, ...rows] = (await res.text()).trimEnd().split("\n");
    expect(header).toBe("Code");
    expect(rows).toHaveLength(EXPORT_MAX_ROWS);
    expect(new Set(rows).size).toBe(EXPORT_MAX_ROWS);
    expect(rows).not.toContain("U000001");
  });

  it("lets go of the database when the client disconnects mid-export, logging no secret", async () => {
    const url = `${ctx.server.url}/api/data/unit/export.csv?${AT_CAP}`;
    const { chunk } = await firstChunk(url, token, "drop");
    expect(chunk.subarray(0, 3).equals(BOM)).toBe(true);
    await within(5000, "the export still holds the database", databaseFree(ctx.db));
    const next = await within(
      5000,
      "the next request",
      ctx.fetch(`${ctx.server.url}/api/data/unit/export.csv?fields=code&code=U000001`),
    );
    expect(Buffer.from(await next.arrayBuffer()).toString("utf8")).toBe("\uFEFFCode\nU000001\n");
    const aborted = log.lines.filter((line) => line.includes('"msg":"request aborted"'));
    expect(aborted).toHaveLength(1);
    expect(aborted[0]).toContain("/export.csv");
    expect(log.lines.join("")).not.toContain(token);
    expect(log.lines.filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
  });

  it("reads the whole selection while a client stalls, so a slow download holds no database", async () => {
    const url = `${ctx.server.url}/api/data/sales_order/export.csv?fields=order_no,remark`;
    const { request, response, chunk } = await firstChunk(url, token, "stall");
    try {
      await within(10_000, "the stalled export still holds the database", databaseFree(ctx.db));
      // the download then completes: a header and every order, on lines of their own
      let lines = 0;
      const count = (part: Buffer): void => {
        for (const byte of part) if (byte === 0x0a) lines++;
      };
      count(chunk);
      response.on("data", count);
      response.resume();
      await new Promise((resolve) => response.once("end", resolve));
      expect(lines).toBe(FAT_ORDERS + 1);
    } finally {
      request.destroy();
    }
  });
});
