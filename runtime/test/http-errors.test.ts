import { LoomError } from "@loom/engine";
import { Router } from "express";
import pino from "pino";
import type { Response } from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { createHttpApp } from "../src/server/http-app.ts";
import { HttpError } from "../src/server/http-error.ts";
import { buildLiveApp, LiveAppHolder } from "../src/server/live-app.ts";
import { authed, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const silent = pino({ level: "silent" });

/** A pg error as the driver throws it: everything in it is for the log, nothing for the client. */
function pgLikeError(): Error {
  return Object.assign(new Error('duplicate key value violates unique constraint "secret_idx"'), {
    code: "23505",
    detail: "Key (tax_no)=(TOPSECRET-42) already exists.",
    schema: "app",
    table: "customer_secret",
    constraint: "secret_idx",
  });
}

/** Test-only routes, mounted the way a revision's routes are: through the holder. */
function testRouter(db: Database): Router {
  const router = Router();
  router.post("/echo", (req, res) => {
    res.json({ body: req.body ?? null });
  });
  router.get("/http-error", () => {
    throw new HttpError(
      409,
      "version-conflict",
      "the record changed",
      [{ path: "/version", message: "expected 3" }],
      { currentVersion: 3, requestId: "forged", code: "forged" },
    );
  });
  router.get("/loom-error", () => {
    throw new LoomError("invalid-metadata", "the metadata has problems", [
      { code: "unknown-field", message: "no field qty", path: "/fields/qty" },
      { code: "schema", message: "whole document", file: "entities/item.json" },
    ]);
  });
  router.get("/bad-where", () => {
    throw new LoomError("invalid-expression", "the filter is not valid", [
      { code: "unknown-operator", message: 'unknown operator "nope"', path: "/nope" },
    ]);
  });
  router.get("/step-failed", () => {
    throw new LoomError("step-failed", 'step 1 failed: relation "customer_secret" exists');
  });
  router.get("/pg-like", async () => {
    await Promise.resolve();
    throw pgLikeError();
  });
  router.get("/pg-real", async (_req, res) => {
    res.json(await db.run((knex) => knex.raw('SELECT * FROM "customer_secret_table"')));
  });
  return router;
}

function expectErrorShape(res: Response, status: number, code: string): Record<string, unknown> {
  expect(res.status).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  const requestId = res.headers["x-request-id"];
  expect(requestId).toMatch(UUID);
  expect(res.body).toMatchObject({ code, message: expect.any(String), requestId });
  expect(Array.isArray(res.body.details)).toBe(true);
  for (const detail of res.body.details) {
    expect(detail).toMatchObject({ path: expect.any(String), message: expect.any(String) });
    // besides those two, only which check found it and in which file
    expect(
      Object.keys(detail).filter((key) => !["path", "message", "code", "file"].includes(key)),
    ).toEqual([]);
  }
  return res.body;
}

describe.each(testDatabases())("HTTP errors on $name", (target) => {
  let db: Database & { dispose(): Promise<void> };
  let token: string;
  let logLines: string[];
  let app: ReturnType<typeof createHttpApp>;

  beforeAll(async () => {
    db = await target.open();
    token = (await signIn(db)).token;
  });
  afterAll(() => db?.dispose());
  beforeEach(() => {
    logLines = [];
    const logger = pino({ level: "debug" }, { write: (line: string) => logLines.push(line) });
    const holder = new LiveAppHolder(buildLiveApp(null, db));
    holder.swap({ revision: null, model: null, router: testRouter(db), workflow: null });
    app = createHttpApp(holder, db, logger, { bodyLimit: 2048 });
  });

  it("answers malformed JSON with 400 malformed-json and the parser's position", async () => {
    const res = await authed(app, token)
      .post("/echo")
      .set("Content-Type", "application/json")
      .send('{"a": 1');
    const body = expectErrorShape(res, 400, "malformed-json");
    expect(body.details).toEqual([{ path: "", message: expect.stringMatching(/position 7/) }]);
  });

  it("accepts JSON and +json bodies", async () => {
    const plain = await authed(app, token).post("/echo").send({ qty: 2 });
    expect(plain.status).toBe(200);
    expect(plain.body).toEqual({ body: { qty: 2 } });
    const patch = await authed(app, token)
      .post("/echo")
      .set("Content-Type", "application/merge-patch+json")
      .send('{"qty":3}');
    expect(patch.body).toEqual({ body: { qty: 3 } });
  });

  it("answers a body over the configured limit with 413 body-too-large", async () => {
    const res = await authed(app, token)
      .post("/echo")
      .send({ text: "x".repeat(4096) });
    const body = expectErrorShape(res, 413, "body-too-large");
    expect(body.message).toBe("the request body is larger than the 2048 bytes accepted");
  });

  it("limits bodies to 1 MB by default", async () => {
    const holder = new LiveAppHolder(buildLiveApp(null, db));
    holder.swap({ revision: null, model: null, router: testRouter(db), workflow: null });
    const defaults = createHttpApp(holder, db, silent);
    const small = await authed(defaults, token)
      .post("/echo")
      .send({ text: "x".repeat(900_000) });
    expect(small.status).toBe(200);
    const large = await authed(defaults, token)
      .post("/echo")
      .send({ text: "x".repeat(1_100_000) });
    expectErrorShape(large, 413, "body-too-large");
  });

  it("answers a non-JSON body with 415 unsupported-media-type", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded"]) {
      const res = await authed(app, token).post("/echo").set("Content-Type", type).send("a=1");
      const body = expectErrorShape(res, 415, "unsupported-media-type");
      expect(body.details).toEqual([
        { path: "/headers/content-type", message: expect.any(String) },
      ]);
    }
    const charset = await authed(app, token)
      .post("/echo")
      .set("Content-Type", "application/json; charset=latin1")
      .send("{}");
    expectErrorShape(charset, 415, "unsupported-media-type");
  });

  it("lets a POST without a body through, whatever its type", async () => {
    const res = await authed(app, token).post("/echo");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ body: null });
  });

  it("sends an HttpError's status, code, details and extra fields, never letting extra replace them", async () => {
    const res = await authed(app, token).get("/http-error");
    const body = expectErrorShape(res, 409, "version-conflict");
    expect(body).toEqual({
      code: "version-conflict",
      message: "the record changed",
      details: [{ path: "/version", message: "expected 3" }],
      requestId: res.headers["x-request-id"],
      currentVersion: 3,
    });
  });

  it("turns an engine LoomError into 422 with its issues as details", async () => {
    const body = expectErrorShape(
      await authed(app, token).get("/loom-error"),
      422,
      "invalid-metadata",
    );
    // each detail says which check found it and, for package problems, in which file
    expect(body.details).toEqual([
      { path: "/fields/qty", message: "no field qty", code: "unknown-field" },
      { path: "", message: "whole document", code: "schema", file: "entities/item.json" },
    ]);
  });

  it("answers an invalid expression with 400", async () => {
    const body = expectErrorShape(
      await authed(app, token).get("/bad-where"),
      400,
      "invalid-expression",
    );
    expect(body.details).toEqual([
      { path: "/nope", message: 'unknown operator "nope"', code: "unknown-operator" },
    ]);
  });

  it("hides server-side LoomErrors that may carry database text", async () => {
    const res = await authed(app, token).get("/step-failed");
    expectErrorShape(res, 500, "internal");
    expect(res.text).not.toContain("customer_secret");
  });

  it("answers a pg-like error with a generic 500 and logs it with the request id", async () => {
    const res = await authed(app, token).get("/pg-like").set("X-Request-Id", "trace-pg-1");
    expect(res.body).toEqual({
      code: "internal",
      message: expect.any(String),
      details: [],
      requestId: "trace-pg-1",
    });
    for (const secret of ["secret_idx", "TOPSECRET", "customer_secret", "23505", "duplicate"]) {
      expect(res.text).not.toContain(secret);
    }
    const logged = logLines.map((line) => JSON.parse(line)).find((l) => l.msg === "request failed");
    expect(logged.req.id).toBe("trace-pg-1");
    expect(logged.err.detail).toContain("TOPSECRET-42");
  });

  it("answers a real database error with a generic 500 that names nothing of it", async () => {
    const res = await authed(app, token).get("/pg-real");
    expectErrorShape(res, 500, "internal");
    expect(res.text).not.toMatch(/customer_secret_table|relation|does not exist|42P01/);
  });

  it("answers unknown routes with 404 not-found", async () => {
    const body = expectErrorShape(
      await authed(app, token).get("/api/nothing-here"),
      404,
      "not-found",
    );
    expect(body.details).toEqual([]);
  });

  it("answers a malformed %-escape in a route parameter with 400, not 500", async () => {
    const holder = new LiveAppHolder(buildLiveApp(null, db));
    const router = Router();
    router.get("/items/:id", (req, res) => {
      res.json({ id: req.params.id });
    });
    holder.swap({ revision: null, model: null, router, workflow: null });
    const res = await authed(createHttpApp(holder, db, silent), token).get("/items/%E0%A4%A");
    expectErrorShape(res, 400, "bad-request");
  });
});
