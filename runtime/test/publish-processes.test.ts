import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parsePackage } from "@loom/engine";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { openDatabase } from "../src/db/open-database.ts";
import { LISTENER_APPLICATION_NAME } from "../src/server/publish/revision-listener.ts";
import { type RunningServer, SAMPLE_PACKAGES, startServer } from "../src/server/start-server.ts";
import { applyPackages } from "../src/store/apply-packages.ts";
import { readPackageDir } from "../src/store/read-package-dir.ts";
import { fetchWith, signIn, TEST_PASSWORD } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";

const LOOM = fileURLToPath(new URL("../bin/loom.js", import.meta.url));
const logger = pino({ level: "silent" });
const server = testDatabases().find((target) => target.name === "postgres");
/** fetch as the admin `tester` (set by beforeAll): a session works on either process */
let signedIn: typeof fetch;

/** The sample customization at `version` with an extra integer field on customer. */
async function withCustomerField(version: string, name: string): Promise<Record<string, string>> {
  const files = await readPackageDir(SAMPLE_PACKAGES[1]!);
  const manifest = { ...JSON.parse(files["loom-package.json"]!), version };
  const extension = JSON.parse(files["extensions/customer.json"]!);
  extension.fields.push({ name, type: "integer", labels: { en: name } });
  return {
    ...files,
    "loom-package.json": JSON.stringify(manifest),
    "extensions/customer.json": JSON.stringify(extension),
  };
}

/** Polls every 50 ms until `done` holds; the milliseconds it took, or Infinity after `limitMs`. */
async function msUntil(done: () => Promise<boolean>, limitMs: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < limitMs) {
    if (await done()) return performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Number.POSITIVE_INFINITY;
}

const hasCustomerField = (url: string, name: string) => async () => {
  const meta = await (await signedIn(`${url}/api/meta`)).json();
  return meta.entities.customer.schema.read.properties[name] !== undefined;
};

/** `loom start` in its own process on the database at `url`; resolves with its listening URL. */
function startProcess(url: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [LOOM, "--database-url", url, "start", "--port", "0", "--no-sample"],
    {
      env: { ...process.env, LOOM_LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      const match = /"url":"(http:[^"]+)"/.exec(stdout);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on("exit", (code) => reject(new Error(`exited ${code} before listening: ${stdout}`)));
  });
}

describe.skipIf(!server)("two runtime processes on one PostgreSQL server", () => {
  let db: Database & { dispose(): Promise<void> };
  let local: RunningServer;
  let other: { child: ChildProcess; url: string };
  let databaseUrl: string;

  beforeAll(async () => {
    db = await server!.open();
    const name = await db.run(
      async (k) => (await k.raw("SELECT current_database() AS name")).rows[0].name,
    );
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    local = await startServer({
      db,
      logger,
      port: 0,
      host: "127.0.0.1",
      samples: SAMPLE_PACKAGES,
      databaseUrl,
      announce: () => undefined,
    });
    signedIn = fetchWith((await signIn(db)).token);
    other = await startProcess(databaseUrl);
  }, 60_000);
  afterAll(async () => {
    if (other?.child.exitCode === null) {
      const exited = new Promise((resolve) => other.child.once("exit", resolve));
      other.child.kill("SIGTERM");
      await exited;
    }
    await local?.close();
    await db?.dispose();
  });

  it("the other process serves a field published on this one within a second", async () => {
    expect(await hasCustomerField(other.url, "loyalty_points")()).toBe(false);
    const res = await signedIn(`${local.url}/api/meta/publish`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        packages: [{ files: await withCustomerField("1.1.0", "loyalty_points") }],
      }),
    });
    expect(res.status).toBe(200);
    expect(await msUntil(hasCustomerField(other.url, "loyalty_points"), 1000)).toBeLessThan(1000);
  });

  /** applies packages the way `loom apply` does: its own connection, no server involved */
  const applyFromOutside = async (files: Record<string, string>) => {
    const outside = await openDatabase({ url: databaseUrl });
    try {
      const loaded = parsePackage(files).package!;
      await applyPackages(outside, [loaded], { allowDataLoss: true, actor: "test:cli" });
    } finally {
      await outside.close();
    }
  };

  it("both serve a revision applied from outside any server (loom apply)", async () => {
    await applyFromOutside(await withCustomerField("1.2.0", "vip_level"));
    expect(await msUntil(hasCustomerField(local.url, "vip_level"), 1000)).toBeLessThan(1000);
    expect(await msUntil(hasCustomerField(other.url, "vip_level"), 1000)).toBeLessThan(1000);
  });

  it("a listener whose connection was cut reconnects and catches up", async () => {
    const cut = await db.run(
      async (k) =>
        (
          await k.raw(
            `SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
           WHERE application_name = ? AND datname = current_database()`,
            [LISTENER_APPLICATION_NAME],
          )
        ).rows,
    );
    expect(cut.length).toBe(2);
    await applyFromOutside(await withCustomerField("1.3.0", "after_cut"));
    expect(await msUntil(hasCustomerField(local.url, "after_cut"), 3000)).toBeLessThan(3000);
    expect(await msUntil(hasCustomerField(other.url, "after_cut"), 3000)).toBeLessThan(3000);
  });

  it("a token revoked on this process is refused by the other on its next request", async () => {
    const created = await signedIn(`${local.url}/api/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "integration" }),
    });
    expect(created.status).toBe(201);
    const { id, token } = await created.json();
    const asToken = fetchWith(token);
    expect((await asToken(`${other.url}/api/auth/me`)).status).toBe(200);

    const revoked = await signedIn(`${local.url}/api/auth/tokens/${id}`, { method: "DELETE" });
    expect(revoked.status).toBe(204);
    const refused = await asToken(`${other.url}/api/auth/me`);
    expect(refused.status).toBe(401);
    expect((await refused.json()).code).toBe("unauthenticated");
  });

  it("a session ended on the other process is refused here on its next request", async () => {
    const login = await fetch(`${other.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "tester", password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const session = fetchWith((await login.json()).token);
    expect((await session(`${local.url}/api/auth/me`)).status).toBe(200);
    expect((await session(`${other.url}/api/auth/logout`, { method: "POST" })).status).toBe(204);
    expect((await session(`${local.url}/api/auth/me`)).status).toBe(401);
  });
});
