import { randomUUID } from "node:crypto";
import type { Express } from "express";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { createHttpApp } from "../src/server/http-app.ts";
import { buildLiveApp, LiveAppHolder } from "../src/server/live-app.ts";
import { currentRevision } from "../src/store/revisions.ts";
import { type Api, authed, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";
import { currentApp, installSample } from "./support/sample-app.ts";
import { databaseSnapshot } from "./support/snapshot.ts";

describe.each(testDatabases())("what each role may change on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  let app: Express;
  const as: Record<string, Api> = {};
  const [customer, item, unit] = [randomUUID(), randomUUID(), randomUUID()];
  const order = (salesPerson: string, extra: Record<string, unknown> = {}) => ({
    customer,
    delivery_date: "2099-12-31",
    sales_person: salesPerson,
    department: "domestic",
    lines: [{ item, qty: 2, unit_price: 10 }],
    ...extra,
  });

  beforeAll(async () => {
    db = await open();
    await installSample(db);
    app = await currentApp(db);
    await db.transaction(async (tx) => {
      await tx.raw(`INSERT INTO app.unit (id, code, name) VALUES (?, 'PCS', 'Piece')`, [unit]);
      await tx.raw(
        `INSERT INTO app.customer (id, code, name, customer_type) VALUES (?, 'C1', 'Acme', 'company')`,
        [customer],
      );
      await tx.raw(
        `INSERT INTO app.item (id, code, name, item_type, unit, standard_price) VALUES (?, 'I1', 'Bolt', 'finished_good', ?, 2.5)`,
        [item, unit],
      );
    });
    const users = {
      rep1: ["sales_rep"],
      rep2: ["sales_rep"],
      manager: ["sales_manager"],
      cfo: ["cfo"],
      clerk: ["warehouse_clerk"],
    };
    for (const [username, roles] of Object.entries(users))
      as[username] = authed(
        app,
        (await signIn(db, { username, roles, attributes: { department: "domestic" } })).token,
      );
  });
  afterAll(() => db?.dispose());

  const created = async (api: Api, body: Record<string, unknown>) => {
    const res = await api.post("/api/data/sales_order").send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as Record<string, unknown>;
  };

  it("creates within the create scope, answering without hidden fields, and audits the user", async () => {
    const record = await created(as.rep1!, order("rep1"));
    expect(record).not.toHaveProperty("margin");
    expect(record.created_by).toBe("rep1");
    const history = await as.rep1!.get(`/api/data/sales_order/${record.id}/history`);
    expect(history.body.data[0]).toMatchObject({ action: "create", actor: "rep1" });
  });

  it("refuses, changing nothing, a record outside the scope or a field the role may not set", async () => {
    const before = await databaseSnapshot(db);
    const forOthers = await as.rep1!.post("/api/data/sales_order").send(order("rep2"));
    expect(forOthers.status).toBe(403);
    expect(forOthers.body).toMatchObject({
      code: "outside-scope",
      permission: "sales_order.create",
    });
    const withMargin = await as
      .rep1!.post("/api/data/sales_order")
      .send(order("rep1", { margin: 5 }));
    expect(withMargin.status).toBe(403);
    expect(withMargin.body).toMatchObject({
      code: "field-forbidden",
      details: [{ path: "/margin", message: expect.stringContaining("margin") }],
    });
    const byCfo = await as.cfo!.post("/api/data/sales_order").send(order("cfo"));
    expect(byCfo.status).toBe(403);
    expect(byCfo.body).toMatchObject({ code: "forbidden", permission: "sales_order.create" });
    const clerk = await as.clerk!.post("/api/data/stock_move").send({
      move_type: "receipt",
      item,
      qty: 5,
      posting_time: "2026-11-25T08:00:00Z",
      unit_cost: 3,
    });
    expect(clerk.status).toBe(403);
    expect(clerk.body.details).toEqual([{ path: "/unit_cost", message: expect.any(String) }]);
    // no row, no audit entry, no series number taken
    expect(await databaseSnapshot(db)).toEqual(before);
  });

  it("updates and deletes only within the scope; 404 for what the role cannot see", async () => {
    const mine = await created(as.rep1!, order("rep1"));
    const theirs = await created(as.rep2!, order("rep2"));
    const patch = (api: Api, record: Record<string, unknown>, body: Record<string, unknown>) =>
      api.patch(`/api/data/sales_order/${record.id}`).send({ version: record.version, ...body });

    expect((await patch(as.rep1!, theirs, { remark: "mine now" })).status).toBe(404);
    const handOver = await patch(as.rep1!, mine, { sales_person: "rep2" });
    expect(handOver.status).toBe(403);
    expect(handOver.body.code).toBe("outside-scope");
    const byManager = await patch(as.manager!, mine, { remark: "approved" });
    expect(byManager.status, JSON.stringify(byManager.body)).toBe(200);
    const byCfo = await patch(as.cfo!, theirs, { remark: "no" });
    expect(byCfo.status).toBe(403);
    expect(byCfo.body.permission).toBe("sales_order.update");

    const remove = (api: Api, record: Record<string, unknown>, version: number) =>
      api.delete(`/api/data/sales_order/${record.id}?version=${version}`);
    expect((await remove(as.rep1!, theirs, 1)).status).toBe(404);
    expect((await remove(as.cfo!, theirs, 1)).status).toBe(403);
    expect((await remove(as.rep2!, theirs, 1)).status).toBe(204);
    expect((await as.rep1!.get(`/api/data/sales_order/${mine.id}`)).body.sales_person).toBe("rep1");
  });

  it("logs a denied attempt with the user and the missing permission", async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino(
      { level: "warn" },
      { write: (line: string) => lines.push(JSON.parse(line)) },
    );
    const revision = (await db.run((k) => currentRevision(k)))!;
    const logged = createHttpApp(new LiveAppHolder(buildLiveApp(revision, db)), db, logger);
    const clerk = authed(logged, (await signIn(db, { username: "clerk" })).token);
    expect((await clerk.get("/api/data/sales_order")).status).toBe(403);
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: "request denied",
        user: "clerk",
        permission: "sales_order.read",
        path: "/api/data/sales_order",
      }),
    );
  });

  it("keeps the trash and metrics for administrators", async () => {
    const metrics = await as.cfo!.get("/metrics");
    expect(metrics.status).toBe(403);
    expect(metrics.body.permission).toBe("administrator");
    const res = await as.manager!.get("/api/trash");
    expect(res.status).toBe(403);
    expect(res.body.permission).toBe("administrator");
    expect((await as.manager!.post("/api/trash/1/restore")).status).toBe(403);
  });
});
