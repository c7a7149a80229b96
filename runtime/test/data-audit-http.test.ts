import type { Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { seedOrder } from "./data-audit-app.ts";
import { type Api, authed, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";
import { currentApp, installSample } from "./support/sample-app.ts";

interface Entry {
  action: string;
  actor: string | null;
  version: number;
  changes: Record<string, unknown>;
}

describe.each(testDatabases())(
  "the audit trail through the whole data API on $name",
  ({ open }) => {
    let db: Database & { dispose(): Promise<void> };
    let app: Express;
    let api: Api;

    beforeAll(async () => {
      db = await open();
      await installSample(db);
      app = await currentApp(db);
      api = authed(app, (await signIn(db)).token);
    });
    afterAll(() => db?.dispose());

    it("records a create, a PATCH of lines, the delete and the restore, newest first", async () => {
      const { customer, items } = await seedOrder(db);
      const created = await api.post("/api/data/sales_order").send({
        customer,
        delivery_date: "2030-01-31",
        lines: [
          { item: items[0], qty: 2, unit_price: 1.5 },
          { item: items[1], qty: 1, unit_price: 2 },
        ],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const order = created.body;
      const [kept, dropped] = order.lines;
      const patched = await api
        .patch(`/api/data/sales_order/${order.id}`)
        .set("If-Match", `"${order.version}"`)
        .send({
          remark: "urgent",
          lines: [
            { id: kept.id, item: items[0], qty: 3, unit_price: 1.5 },
            { item: items[1], qty: 5, unit_price: 2 },
          ],
        });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      const added = patched.body.lines[1];
      const removed = await api
        .delete(`/api/data/sales_order/${order.id}`)
        .set("If-Match", `"${patched.body.version}"`);
      expect(removed.status, JSON.stringify(removed.body)).toBe(204);
      const [trashed] = (await api.get("/api/trash").query({ entity: "sales_order" })).body.data;
      expect((await api.post(`/api/trash/${trashed.trashId}/restore`)).status).toBe(200);

      const response = await api.get(`/api/data/sales_order/${order.id}/history`);

      expect(response.status).toBe(200);
      const entries = response.body.data as Entry[];
      expect(entries.map((e) => [e.action, e.version])).toEqual([
        ["restore", 3],
        ["delete", 2],
        ["update", 2],
        ["create", 1],
      ]);
      expect(entries.map((e) => e.actor)).toEqual(["tester", "tester", "tester", "tester"]);
      const [restore, del, update, create] = entries;
      expect(create!.changes).toMatchObject({
        order_no: { after: order.order_no },
        customer: { after: customer },
        lines: { added: order.lines, removed: [], changed: [] },
      });
      expect(update!.changes).toMatchObject({
        remark: { before: null, after: "urgent" },
        total: { before: order.total, after: patched.body.total },
        lines: {
          added: [added],
          removed: [dropped],
          changed: [
            {
              id: kept.id,
              fields: { qty: { before: 2, after: 3 }, amount: { before: 3, after: 4.5 } },
            },
          ],
        },
      });
      expect(Object.keys(update!.changes).sort()).toEqual(["lines", "remark", "total"]);
      expect(del!.changes).toMatchObject({
        remark: { before: "urgent" },
        lines: { removed: patched.body.lines },
      });
      expect(restore!.changes).toMatchObject({
        remark: { after: "urgent" },
        lines: { added: patched.body.lines },
      });
    });
  },
);
