import type { Express } from "express";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { type Api, authed, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";
import { currentApp, installSample } from "./support/sample-app.ts";

type Json = Record<string, unknown>;

/** A value that is sometimes right for the field and often not. */
const anyValue = (...good: unknown[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...good), weight: 60 },
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(null, "", "nul\u0000", -1, 1e300, 1e14, 101, "0000-01-01", "2024-02-30"),
  );

const line = (item: string) =>
  fc.record(
    {
      item: anyValue(item, "00000000-0000-4000-8000-000000000000"),
      qty: anyValue(1, 0, 12.3456),
      unit_price: anyValue(2.5, 0),
      discount: anyValue(0, 100, 12.5),
      amount: anyValue(5),
      schedule: fc.array(
        fc.record(
          { delivery_date: anyValue("2099-01-01"), qty: anyValue(1, 100) },
          { requiredKeys: ["delivery_date", "qty"] },
        ),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: ["item", "qty", "unit_price"] },
  );

const orderBody = (customer: string, item: string) =>
  fc.record(
    {
      customer: anyValue(customer),
      delivery_date: anyValue("2099-12-31", "2000-01-01"),
      order_date: anyValue("2026-01-01"),
      status: anyValue("draft", "rejected"),
      currency: anyValue("USD"),
      exchange_rate: anyValue(1, 7.1234567),
      sales_channel: anyValue("direct", "export"),
      project_code: anyValue("PRJ-0042"),
      remark: anyValue("hello"),
      lines: fc.oneof(
        { arbitrary: fc.array(line(item), { minLength: 1, maxLength: 3 }), weight: 10 },
        fc.jsonValue({ maxDepth: 1 }),
      ),
    },
    { requiredKeys: ["customer", "delivery_date", "lines"] },
  );

describe.each(testDatabases())("random write bodies on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  let app: Express;
  let api: Api;
  let customer: string;
  let item: string;

  beforeAll(async () => {
    db = await open();
    await installSample(db);
    app = await currentApp(db);
    api = authed(app, (await signIn(db)).token);
    const post = async (entity: string, body: Json) => {
      const response = await api.post(`/api/data/${entity}`).send(body);
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body.id as string;
    };
    const unit = await post("unit", { code: "PCS", name: "Piece", decimals: 0 });
    item = await post("item", { code: "ITEM-1", name: "Item", item_type: "raw_material", unit });
    customer = await post("customer", { code: "C-1", name: "Customer" });
  });
  afterAll(() => db?.dispose());

  const orderCount = () =>
    db.run(async (k) =>
      Number((await k.raw(`SELECT count(*) AS n FROM app.sales_order_line`)).rows[0].n),
    );

  it("answers a create with 201 or a 4xx that wrote nothing, never a 500", async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(orderBody(customer, item), async (body) => {
        const before = await orderCount();
        const response = await api.post("/api/data/sales_order").send(body);
        expect([201, 400, 409, 422], JSON.stringify(response.body)).toContain(response.status);
        if (response.status !== 201) expect(await orderCount()).toBe(before);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }),
      {
        numRuns: 150,
        examples: [
          [{ customer, delivery_date: "2099-12-31", lines: [{ item, qty: 2, unit_price: 1.5 }] }],
        ],
      },
    );
    console.log("create statuses", Object.fromEntries(statuses));
    // the generator must reach every stage, not only the schema check
    expect([...statuses.keys()].sort()).toEqual([201, 400, 422]);
  });

  it("answers a PATCH with 200 or a 4xx, never a 500", async () => {
    const created = await api.post("/api/data/sales_order").send({
      customer,
      delivery_date: "2099-12-31",
      lines: [{ item, qty: 1, unit_price: 1 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const path = `/api/data/sales_order/${created.body.id}`;
    await fc.assert(
      fc.asyncProperty(orderBody(customer, item), async (body) => {
        const current = (await api.get(path)).body;
        const response = await api.patch(path).send({ ...body, version: current.version });
        expect([200, 400, 409, 422], JSON.stringify(response.body)).toContain(response.status);
      }),
      { numRuns: 150 },
    );
  });
});
