import { randomUUID } from "node:crypto";
import type { AppModel } from "@loom/engine";
import type { Express } from "express";
import type { Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCreatedStatement, readCreated } from "../src/api/audit/audit-created.ts";
import { diffRecords } from "../src/api/audit/diff-records.ts";
import { recordAudit } from "../src/api/audit/record-audit.ts";
import { compileReadPlans, type ReadPlans } from "../src/api/read-plan.ts";
import { type JsonRecord, readRecord } from "../src/api/read-records.ts";
import type { Database } from "../src/db/database.ts";
import { currentRevision } from "../src/store/revisions.ts";
import { auditApp, countRows, installSample, seedOrder } from "./data-audit-app.ts";
import { type Api, authed, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";

describe.each(testDatabases())("the audit trail and history on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  let app: Express;
  let api: Api;
  let plans: ReadPlans;

  beforeAll(async () => {
    db = await open();
    await installSample(db);
    app = await auditApp(db);
    api = authed(app, (await signIn(db)).token);
    const revision = await db.run((k) => currentRevision(k));
    plans = compileReadPlans(revision?.model as AppModel);
  });
  afterAll(() => db?.dispose());

  const history = (entity: string, id: string, query: Record<string, string> = {}) =>
    api.get(`/api/data/${entity}/${id}/history`).query(query);
  const read = (entity: string, id: string) =>
    db.run(async (k) => (await readRecord(k, plans.get(entity)!, id)) as JsonRecord);

  it("builds a create entry in the database exactly as diffRecords does from the stored record", async () => {
    const entryOf = (entity: string, id: string, prepare?: (tx: Knex) => Promise<unknown>) =>
      db.transaction(async (tx) => {
        await prepare?.(tx);
        const plan = plans.get(entity)!;
        const after = await readCreated(tx, plan, auditCreatedStatement(plan), id, "sql-audit");
        const { rows } = await tx.raw(
          `SELECT changes FROM loom_sys.audit_log WHERE record_id = ? AND actor = 'sql-audit'`,
          [id],
        );
        return { after, stored: rows.map((row: { changes: unknown }) => row.changes) };
      });
    const seeded = await seedOrder(db);
    const bare = await seedOrder(db);
    const cases = [
      await entryOf("sales_order", seeded.order), // lines, one with schedules, one without
      await entryOf("item", seeded.items[0]), // json attributes, numbers, nulls
      await entryOf("item", seeded.items[1]),
      await entryOf("customer", seeded.customer),
      await entryOf("sales_order", bare.order, (tx) =>
        tx.raw("DELETE FROM app.sales_order_line WHERE parent_id = ?", [bare.order]),
      ),
    ];
    for (const { after, stored } of cases) {
      expect(stored).toEqual([{ version: after.version, fields: diffRecords(null, after) }]);
    }
    expect(cases[4]!.after.lines).toEqual([]);
  });

  it("lists create, update, delete and restore newest first with their changes, lines included", async () => {
    const seeded = await seedOrder(db);
    const created = await read("sales_order", seeded.order);
    await db.transaction((tx) =>
      recordAudit(tx, {
        entity: "sales_order",
        recordId: seeded.order,
        action: "create",
        actor: "ann",
        before: null,
        after: created,
      }),
    );
    const added = randomUUID();
    await db.transaction(async (tx) => {
      await tx.raw(
        `UPDATE app.sales_order SET remark = NULL, version = 4, updated_at = now() WHERE id = ?`,
        [seeded.order],
      );
      await tx.raw(`UPDATE app.sales_order_line SET qty = 13 WHERE id = ?`, [seeded.lines[0]]);
      await tx.raw(`UPDATE app.delivery_schedule SET delivered = true WHERE id = ?`, [
        seeded.schedules[1],
      ]);
      await tx.raw(`DELETE FROM app.sales_order_line WHERE id = ?`, [seeded.lines[1]]);
      await tx.raw(
        `INSERT INTO app.sales_order_line (id, parent_id, line_no, item, qty, unit_price) VALUES (?, ?, 2, ?, 2, 1.5)`,
        [added, seeded.order, seeded.items[1]],
      );
      const updated = (await readRecord(tx, plans.get("sales_order")!, seeded.order)) as JsonRecord;
      await recordAudit(tx, {
        entity: "sales_order",
        recordId: seeded.order,
        action: "update",
        actor: "bob",
        before: created,
        after: updated,
      });
    });
    const updated = await read("sales_order", seeded.order);
    expect(
      (await api.delete(`/api/data/sales_order/${seeded.order}`).set("If-Match", "4")).status,
    ).toBe(204);
    const trash = await api.get("/api/trash").query({ entity: "sales_order", limit: "1" });
    expect((await api.post(`/api/trash/${trash.body.data[0].trashId}/restore`)).status).toBe(200);

    const response = await history("sales_order", seeded.order);

    expect(response.status).toBe(200);
    const entries = response.body.data as {
      id: number;
      action: string;
      actor: string | null;
      at: string;
      version: number;
      changes: Record<string, unknown>;
    }[];
    expect(entries.map((e) => [e.action, e.actor, e.version])).toEqual([
      ["restore", "tester", 5],
      ["delete", "tester", 4],
      ["update", "bob", 4],
      ["create", "ann", 3],
    ]);
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => b - a));
    for (const entry of entries) expect(Date.parse(entry.at)).not.toBeNaN();
    const [restored, deleted, update, create] = entries;
    const { customer, order_date, remark, lines } = created;
    expect(create!.changes).toMatchObject({
      customer: { after: customer },
      order_date: { after: order_date },
      remark: { after: remark },
      lines: { added: lines, removed: [], changed: [] },
    });
    expect(create!.changes).not.toHaveProperty("version");
    expect(create!.changes).not.toHaveProperty("updated_at");
    const createdLines = lines as JsonRecord[];
    expect(update!.changes).toEqual({
      remark: { before: "rush", after: null },
      lines: {
        added: [(updated.lines as JsonRecord[])[1]],
        removed: [createdLines[1]],
        changed: [
          {
            id: seeded.lines[0],
            fields: {
              qty: { before: 12.5, after: 13 },
              schedule: {
                added: [],
                removed: [],
                changed: [
                  {
                    id: seeded.schedules[1],
                    fields: { delivered: { before: false, after: true } },
                  },
                ],
              },
            },
          },
        ],
      },
    });
    expect(deleted!.changes).toMatchObject({
      remark: { before: null },
      lines: { added: [], removed: updated.lines, changed: [] },
    });
    expect(restored!.changes).toMatchObject({ lines: { added: updated.lines } });
  });

  it("keeps the history of a deleted record readable", async () => {
    const seeded = await seedOrder(db);
    expect((await api.delete(`/api/data/customer/${seeded.customer}?version=1`)).status).toBe(409);
    expect((await api.delete(`/api/data/item/${seeded.items[1]}?version=1`)).status).toBe(409);
    expect((await api.delete(`/api/data/sales_order/${seeded.order}?version=3`)).status).toBe(204);

    const response = await history("sales_order", seeded.order);

    expect(response.status).toBe(200);
    expect(response.body.data).toHaveLength(1);
    expect(response.body.data[0]).toMatchObject({ action: "delete", version: 3 });
    expect(response.body.data[0].changes.order_no.before).toMatch(/^SO-/);
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    const seeded = await seedOrder(db);
    const customer = await read("customer", seeded.customer);
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, {
          entity: "customer",
          recordId: seeded.customer,
          action: "update",
          actor: null,
          before: customer,
          after: { ...customer, name: "Other" },
        });
        throw new Error("the write failed after its audit entry");
      }),
    ).rejects.toThrow("the write failed");
    expect(
      await countRows(db, `SELECT count(*) AS n FROM loom_sys.audit_log WHERE record_id = ?`, [
        seeded.customer,
      ]),
    ).toBe(0);
  });

  it("pages newest first with limit and before, past ten entries", async () => {
    const seeded = await seedOrder(db);
    const customer = await read("customer", seeded.customer);
    await db.transaction(async (tx) => {
      for (let n = 1; n <= 12; n++)
        await recordAudit(tx, {
          entity: "customer",
          recordId: seeded.customer,
          action: "update",
          actor: null,
          before: { ...customer, name: `name ${n - 1}`, version: n },
          after: { ...customer, name: `name ${n}`, version: n + 1 },
        });
    });
    const names: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await history("customer", seeded.customer, {
        limit: "5",
        ...(before ? { before } : {}),
      });
      expect(page.status).toBe(200);
      if (page.body.data.length === 0) break;
      names.push(
        ...page.body.data.map(
          (e: { changes: { name: { after: string } } }) => e.changes.name.after,
        ),
      );
      before = String(page.body.data.at(-1).id);
    }
    expect(names).toEqual(Array.from({ length: 12 }, (_, i) => `name ${12 - i}`));
  });

  it("answers 404 for an unknown entity or record, 400 for a bad id or parameter, [] for a record never audited", async () => {
    const seeded = await seedOrder(db);
    expect((await history("no_such", seeded.order)).body.code).toBe("unknown-entity");
    expect((await history("sales_order_line", seeded.lines[0])).body.code).toBe("unknown-entity");
    expect((await history("sales_order", randomUUID())).status).toBe(404);
    expect((await history("sales_order", "nope")).body.code).toBe("bad-id");
    const badQueries: Record<string, string>[] = [
      { limit: "0" },
      { limit: "x" },
      { before: "-1" },
      { expand: "customer" },
    ];
    for (const query of badQueries)
      expect(
        (await history("sales_order", seeded.order, query)).status,
        JSON.stringify(query),
      ).toBe(400);
    const never = await history("sales_order", seeded.order);
    expect(never.status).toBe(200);
    expect(never.body).toEqual({ data: [] });
  });
});
