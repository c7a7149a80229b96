import type { Request, RequestHandler } from "express";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { readDatabaseStats, type StatsSource } from "./database-stats.ts";

export const UNMATCHED_ROUTE = "unmatched";

export interface HttpMetrics {
  /** this app's metrics only: several apps in one process (tests) keep separate counts */
  readonly registry: Registry;
  /** first middleware: times every request and counts it under its route pattern */
  readonly track: RequestHandler;
  /** `GET /metrics` in the Prometheus text format */
  readonly serve: RequestHandler;
}

export function createHttpMetrics(db: StatsSource): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: "http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status",
    labelNames: ["method", "route", "status"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "Time from receiving a request to the end of its response, by method and route pattern",
    labelNames: ["method", "route"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: "loom_db_info",
    help: "The kind of database this server runs on (always 1)",
    labelNames: ["kind"],
    registers: [registry],
  }).set({ kind: db.kind }, 1);
  new Gauge({
    name: "loom_db_pool",
    help: "Database connections in use (active) and open but unused (idle), and callers waiting for one (waiting)",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const stats = await readDatabaseStats(db).catch(() => null);
      this.reset();
      if (!stats) return;
      this.set({ state: "active" }, stats.active);
      this.set({ state: "idle" }, stats.idle);
      this.set({ state: "waiting" }, stats.waiting);
    },
  });

  // a labelled lookup hashes its values: each method + route (+ status) is looked up once
  const timers = new Map<string, Histogram.Internal<string>>();
  const counters = new Map<string, Counter.Internal>();
  const track: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once("close", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const { method } = req;
      const route = routePattern(req);
      const key = `${method} ${route}`;
      let timer = timers.get(key);
      if (!timer) {
        timer = duration.labels({ method, route });
        timers.set(key, timer);
      }
      timer.observe(seconds);
      const status = String(res.statusCode);
      let counter = counters.get(`${key} ${status}`);
      if (!counter) {
        counter = requests.labels({ method, route, status });
        counters.set(`${key} ${status}`, counter);
      }
      counter.inc();
    });
    next();
  };

  const serve: RequestHandler = async (_req, res) => {
    const text = await registry.metrics();
    res.type(registry.contentType).send(text);
  };

  return { registry, track, serve };
}

/**
 * The pattern of the route that answered (`/api/data/:entity/:id`), never the URL itself, which
 * would make a label value per record. Routers mounted under a path add their mount path, so
 * mount them on fixed prefixes only.
 */
function routePattern(req: Request): string {
  const path: unknown = req.route?.path;
  return typeof path === "string" ? `${req.baseUrl}${path}` : UNMATCHED_ROUTE;
}
