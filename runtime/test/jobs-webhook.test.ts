import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import {
  createWorker,
  enqueue,
  isRetriableStatus,
  type JobWorker,
  type NewJob,
  type TestClock,
  testClock,
  webhookHandler,
} from "../src/jobs/index.ts";
import { bootstrapSystemSchema } from "../src/store/system-schema.ts";
import { testDatabases } from "./support/databases.ts";
import { jobState, silentLogger } from "./support/jobs.ts";
import { startReceiver } from "./support/webhook-receiver.ts";

describe.each(testDatabases())("webhook jobs on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  let clock: TestClock;
  let worker: JobWorker;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  beforeEach(async () => {
    db = await open();
    await bootstrapSystemSchema(db);
    clock = testClock();
    worker = createWorker(db, {
      handlers: { webhook: webhookHandler({ timeoutMs: 300 }) },
      logger: silentLogger,
      clock,
      retry: { baseMs: 1_000, maxMs: 1_000 },
    });
  });
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
    await db?.dispose();
  });

  const add = (job: Omit<NewJob, "queue">) =>
    db.run((k) => enqueue(k, { queue: "webhook", ...job }));

  it("calls again after a 500 with the same Idempotency-Key, and the receiver applies it once", async () => {
    receiver = await startReceiver([500]);
    const id = await add({
      payload: {
        url: `${receiver.origin}/hooks/order-approved`,
        body: { order: "SO-1", amount: 120_000 },
        headers: { "X-Loom-Event": "approved", "Content-Type": "text/plain" },
      },
      idempotencyKey: "wf:7:3:0",
    });

    expect(await worker.runDue()).toBe(1);
    expect(await jobState(db, id)).toMatchObject({
      status: "pending",
      attempts: 1,
      last_error: `webhook to ${receiver.origin} answered 500`,
    });
    clock.advance(1_000);
    expect(await worker.runDue()).toBe(1);

    expect(await jobState(db, id)).toMatchObject({ status: "done", attempts: 2 });
    expect(receiver.received).toHaveLength(2);
    for (const { headers, body } of receiver.received) {
      expect(headers).toMatchObject({
        "idempotency-key": "wf:7:3:0",
        "content-type": "application/json",
        "x-loom-event": "approved",
      });
      expect(body).toEqual({ order: "SO-1", amount: 120_000 });
    }
    expect([...receiver.applied.keys()]).toEqual(["wf:7:3:0"]);
  });

  it("fails at once on a 400, without calling again", async () => {
    receiver = await startReceiver([400]);
    const id = await add({ payload: { url: `${receiver.origin}/hook`, body: {} }, maxAttempts: 5 });
    expect(await worker.runDue()).toBe(1);
    clock.advance(60_000);
    expect(await worker.runDue()).toBe(0);
    expect(await jobState(db, id)).toMatchObject({
      status: "failed",
      attempts: 1,
      last_error: `webhook to ${receiver.origin} answered 400`,
    });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.headers["idempotency-key"]).toBe(`loom-job-${id}`);
  });

  it("retries a call that times out, and names neither the path nor the query in the error", async () => {
    receiver = await startReceiver(["hang"]);
    const id = await add({
      payload: { url: `${receiver.origin}/services/T0/B0/s3cr3t-path?token=s3cr3t-query` },
    });
    expect(await worker.runDue()).toBe(1);
    const state = await jobState(db, id);
    expect(state).toMatchObject({
      status: "pending",
      last_error: `webhook to ${receiver.origin} failed: no answer within 300 ms`,
    });
    clock.advance(1_000);
    expect(await worker.runDue()).toBe(1);
    expect((await jobState(db, id)).status).toBe("done");
    expect(receiver.received).toHaveLength(2);
  });

  it("fails at once when the payload has no http(s) url", async () => {
    const id = await add({ payload: { url: "file:///etc/passwd" } });
    expect(await worker.runDue()).toBe(1);
    expect(await jobState(db, id)).toMatchObject({
      status: "failed",
      attempts: 1,
      last_error: "a webhook job needs an http(s) url",
    });
  });

  it("reads a URL and headers held in parameters when it sends, and fails at once when one has no value", async () => {
    receiver = await startReceiver([200]);
    const values: Record<string, unknown> = { erp_url: `${receiver.origin}/hooks/erp` };
    const withParameters = createWorker(db, {
      handlers: { webhook: webhookHandler({ timeoutMs: 300, parameters: async () => values }) },
      logger: silentLogger,
      clock,
    });
    const payload = {
      url: { param: "erp_url" },
      headers: { Authorization: { param: "erp_token" } },
      body: { order: "SO-2" },
    };
    const missing = await add({ payload, idempotencyKey: "wf:8:1:0" });
    expect(await withParameters.runDue()).toBe(1);
    expect(await jobState(db, missing)).toMatchObject({
      status: "failed",
      last_error: expect.stringContaining('parameter "erp_token", which has no value'),
    });
    values.erp_token = "Bearer s3cret-token";
    const sent = await add({ payload, idempotencyKey: "wf:8:1:1" });
    expect(await withParameters.runDue()).toBe(1);
    expect(await jobState(db, sent)).toMatchObject({ status: "done" });
    expect(receiver.received.map((call) => [call.path, call.headers.authorization])).toEqual([
      ["/hooks/erp", "Bearer s3cret-token"],
    ]);
    // the queue keeps the reference, never the secret
    const stored = await db.run(
      async (k) => (await k.raw(`SELECT payload FROM loom_sys.jobs`)).rows,
    );
    expect(JSON.stringify(stored)).not.toContain("s3cret");
  });
});

describe("which answers a webhook call is retried on", () => {
  it("retries 408, 429 and 5xx, and nothing else", () => {
    const statuses = [200, 301, 400, 401, 404, 408, 409, 422, 429, 500, 502, 503];
    expect(statuses.filter(isRetriableStatus)).toEqual([408, 429, 500, 502, 503]);
  });
});
