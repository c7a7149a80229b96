import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { apiClient, type Json } from "./support/api-client.ts";
import { testDatabases } from "./support/databases.ts";
import { useSampleServer } from "./support/sample-app.ts";

/** The manufacturing sample's sales-order approval, run the way its users run it. */
describe.each(testDatabases())("the sample's sales order approval on $name", (target) => {
  const app = useSampleServer(target);
  const item = randomUUID();
  const customer = randomUUID();
  let seeded = false;

  async function seed(): Promise<void> {
    if (seeded) return;
    seeded = true;
    const unit = randomUUID();
    await app.db.transaction(async (tx) => {
      await tx.raw(`INSERT INTO app.unit (id, code, name) VALUES (?, 'PCS', 'Piece')`, [unit]);
      await tx.raw(
        `INSERT INTO app.customer (id, code, name, customer_type, credit_limit, is_active) VALUES (?, 'C1', 'Acme', 'company', 5000000, true)`,
        [customer],
      );
      await tx.raw(
        `INSERT INTO app.item (id, code, name, item_type, unit, standard_price) VALUES (?, 'I1', 'Pump', 'finished_good', ?, 2000)`,
        [item, unit],
      );
    });
  }

  const { as, call } = apiClient(app);

  /** an order of li's, entered by li (a sales rep), worth qty × 2,000 */
  async function order(qty: number, extra: Json = {}): Promise<string> {
    await seed();
    const li = await as("li", ["sales_rep"]);
    const created = await call(li, "POST", "/api/data/sales_order", {
      customer,
      sales_person: "li",
      department: "domestic",
      delivery_date: "2026-12-31",
      lines: [{ item, qty, unit_price: 2000 }],
      ...extra,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const submitted = await call(li, "POST", `/api/workflow/sales_order/${id}/actions/submit`);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    return id;
  }
  const statusOf = async (id: string) =>
    (await call(app.fetch, "GET", `/api/data/sales_order/${id}`)).body.status;
  const approve = async (who: typeof fetch, id: string) =>
    call(who, "POST", `/api/workflow/sales_order/${id}/actions/approve`, { comment: "ok" });

  it("sends an order over 100,000 to the CFO and a smaller one to a sales manager", async () => {
    const manager = await as("wang", ["sales_manager"], { department: "domestic" });
    const cfo = await as("zhao", ["cfo"]);
    const big = await order(60);
    const small = await order(10);
    expect(await statusOf(big)).toBe("pending_cfo");
    expect(await statusOf(small)).toBe("pending_manager");
    expect((await approve(manager, big)).status).toBe(403);
    expect((await approve(cfo, big)).status).toBe(200);
    expect((await approve(manager, small)).status).toBe(200);
    expect([await statusOf(big), await statusOf(small)]).toEqual(["approved", "approved"]);
    const told = await app.db.run(
      async (k) =>
        (
          await k.raw(
            `SELECT count(*)::int AS n FROM loom_sys.notifications WHERE "username" = 'li' AND "record_id" = ANY(?::uuid[])`,
            [[big, small]],
          )
        ).rows[0].n,
    );
    expect(told).toBe(2);
  });

  it("reads the large order limit from this environment's parameter value", async () => {
    const setLimit = async (value: number | null) => {
      if (value !== null) {
        const set = await call(app.fetch, "PUT", "/api/packages/parameters", {
          values: { large_order_limit: value },
        });
        expect(set.status).toBe(200);
      } else
        await app.db.run((k) =>
          k.raw(`DELETE FROM loom_sys.parameter_values WHERE name = 'large_order_limit'`),
        );
    };
    const refused = await call(app.fetch, "PUT", "/api/packages/parameters", {
      values: { large_order_limit: "lots" },
    });
    expect(refused).toMatchObject({ status: 422, body: { code: "invalid-parameter" } });
    await setLimit(10_000);
    try {
      expect(await statusOf(await order(10))).toBe("pending_cfo");
    } finally {
      await setLimit(null);
    }
    expect(await statusOf(await order(10))).toBe("pending_manager");
  });

  it("has finance and legal countersign a contract order, both of them", async () => {
    const finance = await as("qian", ["finance"]);
    const legal = await as("sun", ["legal"]);
    const id = await order(5, { is_contract: true });
    expect(await statusOf(id)).toBe("pending_countersign");
    expect((await approve(finance, id)).body.moved).toBe(false);
    expect(await statusOf(id)).toBe("pending_countersign");
    expect((await approve(legal, id)).body.moved).toBe(true);
    expect(await statusOf(id)).toBe("approved");
  });

  it("lets the rep withdraw a pending order, and locks its fields while it waits", async () => {
    await as("wang", ["sales_manager"], { department: "domestic" });
    const li = await as("li", ["sales_rep"]);
    const id = await order(3);
    const current = (await call(li, "GET", `/api/data/sales_order/${id}`)).body;
    const edit = await call(li, "PATCH", `/api/data/sales_order/${id}`, {
      customer_po_no: "PO-9",
      version: current.version,
    });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe("field-locked");
    const withdrawn = await call(li, "POST", `/api/workflow/sales_order/${id}/actions/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(await statusOf(id)).toBe("draft");
  });
});
