import { Router } from "express";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { createHttpApp } from "../src/server/http-app.ts";
import { buildLiveApp, LiveAppHolder } from "../src/server/live-app.ts";
import { authed, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";

/** An app whose revision routes are `routes`, logging at `level` into the returned lines. */
function appLoggingAt(db: Database, level: string) {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const routes = Router();
  routes.get("/ok", (_req, res) => {
    res.json({ ok: true });
  });
  routes.get("/fails", () => {
    throw new Error("boom");
  });
  routes.get("/logs", (req, res) => {
    req.log.warn("handler line");
    res.json({ id: req.id });
  });
  const holder = new LiveAppHolder(buildLiveApp(null, db));
  holder.swap({ revision: null, model: null, router: routes, workflow: null });
  return { app: createHttpApp(holder, db, logger), lines };
}

describe.each(testDatabases())("request logging above info on $name", (target) => {
  let db: Database & { dispose(): Promise<void> };
  let token: string;
  beforeAll(async () => {
    db = await target.open();
    token = (await signIn(db)).token;
  });
  afterAll(() => db?.dispose());

  it("writes no per-request line for answered requests, yet keeps request ids", async () => {
    const { app, lines } = appLoggingAt(db, "warn");
    const res = await authed(app, token).get("/ok").set("X-Request-Id", "abc-1");
    expect(res.status).toBe(200);
    expect(res.headers["x-request-id"]).toBe("abc-1");
    expect(lines).toEqual([]);
  });

  it("logs a failure with the request it belongs to and its id", async () => {
    const { app, lines } = appLoggingAt(db, "warn");
    const res = await authed(app, token).get("/fails");
    expect(res.status).toBe(500);
    expect(res.body.requestId).toBe(res.headers["x-request-id"]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: "request failed",
      err: { message: "boom" },
      req: { id: res.headers["x-request-id"], method: "GET", url: "/fails" },
    });
  });

  it("gives handlers a logger bound to the request, headers redacted", async () => {
    const { app, lines } = appLoggingAt(db, "warn");
    const res = await authed(app, token).get("/logs").set("Cookie", `loom_session=${token}`);
    expect(res.body.id).toBe(res.headers["x-request-id"]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: "handler line", req: { id: res.body.id } });
    expect(JSON.stringify(lines[0])).not.toContain(token.slice(7));
  });

  it("writes nothing at all when silent", async () => {
    const { app, lines } = appLoggingAt(db, "silent");
    expect((await authed(app, token).get("/fails")).status).toBe(500);
    expect((await authed(app, token).get("/logs")).status).toBe(200);
    expect(lines).toEqual([]);
  });
});
