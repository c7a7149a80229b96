import { Router } from "express";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { createHttpApp } from "../src/server/http-app.ts";
import { HttpError } from "../src/server/http-error.ts";
import { buildLiveApp, LiveAppHolder } from "../src/server/live-app.ts";
import { authed, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(testDatabases())("request ids and response headers on $name", (target) => {
  let db: Database & { dispose(): Promise<void> };
  let token: string;
  const logLines: string[] = [];
  let app: ReturnType<typeof createHttpApp>;

  beforeAll(async () => {
    db = await target.open();
    token = (await signIn(db)).token;
    const logger = pino({ level: "info" }, { write: (line: string) => logLines.push(line) });
    const router = Router();
    router.get("/logs-twice", (req, res) => {
      req.log.info("inside the handler");
      res.json({ ok: true });
    });
    router.get("/api/versioned", (_req, res) => {
      res.set("ETag", '"3"').json({ version: 3 });
    });
    router.get("/refused", () => {
      throw new HttpError(400, "bad-thing", "no");
    });
    const holder = new LiveAppHolder(buildLiveApp(null, db));
    holder.swap({ revision: null, model: null, router, workflow: null });
    app = createHttpApp(holder, db, logger);
  });
  afterAll(() => db?.dispose());

  it("echoes a sane incoming X-Request-Id on the response, in error bodies and in every log line", async () => {
    const id = "edge-proxy.42_abc-DEF";
    const ok = await authed(app, token).get("/logs-twice").set("X-Request-Id", id);
    expect(ok.headers["x-request-id"]).toBe(id);
    const lines = logLines.map((line) => JSON.parse(line)).filter((l) => l.req?.id === id);
    expect(lines.map((l) => l.msg)).toEqual(["inside the handler", "request completed"]);

    const refused = await authed(app, token).get("/refused").set("X-Request-Id", id);
    expect(refused.headers["x-request-id"]).toBe(id);
    expect(refused.body.requestId).toBe(id);
  });

  it("replaces an incoming X-Request-Id that is too long or has other characters", async () => {
    for (const evil of ["a".repeat(101), "id with spaces", '"},"admin":true', "<script>", "ä"]) {
      const res = await authed(app, token).get("/refused").set("X-Request-Id", encodeURI(evil));
      expect(res.headers["x-request-id"]).toMatch(UUID);
      expect(res.body.requestId).toBe(res.headers["x-request-id"]);
    }
    const exactly100 = "b".repeat(100);
    const kept = await authed(app, token).get("/refused").set("X-Request-Id", exactly100);
    expect(kept.headers["x-request-id"]).toBe(exactly100);
  });

  it("gives every request without an id a fresh one", async () => {
    const first = await authed(app, token).get("/nowhere");
    const second = await authed(app, token).get("/nowhere");
    expect(first.headers["x-request-id"]).toMatch(UUID);
    expect(second.headers["x-request-id"]).toMatch(UUID);
    expect(first.headers["x-request-id"]).not.toBe(second.headers["x-request-id"]);
  });

  it("sets helmet's security headers and no X-Powered-By", async () => {
    for (const path of ["/health", "/nowhere", "/logs-twice"]) {
      const res = await authed(app, token).get(path);
      expect(res.headers["x-powered-by"]).toBeUndefined();
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
      expect(res.headers["strict-transport-security"]).toMatch(/max-age=/);
      expect(res.headers["content-security-policy"]).toMatch(/default-src 'self'/);
    }
  });

  it("never lets an API answer be cached or answered 304, whatever validators the client sends", async () => {
    // the ETag is the record's version (for If-Match): the same version reads differently for
    // another user or after a publish, so a cached copy could show hidden or dropped fields
    const res = await authed(app, token)
      .get("/api/versioned")
      .set("If-None-Match", '"3"')
      .set("If-Modified-Since", new Date().toUTCString());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ version: 3 });
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers.etag).toBe('"3"');
    const outside = await authed(app, token).get("/logs-twice").set("If-None-Match", "x");
    expect(outside.headers["cache-control"]).toBeUndefined();
  });
});
