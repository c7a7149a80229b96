import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { testClock } from "../src/jobs/index.ts";
import { type RunningServer, startServer } from "../src/server/start-server.ts";
import { approvalsPackage } from "./support/approvals-package.ts";
import { fetchWith, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";
import { silentLogger } from "./support/sample-app.ts";
import { startReceiver } from "./support/webhook-receiver.ts";

describe.each(testDatabases())("an approval's webhook on $name", (target) => {
  const clock = testClock(new Date("2026-05-04T10:00:00Z"));
  let hook: Awaited<ReturnType<typeof startReceiver>>;
  let db: Database & { dispose(): Promise<void> };
  let server: RunningServer;

  beforeAll(async () => {
    hook = await startReceiver([500]);
    db = await target.open();
    server = await startServer({
      db,
      logger: silentLogger,
      port: 0,
      host: "127.0.0.1",
      samples: [approvalsPackage({ webhookUrl: `${hook.origin}/approved` })],
      announce: () => undefined,
      clock,
      jobs: "manual",
    });
  });
  afterAll(async () => {
    await server?.close();
    await db?.dispose();
    await hook?.close();
  });

  it("is called after commit, retried with the same idempotency key, and applied once", async () => {
    const staff = fetchWith((await signIn(db, { username: "ann", roles: ["staff"] })).token);
    const manager = fetchWith((await signIn(db, { username: "max", roles: ["manager"] })).token);
    const post = (who: typeof fetch, path: string, body: unknown = {}) =>
      who(`${server.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const created = await post(staff, "/api/data/request", {
      title: "Desk",
      amount: 800,
      requester: "ann",
    });
    const id = ((await created.json()) as { id: string }).id;
    expect((await post(staff, `/api/workflow/request/${id}/actions/submit`)).status).toBe(200);
    expect((await post(manager, `/api/workflow/request/${id}/actions/approve`)).status).toBe(200);
    expect(hook.received).toEqual([]);

    expect(await server.jobs.runDue()).toBe(1);
    expect(hook.received).toHaveLength(1);
    expect(hook.applied.size).toBe(0);
    clock.advance(60 * 60 * 1000);
    await server.jobs.runDue();
    const keys = hook.received.map((call) => call.headers["idempotency-key"]);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect([...hook.applied.values()]).toEqual([
      expect.objectContaining({
        workflow: "request_approval",
        entity: "request",
        record: expect.objectContaining({ id, title: "Desk", approved_amount: 800 }),
      }),
    ]);
    clock.advance(24 * 60 * 60 * 1000);
    await server.jobs.runDue();
    expect(hook.received).toHaveLength(2);
    const job = await db.run(
      async (k) =>
        (await k.raw(`SELECT "status", "attempts" FROM loom_sys.jobs WHERE "queue" = 'webhook'`))
          .rows,
    );
    expect(job).toEqual([{ status: "done", attempts: 2 }]);
  });
});
