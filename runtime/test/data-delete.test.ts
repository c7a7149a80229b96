import { randomUUID } from "node:crypto";
import type { Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import {
  auditApp,
  countRows,
  installSample,
  type SeededOrder,
  seedOrder,
} from "./data-audit-app.ts";
import { type Api, authed, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";

describe.each(testDatabases())("delete to trash and restore on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  let app: Express;
  let api: Api;

  beforeAll(async () => {
    db = await open();
    await installSample(db);
    app = await auditApp(db);
    api = authed(app, (await signIn(db)).token);
  });
  afterAll(() => db?.dispose());

  const get = (path: string) => api.get(path);
  const del = (entity: string, id: string, version?: number) =>
    api
      .delete(`/api/data/${entity}/${id}`)
      .set(version === undefined ? {} : { "If-Match": `"${version}"` });
  const restore = (trashId: number | string) => api.post(`/api/trash/${trashId}/restore`);
  const trashOf = async (recordId: string) => {
    const response = await get("/api/trash").query({ limit: "500" });
    expect(response.status).toBe(200);
    return (response.body.data as { recordId: string; trashId: number }[]).filter(
      (item) => item.recordId === recordId,
    );
  };
  /** everything a failed request must not have touched */
  const footprint = async (seeded: SeededOrder) => ({
    order: (await get(`/api/data/sales_order/${seeded.order}`)).body,
    customer: (await get(`/api/data/customer/${seeded.customer}`)).body,
    trash: await countRows(db, `SELECT count(*) AS n FROM loom_sys.trash`),
    audit: await countRows(db, `SELECT count(*) AS n FROM loom_sys.audit_log`),
  });

  it("moves a record with its lines to the trash: gone from GET and the list, listed in the trash", async () => {
    const seeded = await seedOrder(db);
    const before = (await get(`/api/data/sales_order/${seeded.order}`)).body;

    const response = await del("sales_order", seeded.order, 3);

    expect(response.status, JSON.stringify(response.body)).toBe(204);
    expect((await get(`/api/data/sales_order/${seeded.order}`)).status).toBe(404);
    const list = await get("/api/data/sales_order").query({ id: seeded.order });
    expect(list.body.data).toEqual([]);
    expect(
      await countRows(db, `SELECT count(*) AS n FROM app.sales_order_line WHERE parent_id = ?`, [
        seeded.order,
      ]),
    ).toBe(0);
    expect(
      await countRows(db, `SELECT count(*) AS n FROM app.delivery_schedule WHERE parent_id = ?`, [
        seeded.lines[0],
      ]),
    ).toBe(0);
    const [item] = await trashOf(seeded.order);
    expect(item).toMatchObject({
      entity: "sales_order",
      recordId: seeded.order,
      deletedBy: "tester",
      title: before.order_no,
    });
    const stored = await db.run(
      async (k) =>
        (await k.raw(`SELECT record FROM loom_sys.trash WHERE record_id = ?`, [seeded.order]))
          .rows[0].record,
    );
    expect(stored).toEqual(before);
  });

  it("restores the identical record and lines with the same ids and version + 1", async () => {
    const seeded = await seedOrder(db);
    const before = (await get(`/api/data/sales_order/${seeded.order}?expand=customer`)).body;
    expect((await del("sales_order", seeded.order, 3)).status).toBe(204);
    const [item] = await trashOf(seeded.order);

    const response = await restore(item!.trashId);

    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.warnings).toEqual([]);
    const after = (await get(`/api/data/sales_order/${seeded.order}?expand=customer`)).body;
    expect(response.body.record).toEqual((await get(`/api/data/sales_order/${seeded.order}`)).body);
    const { version, updated_at, ...rest } = after;
    const { version: oldVersion, updated_at: _old, ...oldRest } = before;
    expect(version).toBe(oldVersion + 1);
    // the restore is the signed-in user's change
    expect(rest).toEqual({ ...oldRest, updated_by: "tester" });
    expect(after.lines.map((line: { id: string }) => line.id)).toEqual(seeded.lines);
    expect(after.lines[0].schedule.map((s: { id: string }) => s.id)).toEqual(seeded.schedules);
    expect(await trashOf(seeded.order)).toEqual([]);
    expect((await restore(item!.trashId)).status).toBe(404);
  });

  it("restores json, multiselect, money and boolean values exactly", async () => {
    const seeded = await seedOrder(db);
    await db.run((k) => k.raw(`DELETE FROM app.sales_order WHERE id = ?`, [seeded.order]));
    for (const [entity, id] of [
      ["item", seeded.items[0]],
      ["customer", seeded.customer],
    ] as const) {
      const before = (await get(`/api/data/${entity}/${id}`)).body;
      expect((await del(entity, id, 1)).status).toBe(204);
      const [item] = await trashOf(id);
      const response = await restore(item!.trashId);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body.record).toEqual({
        ...before,
        version: 2,
        updated_at: response.body.record.updated_at,
        updated_by: "tester",
      });
    }
  });

  it("refuses to delete a customer an order refers to, naming sales_order.customer, and changes nothing", async () => {
    const seeded = await seedOrder(db);
    const before = await footprint(seeded);

    const response = await del("customer", seeded.customer, 1);

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      code: "still-referenced",
      details: [{ path: "/sales_order/customer", message: `1 record(s), e.g. ${seeded.order}` }],
    });
    expect(await footprint(seeded)).toEqual(before);
  });

  it("counts a link on a line as a reference of the line's document", async () => {
    const seeded = await seedOrder(db);
    const other = await seedOrder(db);
    // a second order using the same item on two lines still counts once
    await db.run((k) =>
      k.raw(
        `INSERT INTO app.sales_order_line (id, parent_id, line_no, item, qty, unit_price) VALUES (?, ?, 3, ?, 1, 1), (?, ?, 4, ?, 1, 1)`,
        [randomUUID(), other.order, seeded.items[0], randomUUID(), other.order, seeded.items[0]],
      ),
    );

    const response = await del("item", seeded.items[0], 1);

    expect(response.status).toBe(409);
    expect(response.body.code).toBe("still-referenced");
    const [ids] = [[seeded.order, other.order].sort().join(", ")];
    expect(response.body.details).toEqual([
      { path: "/sales_order/lines/item", message: `2 record(s), e.g. ${ids}` },
    ]);
  });

  it("checks the version: stale → 409 with the current one, missing → 428, malformed → 400", async () => {
    const seeded = await seedOrder(db);
    const before = await footprint(seeded);

    const stale = await del("sales_order", seeded.order, 2);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: "version-conflict", currentVersion: 3 });
    const missing = await del("sales_order", seeded.order);
    expect(missing.status).toBe(428);
    expect(missing.body.code).toBe("version-required");
    for (const bad of ["abc", "*", "0", "-1", "1.5"]) {
      const response = await api
        .delete(`/api/data/sales_order/${seeded.order}`)
        .set("If-Match", bad);
      expect(response.status, bad).toBe(400);
    }
    const disagree = await api
      .delete(`/api/data/sales_order/${seeded.order}?version=2`)
      .set("If-Match", "3");
    expect(disagree.status).toBe(400);
    expect((await api.delete(`/api/data/sales_order/${seeded.order}?version=x`)).status).toBe(400);
    expect(await footprint(seeded)).toEqual(before);

    const byQuery = await api.delete(`/api/data/sales_order/${seeded.order}?version=3`);
    expect(byQuery.status).toBe(204);
  });

  it("lets one of two concurrent deletes win: the other finds nothing, one trash entry", async () => {
    const seeded = await seedOrder(db);

    const statuses = await Promise.all([
      del("sales_order", seeded.order, 3),
      del("sales_order", seeded.order, 3),
    ]).then((responses) => responses.map((response) => response.status).sort());

    expect(statuses).toEqual([204, 404]);
    expect(await trashOf(seeded.order)).toHaveLength(1);
  });

  it("answers 404 for an unknown record, entity or child entity and 400 for a bad id or parameter", async () => {
    expect((await del("sales_order", randomUUID(), 1)).status).toBe(404);
    expect((await del("no_such_entity", randomUUID(), 1)).body.code).toBe("unknown-entity");
    expect((await del("sales_order_line", randomUUID(), 1)).body.code).toBe("unknown-entity");
    expect((await del("sales_order", "not-a-uuid", 1)).body.code).toBe("bad-id");
    const extra = await api.delete(`/api/data/sales_order/${randomUUID()}?version=1&force=true`);
    expect(extra.status).toBe(400);
    expect(extra.body.code).toBe("unknown-parameter");
  });

  it("refuses a restore when the id exists again or a link target is gone, saying which", async () => {
    const seeded = await seedOrder(db);
    expect((await del("sales_order", seeded.order, 3)).status).toBe(204);
    const [item] = await trashOf(seeded.order);
    // with the order gone, its customer can go too
    expect((await del("customer", seeded.customer, 1)).status).toBe(204);

    const gone = await restore(item!.trashId);

    expect(gone.status).toBe(409);
    expect(gone.body).toMatchObject({
      code: "restore-conflict",
      details: [{ path: "/customer", message: `customer ${seeded.customer} no longer exists` }],
    });
    const [customerItem] = await trashOf(seeded.customer);
    expect((await restore(customerItem!.trashId)).status).toBe(200);
    await db.run((k) =>
      k.raw(
        `INSERT INTO app.sales_order (id, order_no, customer, order_date, delivery_date) VALUES (?, 'X-1', ?, '2024-01-01', '2024-01-02')`,
        [seeded.order, seeded.customer],
      ),
    );
    const taken = await restore(item!.trashId);
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: "restore-conflict", details: [{ path: "/id" }] });
    expect(await trashOf(seeded.order)).toHaveLength(1);
  });

  it("refuses a restore whose unique value another record took meanwhile, and stays restorable", async () => {
    const seeded = await seedOrder(db);
    const orderNo = (await get(`/api/data/sales_order/${seeded.order}`)).body.order_no;
    expect((await del("sales_order", seeded.order, 3)).status).toBe(204);
    const [item] = await trashOf(seeded.order);
    const other = randomUUID();
    await db.run((k) =>
      k.raw(
        `INSERT INTO app.sales_order (id, order_no, customer, order_date, delivery_date) VALUES (?, ?, ?, '2024-01-01', '2024-01-02')`,
        [other, orderNo, seeded.customer],
      ),
    );

    const response = await restore(item!.trashId);

    expect(response.status).toBe(409);
    expect(response.body.code).toBe("restore-conflict");
    expect(JSON.stringify(response.body)).not.toMatch(/duplicate key|violates/);
    expect((await get(`/api/data/sales_order/${seeded.order}`)).status).toBe(404);
    await db.run((k) => k.raw(`DELETE FROM app.sales_order WHERE id = ?`, [other]));
    expect((await restore(item!.trashId)).status).toBe(200);
  });

  it("names a line's missing link target by its path in the record", async () => {
    const seeded = await seedOrder(db);
    expect((await del("sales_order", seeded.order, 3)).status).toBe(204);
    const [item] = await trashOf(seeded.order);
    expect((await del("item", seeded.items[1], 1)).status).toBe(204);

    const response = await restore(item!.trashId);

    expect(response.status).toBe(409);
    expect(response.body.details).toEqual([
      { path: "/lines/1/item", message: `item ${seeded.items[1]} no longer exists` },
    ]);
  });

  it("answers 404 for an unknown trash entry and 400 for a malformed one", async () => {
    expect((await restore(987654321)).status).toBe(404);
    expect((await restore("abc")).status).toBe(400);
    expect((await restore("0")).status).toBe(400);
  });

  it("lists the trash newest first, filtered by entity and paged with limit and before", async () => {
    const a = await seedOrder(db);
    const b = await seedOrder(db);
    expect((await del("sales_order", a.order, 3)).status).toBe(204);
    expect((await del("sales_order", b.order, 3)).status).toBe(204);
    expect((await del("item", a.items[1], 1)).status).toBe(204);

    const first = await get("/api/trash").query({ entity: "sales_order", limit: "1" });
    expect(first.status).toBe(200);
    expect(first.body.data.map((i: { recordId: string }) => i.recordId)).toEqual([b.order]);
    const next = await get("/api/trash").query({
      entity: "sales_order",
      limit: "1",
      before: String(first.body.data[0].trashId),
    });
    expect(next.body.data.map((i: { recordId: string }) => i.recordId)).toEqual([a.order]);
    const all = await get("/api/trash");
    expect(all.body.data[0]).toMatchObject({ entity: "item", recordId: a.items[1], title: "Nut" });
    expect(Date.parse(all.body.data[0].deletedAt)).not.toBeNaN();
    for (const query of [{ limit: "0" }, { limit: "501" }, { before: "x" }, { sort: "id" }])
      expect((await get("/api/trash").query(query)).status, JSON.stringify(query)).toBe(400);
  });

  it("leaves no trash row and the record intact when the delete fails after the trash insert", async () => {
    const seeded = await seedOrder(db);
    await db.run((k) =>
      k.raw(`CREATE FUNCTION app.refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN RAISE EXCEPTION 'injected failure'; END $$;
             CREATE TRIGGER refuse_delete BEFORE DELETE ON app.sales_order
             FOR EACH ROW EXECUTE FUNCTION app.refuse_delete()`),
    );
    try {
      const before = await footprint(seeded);
      const response = await del("sales_order", seeded.order, 3);
      expect(response.status).toBe(500);
      expect(JSON.stringify(response.body)).not.toContain("injected");
      expect(await footprint(seeded)).toEqual(before);
    } finally {
      await db.run((k) =>
        k.raw(`DROP TRIGGER refuse_delete ON app.sales_order; DROP FUNCTION app.refuse_delete()`),
      );
    }
  });
});
