import { randomUUID } from "node:crypto";
import { type LoadedPackage, parsePackage } from "@loom/engine";
import type { Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { createHttpApp } from "../src/server/http-app.ts";
import { buildLiveApp, LiveAppHolder } from "../src/server/live-app.ts";
import { publishRouter } from "../src/server/publish/publish-router.ts";
import { createRevisionRefresher } from "../src/server/publish/revision-refresher.ts";
import { currentRevision } from "../src/store/revisions.ts";
import { type Api, authed, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";
import { currentApp, installSample, silentLogger } from "./support/sample-app.ts";

type Json = Record<string, unknown>;

/** Orders by owner and department: who may see which is what these tests check. */
const ORDERS = [
  { sales_person: "rep1", department: "domestic", margin: 120.5 },
  { sales_person: "rep1", department: "export", margin: 80 },
  { sales_person: "rep2", department: "domestic", margin: 310 },
  { sales_person: "rep3", department: "export", margin: 42 },
] as const;

/** A customization with a role that reads only active customers: expanding meets its scope. */
function activeCustomersRole(): LoadedPackage {
  const { package: loaded, issues } = parsePackage({
    "loom-package.json": JSON.stringify({
      kind: "package",
      name: "active-customers",
      version: "1.0.0",
      layer: "customization",
      labels: { en: "Active customers" },
      dependsOn: { "acme-custom": "^1.0.0" },
    }),
    "roles/order_viewer.json": JSON.stringify({
      kind: "role",
      name: "order_viewer",
      labels: { en: "Order viewer", "zh-CN": "订单查看" },
      grants: [
        { entity: "sales_order", actions: ["read"] },
        { entity: "customer", actions: ["read"], where: { "==": [{ var: "is_active" }, true] } },
      ],
    }),
  });
  if (!loaded) throw new Error(JSON.stringify(issues));
  return loaded;
}

describe.each(testDatabases())("what each role reads on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  let app: Express;
  const ids: string[] = ORDERS.map(() => randomUUID());
  const as: Record<string, Api> = {};

  beforeAll(async () => {
    db = await open();
    await installSample(db, [activeCustomersRole()]);
    app = await currentApp(db);
    const [customer, item, unit] = [randomUUID(), randomUUID(), randomUUID()];
    await db.transaction(async (tx) => {
      await tx.raw(`INSERT INTO app.unit (id, code, name) VALUES (?, 'PCS', 'Piece')`, [unit]);
      await tx.raw(
        `INSERT INTO app.customer (id, code, name, customer_type, credit_limit, is_active) VALUES (?, 'C1', 'Acme', 'company', 5000, false)`,
        [customer],
      );
      await tx.raw(
        `INSERT INTO app.item (id, code, name, item_type, unit, standard_price) VALUES (?, 'I1', 'Bolt', 'finished_good', ?, 2.5)`,
        [item, unit],
      );
      for (const [i, order] of ORDERS.entries()) {
        await tx.raw(
          `INSERT INTO app.sales_order (id, order_no, customer, order_date, delivery_date, status, currency, exchange_rate, total,
             sales_person, department, margin)
           VALUES (?, ?, ?, '2026-01-0${i + 1}', '2026-02-01', 'draft', 'CNY', 1, 100, ?, ?, ?)`,
          [ids[i]!, `SO-T-${i}`, customer, order.sales_person, order.department, order.margin],
        );
        await tx.raw(
          `INSERT INTO app.sales_order_line (id, parent_id, line_no, item, qty, unit, unit_price, amount)
           VALUES (?, ?, 1, ?, 4, ?, 25, 100)`,
          [randomUUID(), ids[i]!, item, unit],
        );
      }
      await tx.raw(
        `INSERT INTO app.stock_move (id, move_no, move_type, item, qty, posting_time, unit_cost)
         VALUES (?, 'SM-T-1', 'receipt', ?, 10, now(), 1.75)`,
        [randomUUID(), item],
      );
    });
    const users = {
      rep1: { roles: ["sales_rep"], attributes: { department: "domestic" } },
      manager: { roles: ["sales_manager"], attributes: { department: "domestic" } },
      cfo: { roles: ["cfo"], attributes: {} },
      clerk: { roles: ["warehouse_clerk"], attributes: {} },
      admin: { roles: ["admin"], attributes: {} },
      viewer: { roles: ["order_viewer"], attributes: {} },
    };
    for (const [username, options] of Object.entries(users))
      as[username] = authed(app, (await signIn(db, { username, ...options })).token);
  });
  afterAll(() => db?.dispose());

  const orderNos = async (api: Api, query = "") => {
    const res = await api.get(`/api/data/sales_order?sort=order_no&count=true${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return {
      numbers: (res.body.data as Json[]).map((order) => order.order_no),
      count: res.body.count as number,
      keys: new Set((res.body.data as Json[]).flatMap((order) => Object.keys(order))),
    };
  };

  it("lists and counts only the rows of the reader's scope", async () => {
    expect(await orderNos(as.rep1!)).toMatchObject({ numbers: ["SO-T-0", "SO-T-1"], count: 2 });
    expect(await orderNos(as.manager!)).toMatchObject({ numbers: ["SO-T-0", "SO-T-2"], count: 2 });
    expect(await orderNos(as.cfo!)).toMatchObject({
      numbers: ["SO-T-0", "SO-T-1", "SO-T-2", "SO-T-3"],
      count: 4,
    });
    // the reader's own filter narrows the scope, never widens it
    const widened = await orderNos(
      as.rep1!,
      `&where=${encodeURIComponent(JSON.stringify({ "==": [{ var: "sales_person" }, "rep2"] }))}`,
    );
    expect(widened).toMatchObject({ numbers: [], count: 0 });
  });

  it("reads a record outside the scope as absent, with its history", async () => {
    const [own, others] = [ids[0]!, ids[2]!];
    expect((await as.rep1!.get(`/api/data/sales_order/${own}`)).status).toBe(200);
    const hidden = await as.rep1!.get(`/api/data/sales_order/${others}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe("not-found");
    expect((await as.rep1!.get(`/api/data/sales_order/${others}/history`)).status).toBe(404);
    expect((await as.rep1!.get(`/api/data/sales_order/${own}/history`)).status).toBe(200);
  });

  it("never returns a field the reader may not see, and refuses to filter, sort or select on it", async () => {
    expect((await orderNos(as.rep1!)).keys.has("margin")).toBe(false);
    expect((await orderNos(as.cfo!)).keys.has("margin")).toBe(true);
    const one = await as.rep1!.get(`/api/data/sales_order/${ids[0]}?expand=customer`);
    expect(one.body).not.toHaveProperty("margin");
    expect(one.body.customer).toMatchObject({ name: "Acme" });
    const marginAbove = encodeURIComponent(JSON.stringify({ ">": [{ var: "margin" }, 100] }));
    for (const query of [
      `where=${marginAbove}`,
      "sort=-margin",
      "fields=order_no,margin",
      "margin=120.5",
    ]) {
      const res = await as.rep1!.get(`/api/data/sales_order?${query}`);
      expect(res.status, `${query}: ${JSON.stringify(res.body)}`).toBe(400);
      // the request id is random: it may hold "310" by chance, and says nothing of the rows
      const { requestId: _id, ...answer } = res.body;
      expect(JSON.stringify(answer)).not.toMatch(/120\.5|310/);
    }
    const items = await as.clerk!.get("/api/data/item");
    expect(items.status).toBe(200);
    expect(items.body.data[0]).not.toHaveProperty("standard_price");
    const moves = await as.clerk!.get("/api/data/stock_move?expand=item");
    expect(moves.body.data[0]).not.toHaveProperty("unit_cost");
    expect(moves.body.data[0].item).not.toHaveProperty("standard_price");
    const byPrice = encodeURIComponent(
      JSON.stringify({ ">": [{ var: "item.standard_price" }, 1] }),
    );
    expect((await as.clerk!.get(`/api/data/stock_move?where=${byPrice}`)).status).toBe(400);
  });

  it("refuses an entity the roles do not grant with 403 naming the permission", async () => {
    for (const path of ["/api/data/sales_order", `/api/data/sales_order/${ids[0]}`]) {
      const res = await as.clerk!.get(path);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: "forbidden", permission: "sales_order.read" });
    }
    const expandOrderless = await as.rep1!.get(`/api/data/sales_order/${ids[0]}?expand=lines.unit`);
    expect(expandOrderless.status).toBe(403);
    expect(expandOrderless.body.permission).toBe("unit.read");
  });

  it("tells each role only its part of the model, in /api/meta and the OpenAPI document", async () => {
    const meta = (await as.rep1!.get("/api/meta")).body;
    expect(Object.keys(meta.entities)).not.toContain("stock_move");
    expect(meta.entities.sales_order.schema.read.properties).not.toHaveProperty("margin");
    expect(Object.keys(meta.model.roles)).toEqual(["sales_rep"]);
    const doc = JSON.stringify((await as.rep1!.get("/api/openapi.json")).body);
    expect(doc).not.toContain('"margin"');
    expect(doc).not.toContain("/api/data/stock_move");
    const full = (await as.admin!.get("/api/meta")).body;
    expect(full.entities.sales_order.schema.read.properties).toHaveProperty("margin");
  });

  it("lets only administrators plan or publish metadata", async () => {
    const revision = (await db.run((k) => currentRevision(k)))!;
    const holder = new LiveAppHolder(buildLiveApp(revision, db));
    const refresher = createRevisionRefresher({
      db,
      holder,
      build: buildLiveApp,
      logger: silentLogger,
    });
    const withPublishing = createHttpApp(holder, db, silentLogger, {
      routes: [publishRouter(db, refresher)],
    });
    const cfo = authed(withPublishing, (await signIn(db, { username: "cfo" })).token);
    for (const path of ["/api/meta/plan", "/api/meta/publish"]) {
      const res = await cfo.post(path).send({ packages: [] });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: "forbidden", permission: "administrator" });
    }
  });

  it("expands a link only into records of the reader's scope of the target", async () => {
    const res = await as.viewer!.get(`/api/data/sales_order/${ids[0]}?expand=customer`);
    expect(res.status).toBe(200);
    expect(typeof res.body.customer).toBe("string");
    const list = await as.viewer!.get("/api/data/sales_order?expand=customer&limit=1");
    expect(typeof list.body.data[0].customer).toBe("string");
    expect((await as.viewer!.get(`/api/data/customer/${res.body.customer}`)).status).toBe(404);
    expect(
      (await as.rep1!.get(`/api/data/sales_order/${ids[0]}?expand=customer`)).body.customer,
    ).toMatchObject({
      name: "Acme",
    });
  });

  it("hides history entries' fields the reader may not see", async () => {
    const id = ids[1]!;
    const update = await as.admin!.patch(`/api/data/sales_order/${id}`).send({
      version: 1,
      margin: 99,
      remark: "checked",
    });
    expect(update.status, JSON.stringify(update.body)).toBe(200);
    const cfo = await as.cfo!.get(`/api/data/sales_order/${id}/history`);
    expect(cfo.body.data[0].changes).toMatchObject({ margin: { before: 80, after: 99 } });
    const rep = await as.rep1!.get(`/api/data/sales_order/${id}/history`);
    expect(rep.body.data[0].changes).toEqual({ remark: { before: null, after: "checked" } });
  });
});
