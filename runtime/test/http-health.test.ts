import pino from "pino";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { createHttpApp } from "../src/server/http-app.ts";
import { buildLiveApp, LiveAppHolder } from "../src/server/live-app.ts";
import { testDatabases } from "./support/databases.ts";

const logger = pino({ level: "silent" });

function appOn(db: Database, healthTimeoutMs?: number) {
  return createHttpApp(new LiveAppHolder(buildLiveApp(null, db)), db, logger, { healthTimeoutMs });
}

function expectUnavailable(res: request.Response): void {
  expect(res.status).toBe(503);
  expect(res.body).toEqual({
    status: "unavailable",
    code: "database-unavailable",
    message: "the database does not answer",
    details: [],
    requestId: res.headers["x-request-id"],
  });
}

describe.each(testDatabases())("/health on $name", (target) => {
  it("answers 200 with the database kind while the database answers", async () => {
    const db = await target.open();
    try {
      const res = await request(appOn(db)).get("/health");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: "ok", database: target.name, revision: null });
    } finally {
      await db.dispose();
    }
  });

  it("answers 503 in the error shape once the database is closed", async () => {
    const db = await target.open();
    const app = appOn(db);
    await db.close();
    try {
      expectUnavailable(await request(app).get("/health"));
    } finally {
      await db.dispose();
    }
  });
});

describe("/health on a database that hangs", () => {
  it("answers 503 after the timeout instead of waiting", async () => {
    const hanging: Database = {
      kind: "pglite",
      run: () => new Promise(() => {}),
      transaction: () => new Promise(() => {}),
      close: async () => {},
    };
    const started = Date.now();
    expectUnavailable(await request(appOn(hanging, 100)).get("/health"));
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
