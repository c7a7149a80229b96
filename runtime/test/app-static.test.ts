import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spaStatic } from "../src/server/app-static.ts";
import { errorMiddleware } from "../src/server/error-middleware.ts";
import { requestLogging } from "../src/server/request-logging.ts";
import { silentLogger } from "./support/sample-app.ts";

/**
 * The built apps as the runtime serves them, on build folders of the test's own: the designer
 * under /designer from its folder, the app under /app from another one that is not built.
 */
describe("serving the built apps", () => {
  let folder: string;
  let server: express.Express;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "loom-spa-"));
    const designer = path.join(folder, "designer");
    await mkdir(path.join(designer, "assets"), { recursive: true });
    await writeFile(path.join(designer, "index.html"), "<!doctype html><title>designer</title>");
    await writeFile(path.join(designer, "assets", "main-abc123.js"), "console.log(1)");
    server = express();
    server.use(requestLogging(silentLogger));
    server.use(spaStatic({ base: "/designer", dist: designer, name: "designer" }));
    server.use(spaStatic({ base: "/app", dist: path.join(folder, "app"), name: "app" }));
    server.use(errorMiddleware);
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it("answers any page under the base with index.html, revalidated, under the apps' policy", async () => {
    for (const page of ["/designer", "/designer/", "/designer/entities/sales_order"]) {
      const answer = await request(server).get(page);
      expect(answer.status, page).toBe(200);
      expect(answer.text).toContain("<title>designer</title>");
      expect(answer.headers["cache-control"]).toBe("no-cache");
      expect(answer.headers["content-security-policy"]).toContain(
        "script-src 'self' 'unsafe-eval'",
      );
    }
  });

  it("caches hashed assets for good and refuses a missing one instead of sending the page", async () => {
    const asset = await request(server).get("/designer/assets/main-abc123.js");
    expect(asset.status).toBe(200);
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect((await request(server).get("/designer/assets/gone-000.js")).status).toBe(404);
    expect((await request(server).get("/designer/favicon.ico")).status).toBe(404);
  });

  it("says how to build an app that is not built, naming its build script", async () => {
    const answer = await request(server).get("/app/list/customer");
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ code: "app-not-built" });
    expect(answer.body.message).toContain("npm run build:app");
    // the other app is unaffected
    expect((await request(server).get("/designer/")).status).toBe(200);
  });
});
