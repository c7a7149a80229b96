/**
 * bench/workflow — workflow transitions per second through the HTTP API, as users make them:
 * requests that go submit → approve (finance) → approve (legal), a countersign in mode `all`, each
 * transition one authenticated POST that locks the instance, settles tasks, moves the record,
 * creates the next tasks and writes the history in one transaction. Runs on PGlite, then on the
 * PostgreSQL server when DATABASE_URL is set. Prints a table, then one JSON line of figures.
 *
 *   npm run bench:workflow
 *   BENCH_REQUESTS (default 2000), BENCH_CONNECTIONS (default 10) override the defaults.
 */
import { Worker } from "node:worker_threads";
import pino from "pino";
import type { Database } from "../../runtime/src/db/database.ts";
import { startServer } from "../../runtime/src/server/start-server.ts";
import { approvalsPackage } from "../../runtime/test/support/approvals-package.ts";
import { testDatabases } from "../../runtime/test/support/databases.ts";
import { envNumber, machineRow, printTable, type Row, round, signIn } from "../support/report.ts";
import { recordStatements, statementKinds } from "../support/statements.ts";

const REQUESTS = envNumber("BENCH_REQUESTS", 2000);
const CONNECTIONS = envNumber("BENCH_CONNECTIONS", 10);
const WARM = 30;
const TARGET_PG = 500;

const rows: Row[] = [machineRow()];
const figures: Record<string, number | string | null> = {
  requests: REQUESTS,
  connections: CONNECTIONS,
  transitions_per_s_pg: null,
  transitions_per_s_pglite: null,
};

for (const target of testDatabases()) {
  const db = await target.open();
  try {
    const perSecond = await bench(db);
    const key = db.kind === "pglite" ? "transitions_per_s_pglite" : "transitions_per_s_pg";
    figures[key] = round(perSecond, 0);
  } finally {
    await db.dispose();
  }
}
if (figures.transitions_per_s_pg === null)
  rows.push(["PostgreSQL server", "not measured", "set DATABASE_URL to measure it"]);
printTable(rows);
console.log(JSON.stringify(figures));

async function bench(db: Database): Promise<number> {
  const server = await startServer({
    db,
    logger: pino({ level: "silent" }),
    port: 0,
    host: "127.0.0.1",
    samples: [approvalsPackage()],
    announce: () => undefined,
    jobs: "manual",
  });
  try {
    const staff = await signIn(db, server.url, "ann", ["staff"]);
    const finance = await signIn(db, server.url, "fin", ["finance"]);
    const legal = await signIn(db, server.url, "law", ["legal"]);
    const post = async (path: string, headers: Record<string, string>, body?: unknown) => {
      const res = await fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify(body ?? {}),
      });
      const answer = (await res.json()) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(answer)}`);
      return answer;
    };
    const create = async () =>
      (
        await post("/api/data/request", staff, {
          title: "Bench contract",
          amount: 5000,
          requester: "ann",
          contract: true,
        })
      ).id as string;
    const steps = [
      { action: "submit", by: staff },
      { action: "approve", by: finance, body: { comment: "ok" } },
      { action: "approve", by: legal },
    ];
    const approveAll = async (id: string) => {
      let last: Record<string, unknown> = {};
      for (const { action, by, body } of steps)
        last = await post(`/api/workflow/request/${id}/actions/${action}`, by, body);
      if ((last.record as Record<string, unknown>).status !== "approved")
        throw new Error(`request ${id} did not end approved`);
    };

    const warm = await Promise.all(Array.from({ length: WARM }, create));
    for (const id of warm) await approveAll(id);
    // one request's three transitions, one at a time, statement by statement
    const counted = await create();
    const counts: number[] = [];
    for (const { action, by, body } of steps) {
      const { statements } = await recordStatements(db, async () => {
        await post(`/api/workflow/request/${counted}/actions/${action}`, by, body);
      });
      rows.push([
        `  ${action} (${db.kind}): ${statements.length} SQL statements`,
        statementKinds(statements),
        "auth lookup included",
      ]);
      counts.push(statements.length);
    }
    figures[`statements_per_transition_${db.kind}`] = counts.join(" ");
    const ids: string[] = [];
    for (let i = 0; i < REQUESTS; i++) ids.push(await create());

    const seconds = await drive({
      url: server.url,
      entity: "request",
      ids,
      connections: CONNECTIONS,
      steps: steps.map(({ action, by, body }) => ({ action, headers: by, body })),
    });
    const perSecond = (3 * REQUESTS) / seconds;
    const where = db.kind === "pglite" ? "PGlite (one session)" : "PostgreSQL server";
    rows.push([
      `transitions/s — ${where}`,
      `${round(perSecond, 0)} (${3 * REQUESTS} in ${seconds.toFixed(2)} s)`,
      `${REQUESTS} requests × submit → approve → approve over HTTP, ${CONNECTIONS} at a time from a worker thread${db.kind === "postgres" ? `; target ≥ ${TARGET_PG}` : ""}`,
    ]);
    return perSecond;
  } finally {
    await server.close();
  }
}

/** Runs the requests through their steps on a worker thread; the seconds it took. */
function drive(spec: {
  url: string;
  entity: string;
  ids: readonly string[];
  connections: number;
  steps: readonly { action: string; headers: Record<string, string>; body?: unknown }[];
}): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./drive-worker.js", import.meta.url), { workerData: spec });
    worker.once("message", (done: { seconds: number }) => resolve(done.seconds));
    worker.once("error", reject);
  });
}
