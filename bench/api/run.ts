/**
 * bench/api — the generated data API against a hand-written express + SQL floor on the same
 * database and data: get-by-id, a filtered sorted list of 50 and create, then the time and SQL
 * statements of saving one sales order with 51 lines. Prints a table, then one JSON line of figures.
 *
 *   npm run bench:api                        (PGlite in a temp folder)
 *   DATABASE_URL=postgres://… npm run bench:api   (a fresh database on that server instead)
 *   BENCH_SECONDS, BENCH_ROUNDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS, BENCH_ORDERS override the defaults.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Knex } from "knex";
import pg from "pg";
import pino from "pino";
import type { Database } from "../../runtime/src/db/database.ts";
import { startServer } from "../../runtime/src/server/start-server.ts";
import { testDatabases } from "../../runtime/test/support/databases.ts";
import { envNumber, machineRow, printTable, type Row, round, signIn } from "../support/report.ts";
import { recordStatements, type Statement, statementKinds } from "../support/statements.ts";
import { gatewaySql, handwrittenApp, LIST_ORDERS, poolSql, type Sql } from "./handwritten-app.ts";
import { type LoadResult, runLoad } from "./load.ts";
import { LIST_INDEX_SQL, seedDatabase } from "./seed.ts";

const ORDERS = envNumber("BENCH_ORDERS", 100_000);
const SECONDS = envNumber("BENCH_SECONDS", 5);
const ROUNDS = envNumber("BENCH_ROUNDS", 5);
const WARMUP_SECONDS = envNumber("BENCH_WARMUP_SECONDS", 3);
const CONNECTIONS = envNumber("BENCH_CONNECTIONS", 10);
const POOL_SIZE = 10; // the gateway's pool on a server
const LIST_FROM = "2025-06-01";
const WARM = 30;
const MEASURED = 11;
const TARGETS = { get: 0.8, list: 0.8, create: 0.7 };

const rows: Row[] = [];
const figures: Record<string, number | string> = {};

const serverUrl = process.env.DATABASE_URL;
const target = testDatabases().find((d) => d.name === (serverUrl ? "postgres" : "pglite"))!;
const db = await target.open();
const closers: (() => Promise<void>)[] = [() => db.dispose()];
try {
  await bench(db);
} finally {
  for (const close of closers.reverse()) await close();
}
printTable(rows);
console.log(JSON.stringify(figures));

async function bench(db: Database & { dispose(): Promise<void> }) {
  const seedStart = performance.now();
  const seeded = await seedDatabase(db, ORDERS);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const version = await db.run(
    async (k) => (await k.raw("SHOW server_version")).rows[0].server_version as string,
  );
  figures.database = db.kind;
  figures.rows = seeded.orders;
  figures.lines = seeded.lines;
  figures.connections = CONNECTIONS;
  figures.seconds = SECONDS;
  rows.push(
    machineRow(),
    [
      "database",
      db.kind === "pglite"
        ? `PGlite (PostgreSQL ${version}), temp data folder`
        : `PostgreSQL ${version} server, fresh database`,
      db.kind === "pglite" ? "one session: requests queue" : `pool of ${POOL_SIZE} on both sides`,
    ],
    [
      "data",
      `${seeded.orders.toLocaleString("en")} sales orders, ${seeded.lines.toLocaleString("en")} lines`,
      `installed + seeded in ${seedSeconds.toFixed(1)} s`,
    ],
    ["extra index (both sides)", LIST_INDEX_SQL.replace(/^CREATE INDEX /, ""), "for the list"],
    [
      "load",
      `autocannon, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per side, sides in turn`,
      `${WARMUP_SECONDS} s warm-up per side first; own worker thread; median round shown`,
    ],
  );

  const generated = await startServer({
    db,
    logger: pino({ level: "silent" }),
    port: 0,
    host: "127.0.0.1",
    samples: [],
    announce: () => undefined,
  });
  closers.push(() => generated.close());
  // the generated side is called as a signed-in user would call it: a bearer token per request
  const bearer = await signIn(db, generated.url);
  const handwritten = await listen(handwrittenApp(await handwrittenSql(db)));
  closers.push(() => closeServer(handwritten.server));

  const orderIds = await db.run(
    async (k) =>
      (await k.raw("SELECT id FROM app.sales_order ORDER BY random() LIMIT 1000")).rows.map(
        (row: { id: string }) => row.id,
      ) as string[],
  );
  const where = JSON.stringify({
    and: [{ "==": [{ var: "status" }, "submitted"] }, { ">=": [{ var: "order_date" }, LIST_FROM] }],
  });
  const orderBody = (lineCount: number) =>
    JSON.stringify({
      customer: seeded.customerIds[7],
      delivery_date: "2099-12-31",
      lines: Array.from({ length: lineCount }, (_, i) => ({
        item: seeded.itemIds[i % seeded.itemIds.length],
        qty: 1 + (i % 5),
        unit_price: 10 + i,
      })),
    });
  const endpoints = {
    get: {
      label: "GET order by id + lines",
      method: "GET",
      generated: orderIds.map((id) => `/api/data/sales_order/${id}`),
      handwritten: orderIds.map((id) => `/orders/${id}`),
    },
    list: {
      label: "GET list, filtered + sorted, 50",
      method: "GET",
      generated: [
        `/api/data/sales_order?where=${encodeURIComponent(where)}&sort=-order_date&limit=50`,
      ],
      handwritten: [`/orders?status=submitted&from=${LIST_FROM}`],
    },
    create: {
      label: "POST order with 2 lines",
      method: "POST",
      generated: ["/api/data/sales_order"],
      handwritten: ["/orders"],
      body: orderBody(2),
    },
  } as const;

  await checkSameList(generated.url, handwritten.url, endpoints.list, bearer);
  const listIndex = await listUsesIndex(db, generated.url, endpoints.list.generated[0], bearer);
  rows.push([
    "list read in index order",
    listIndex,
    "EXPLAIN of both queries: index scan, no sort",
  ]);

  const order51 = await saveOrder51(db, generated.url, orderBody(51), bearer);
  figures.order51_ms = round(order51.ms, 1);
  figures.order51_statements = order51.statements;
  rows.push([
    "save 1 sales order with 51 lines (generated)",
    `${round(order51.ms, 1)} ms, ${order51.statements} SQL statements`,
    `median of ${MEASURED} after ${WARM} warm-up saves, over HTTP; target < 20 ms`,
  ]);
  rows.push(["  its statements (BEGIN/COMMIT included)", order51.kinds, ""]);

  // counted one request at a time, before any load leaves requests queued behind it
  const perRequest: Record<string, Statement[]> = {};
  for (const [key, endpoint] of Object.entries(endpoints)) {
    const body = "body" in endpoint ? endpoint.body : undefined;
    perRequest[key] = (
      await recordStatements(db, async () => {
        const response = await fetch(new URL(endpoint.generated[0]!, generated.url), {
          method: endpoint.method,
          headers: { ...bearer, "content-type": "application/json" },
          body: body ?? null,
        });
        await response.arrayBuffer();
      })
    ).statements;
  }

  const generatedSide = (paths: readonly string[], headers = bearer): Side => ({
    url: generated.url,
    paths,
    headers,
  });
  for (const [key, endpoint] of Object.entries(endpoints)) {
    const body = "body" in endpoint ? endpoint.body : undefined;
    const {
      a: gen,
      b: hand,
      ratio,
      ratios,
    } = await compare(db, endpoint.method, body, generatedSide(endpoint.generated), {
      url: handwritten.url,
      paths: endpoint.handwritten,
      headers: bearer,
    });
    figures[`${key}_round_ratios`] = ratios;
    const statements = perRequest[key]!;
    figures[`${key}_ratio`] = round(ratio, 2);
    record(`${key}_generated`, gen);
    record(`${key}_handwritten`, hand);
    figures[`${key}_generated_statements`] = statements.length;
    rows.push(
      [
        `${endpoint.label} — generated`,
        describe(gen),
        `${statements.length} SQL: ${statementKinds(statements)}`,
      ],
      [`${endpoint.label} — hand-written`, describe(hand), ""],
      [
        `${endpoint.label} — ratio`,
        `${round(ratio, 2)}×`,
        `target ≥ ${TARGETS[key as keyof typeof TARGETS]}×`,
      ],
    );
  }

  // the same reads as a sales manager, whose row scope (their department) joins every query
  const manager = await signIn(db, generated.url, "bench_manager", ["sales_manager"], {
    department: "domestic",
  });
  const domesticIds = await db.run(
    async (k) =>
      (
        await k.raw(
          "SELECT id FROM app.sales_order WHERE department = 'domestic' ORDER BY random() LIMIT 1000",
        )
      ).rows.map((row: { id: string }) => `/api/data/sales_order/${row.id}`) as string[],
  );
  for (const [key, paths] of [
    ["get", domesticIds],
    ["list", endpoints.list.generated],
  ] as const) {
    const {
      a: scoped,
      b: admin,
      ratio,
      ratios,
    } = await compare(db, "GET", undefined, generatedSide(paths, manager), generatedSide(paths));
    figures[`scoped_${key}_round_ratios`] = ratios;
    figures[`scoped_${key}_ratio`] = round(ratio, 2);
    record(`scoped_${key}`, scoped);
    record(`admin_${key}`, admin);
    rows.push(
      [`${endpoints[key].label} — sales manager (scoped)`, describe(scoped), "department = mine"],
      [`${endpoints[key].label} — admin (no scope)`, describe(admin), ""],
      [`${endpoints[key].label} — scoped ÷ admin`, `${round(ratio, 2)}×`, "target ≥ 0.8×"],
    );
  }
}

/** Where one side of a comparison sends its requests. */
interface Side {
  url: string;
  paths: readonly string[];
  headers: Readonly<Record<string, string>>;
}

/**
 * Side a against side b: a warm-up of each, then, since a shared machine's speed drifts from
 * second to second, short runs of both in turn, each round starting with the other side; the
 * round with the median ratio (a ÷ b requests/s) is reported, with every round's ratio.
 */
async function compare(
  db: Database,
  method: "GET" | "POST",
  body: string | undefined,
  a: Side,
  b: Side,
): Promise<{ a: LoadResult; b: LoadResult; ratio: number; ratios: string }> {
  const load = async (side: Side, seconds: number) => {
    const result = await runLoad({
      ...side,
      method,
      connections: CONNECTIONS,
      seconds,
      ...(body === undefined ? {} : { body }),
    });
    await settle(db);
    return result;
  };
  if (WARMUP_SECONDS > 0) {
    await load(a, WARMUP_SECONDS);
    await load(b, WARMUP_SECONDS);
  }
  const rounds: { a: LoadResult; b: LoadResult; ratio: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const aFirst = round % 2 === 0;
    const first = await load(aFirst ? a : b, SECONDS);
    const second = await load(aFirst ? b : a, SECONDS);
    const [ra, rb] = aFirst ? [first, second] : [second, first];
    rounds.push({ a: ra, b: rb, ratio: ra.rps / rb.rps });
  }
  rounds.sort((x, y) => x.ratio - y.ratio);
  return {
    ...rounds[Math.floor(rounds.length / 2)]!,
    ratios: rounds.map((r) => round(r.ratio, 2)).join(" "),
  };
}

/**
 * Lets the requests a load run left in flight finish before the next run starts (on PGlite they
 * wait in the gateway's queue: one empty turn comes after all of them).
 */
async function settle(db: Database): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 200));
  await db.run(async () => undefined);
}

/** Median time and statement count of creates of a 51-line order over HTTP, after unmeasured ones. */
async function saveOrder51(
  db: Database,
  url: string,
  body: string,
  headers: Readonly<Record<string, string>>,
): Promise<{ ms: number; statements: number; kinds: string }> {
  const samples: { ms: number; statements: Statement[] }[] = [];
  // unmeasured saves first: a route's first requests prepare statements and get compiled by V8
  for (let i = 0; i < WARM + MEASURED; i++) {
    samples.push(
      await recordStatements(db, async () => {
        const response = await fetch(new URL("/api/data/sales_order", url), {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body,
        });
        const stored = (await response.json()) as { lines?: unknown[] };
        if (response.status !== 201 || stored.lines?.length !== 51)
          throw new Error(`51-line order: ${response.status} ${JSON.stringify(stored)}`);
      }),
    );
  }
  samples.splice(0, WARM);
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    ms: median(samples.map((s) => s.ms)),
    statements: median(samples.map((s) => s.statements.length)),
    kinds: statementKinds(samples[0]!.statements),
  };
}

/** Both list endpoints must return the same 50 orders, or the comparison is meaningless. */
async function checkSameList(
  generatedUrl: string,
  handwrittenUrl: string,
  list: { generated: readonly string[]; handwritten: readonly string[] },
  headers: Readonly<Record<string, string>>,
): Promise<void> {
  const ids = async (url: string, path: string) => {
    const response = await fetch(new URL(path, url), { headers });
    const page = (await response.json()) as { data: { id: string }[] };
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    return page.data.map((row) => row.id).join(",");
  };
  const [a, b] = [
    await ids(generatedUrl, list.generated[0]!),
    await ids(handwrittenUrl, list.handwritten[0]!),
  ];
  if (a !== b || a.split(",").length !== 50)
    throw new Error("the generated and hand-written lists do not return the same 50 orders");
}

/** Whether the plans of both list queries read the bench index in order (no sort step). */
async function listUsesIndex(
  db: Database,
  url: string,
  path: string,
  headers: Readonly<Record<string, string>>,
): Promise<string> {
  const { statements } = await recordStatements(db, async () => {
    await (await fetch(new URL(path, url), { headers })).arrayBuffer();
  });
  const listQuery = statements.find((s) => /ORDER BY/.test(s.sql));
  if (!listQuery) throw new Error("no list query seen");
  const uses = async (sql: string, bindings: readonly Knex.RawBinding[]) =>
    db.run(async (k) => {
      const plan = (await k.raw(`EXPLAIN ${sql}`, [...bindings])).rows
        .map((row: Record<string, string>) => row["QUERY PLAN"])
        .join("\n");
      return plan.includes("bench_sales_order_status_date") && !/\bSort\b/.test(plan)
        ? "yes"
        : `NO (${plan.replace(/\s*\n\s*/g, " / ")})`;
    });
  // knex reports the SQL with its bindings already numbered ($1…), in order
  const generated = await uses(listQuery.sql.replace(/\$\d+/g, "?"), listQuery.bindings);
  const handwritten = await uses(LIST_ORDERS, ["submitted", LIST_FROM]);
  return `generated: ${generated}, hand-written: ${handwritten}`;
}

/** The same gateway on PGlite (one session); on a server, a pg.Pool on the same fresh database. */
async function handwrittenSql(db: Database): Promise<Sql> {
  if (db.kind === "pglite" || !serverUrl) return gatewaySql(db);
  const name = await db.run(
    async (k) => (await k.raw("SELECT current_database() AS name")).rows[0].name as string,
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: POOL_SIZE });
  closers.push(() => pool.end());
  return poolSql(pool);
}

function listen(app: import("express").Express): Promise<{ url: string; server: Server }> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, "127.0.0.1");
    server.once("error", reject);
    server.once("listening", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, server });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}

function record(prefix: string, result: LoadResult) {
  figures[`${prefix}_rps`] = round(result.rps, 0);
  figures[`${prefix}_p50_ms`] = result.p50;
  figures[`${prefix}_p99_ms`] = result.p99;
}

function describe(result: LoadResult): string {
  return `${round(result.rps, 0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`;
}
