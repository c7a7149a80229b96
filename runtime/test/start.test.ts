import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/open-database.ts";
import { SAMPLE_PACKAGES, startServer } from "../src/server/start-server.ts";
import { freshPgliteDataDir, testDatabases } from "./support/databases.ts";
import { silentLogger, useSampleServer } from "./support/sample-app.ts";

describe.each(testDatabases())("loom start on $name", (target) => {
  const ctx = useSampleServer(target);

  it("installs the sample into an empty database and reports it on /health", async () => {
    const res = await ctx.fetch(`${ctx.server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "ok",
      database: target.name,
      revision: { id: 1 },
    });
  });

  it("serves the compiled model with Chinese labels on /api/meta", async () => {
    const body = await (await ctx.fetch(`${ctx.server.url}/api/meta`)).json();
    expect(body.model.entities.sales_order.labels["zh-CN"]).toBe("销售订单");
    expect(body.model.packages.map((p: { name: string }) => p.name)).toEqual([
      "manufacturing",
      "acme-custom",
    ]);
    const tables = await ctx.db.run((knex) =>
      knex.raw(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'app'",
      ),
    );
    expect(tables.rows[0].n).toBe(Object.keys(body.model.entities).length);
  });

  it("serves the generated data API of the installed sample", async () => {
    const res = await ctx.fetch(`${ctx.server.url}/api/data/sales_order?count=true`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: [], nextCursor: null, count: 0 });
  });

  it("answers unknown routes with a JSON 404", async () => {
    const res = await ctx.fetch(`${ctx.server.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "not-found" });
  });

  it("does not install the sample again on the next start", async () => {
    const again = await startServer({
      db: ctx.db,
      logger: silentLogger,
      port: 0,
      host: "127.0.0.1",
      samples: SAMPLE_PACKAGES,
    });
    try {
      expect(again.holder.current.revision?.id).toBe(1);
    } finally {
      await again.close();
    }
  });
});

describe("loom start as a process", () => {
  const LOOM = fileURLToPath(new URL("../bin/loom.js", import.meta.url));
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await freshPgliteDataDir();
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("stops cleanly on SIGTERM and releases the data folder", async () => {
    const child = spawn(
      process.execPath,
      [LOOM, "--data-dir", dataDir, "start", "--port", "0", "--no-sample"],
      {
        env: { ...process.env, DATABASE_URL: "" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
        const match = /"url":"(http:[^"]+)"/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.on("exit", (code) => reject(new Error(`exited ${code} before listening: ${stdout}`)));
    });
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stdout).toContain('"msg":"stopped"');
    // the lock is gone: this process may open the folder now
    const db = await openDatabase({ dataDir });
    await db.close();
  });
});
