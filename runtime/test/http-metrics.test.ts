import { Router } from "express";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import type { DatabaseStats } from "../src/server/database-stats.ts";
import { createHttpApp } from "../src/server/http-app.ts";
import { buildLiveApp, LiveAppHolder } from "../src/server/live-app.ts";
import { authed, signIn } from "./support/auth.ts";
import { openTestPglite, testDatabases } from "./support/databases.ts";

const logger = pino({ level: "silent" });

function appOn(db: Database) {
  const router = Router();
  router.get("/api/data/:entity/:id", (req, res) => {
    res.json({ entity: req.params.entity, id: req.params.id });
  });
  const holder = new LiveAppHolder(buildLiveApp(null, db));
  holder.swap({ revision: null, model: null, router, workflow: null });
  return createHttpApp(holder, db, logger);
}

/** The value of one sample line of the exposition text, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text.split("\n").find((l) => {
    if (!l.startsWith(`${name}{`)) return false;
    const braces = l.slice(name.length + 1, l.lastIndexOf("}"));
    return Object.entries(labels).every(([k, v]) => braces.split(",").includes(`${k}="${v}"`));
  });
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

describe.each(testDatabases())("/metrics on $name", (target) => {
  let db: Database & { dispose(): Promise<void> };
  let token: string;
  beforeAll(async () => {
    db = await target.open();
    token = (await signIn(db)).token;
  });
  afterAll(() => db?.dispose());

  it("counts requests under their route pattern, never the raw URL, with a latency histogram", async () => {
    const app = appOn(db);
    await authed(app, token).get("/api/data/sales_order/0b9f3b7e-1").expect(200);
    await authed(app, token).get("/api/data/customer/42").expect(200);
    await authed(app, token).get("/no/such/route").expect(404);
    const res = await authed(app, token).get("/metrics");

    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    const route = "/api/data/:entity/:id";
    expect(sample(res.text, "http_requests_total", { method: "GET", route, status: "200" })).toBe(
      2,
    );
    expect(sample(res.text, "http_requests_total", { route: "unmatched", status: "404" })).toBe(1);
    expect(sample(res.text, "http_request_duration_seconds_count", { method: "GET", route })).toBe(
      2,
    );
    expect(sample(res.text, "http_request_duration_seconds_bucket", { route, le: "+Inf" })).toBe(2);
    expect(res.text).not.toContain("sales_order");
    expect(res.text).not.toContain("/no/such/route");
  });

  it("exposes process metrics and the database kind", async () => {
    const { text } = await authed(appOn(db), token).get("/metrics");
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).toContain("nodejs_eventloop_lag_seconds");
    expect(sample(text, "loom_db_info", { kind: target.name })).toBe(1);
  });

  it("reads the pool of a server database at scrape time, and leaves PGlite's queue alone", async () => {
    const { text } = await authed(appOn(db), token).get("/metrics");
    const idle = sample(text, "loom_db_pool", { state: "idle" });
    if (target.name === "postgres") {
      expect(idle).toBeGreaterThanOrEqual(0);
      expect(sample(text, "loom_db_pool", { state: "active" })).toBe(0);
      expect(sample(text, "loom_db_pool", { state: "waiting" })).toBe(0);
    } else {
      expect(idle).toBeUndefined();
    }
  });

  it("keeps separate counts for two apps in one process", async () => {
    const first = appOn(db);
    const second = appOn(db);
    await authed(first, token).get("/api/data/item/1");
    const { text } = await authed(second, token).get("/metrics");
    expect(sample(text, "http_requests_total", { route: "/api/data/:entity/:id" })).toBeUndefined();
  });
});

describe("/metrics with a gateway that reports its own stats", () => {
  it("shows the gateway's figures", async () => {
    const stats: DatabaseStats = { kind: "pglite", active: 1, idle: 0, waiting: 7 };
    const real = await openTestPglite();
    try {
      // the real gateway answers the sign-in lookup; the stats are the ones under test
      const db: Database & { stats(): DatabaseStats } = { ...real, stats: () => stats };
      const { token } = await signIn(real);
      const { text } = await authed(appOn(db), token).get("/metrics");
      expect(sample(text, "loom_db_pool", { state: "active" })).toBe(1);
      expect(sample(text, "loom_db_pool", { state: "waiting" })).toBe(7);
    } finally {
      await real.dispose();
    }
  });
});
