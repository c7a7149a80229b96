import type { EntityDef } from "@loom/engine";
import type { Response } from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { applyPackages } from "../src/store/apply-packages.ts";
import { type Api, authed, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";
import { shopVersion } from "./support/packages.ts";
import { currentApp } from "./support/sample-app.ts";

/** Values only the retired columns hold: no answer may contain them, nor the hidden names. */
const SECRET_CODE = "CODE-RETIRED-1";
const SECRET_REF = "LEGACY-RETIRED-7";

/** shop whose customers keep a history and whose items link to a supplier (a customer) */
function shop(version: string, edit: (entities: Record<string, EntityDef>) => void = () => {}) {
  return shopVersion(version, (e) => {
    e.customer!.trackChanges = true;
    e.item!.fields.push({
      name: "supplier",
      type: "link",
      target: "customer",
      labels: { en: "Supplier" },
    });
    edit(e);
  });
}

describe.each(testDatabases())("retired columns through the HTTP API on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  let api: Api;
  let customer: string;
  let item: string;

  beforeAll(async () => {
    db = await open();
    await applyPackages(db, [await shop("1.0.0")], { allowDataLoss: false, actor: "test" });
    await db.transaction(async (tx) => {
      customer = (
        await tx.raw(
          `INSERT INTO app.customer (code, name, legacy_ref) VALUES (?, 'Acme', ?) RETURNING id`,
          [SECRET_CODE, SECRET_REF],
        )
      ).rows[0].id;
      item = (
        await tx.raw(`INSERT INTO app.item (name, supplier) VALUES ('bolt', ?) RETURNING id`, [
          customer,
        ])
      ).rows[0].id;
    });
    const v2 = await shop("1.1.0", (e) => {
      e.customer!.fields = e.customer!.fields.filter(
        (f) => f.name !== "code" && f.name !== "legacy_ref",
      );
    });
    await applyPackages(db, [v2], { allowDataLoss: false, actor: "test", dropColumns: "retire" });
    api = authed(await currentApp(db), (await signIn(db)).token);
  });
  afterAll(() => db?.dispose());

  /** A successful answer that says nothing of the retired columns. */
  function expectNothingRetired(res: Response, status = 200): void {
    expect(res.status, res.text).toBe(status);
    for (const hidden of ["~retired~", SECRET_CODE, SECRET_REF, "legacy_ref", '"code"']) {
      expect(res.text).not.toContain(hidden);
    }
  }

  it("lists, gets and expands records without the retired columns", async () => {
    const list = await api.get("/api/data/customer");
    expectNothingRetired(list);
    expect(Object.keys(list.body.data[0]).sort()).toEqual(
      ["created_at", "created_by", "id", "name", "updated_at", "updated_by", "version"].sort(),
    );
    expectNothingRetired(await api.get(`/api/data/customer/${customer}`));
    const expanded = await api.get(`/api/data/item?expand=supplier`);
    expectNothingRetired(expanded);
    expect(expanded.body.data[0].supplier).toMatchObject({ id: customer, name: "Acme" });
    expectNothingRetired(await api.get(`/api/data/item/${item}?expand=supplier`));
  });

  it("exports CSV without the retired columns", async () => {
    const csv = await api.get("/api/data/customer/export.csv");
    expectNothingRetired(csv);
    expect(csv.text).toContain("Acme");
  });

  it("creates and updates records while their old columns are retired, keeping them out of history", async () => {
    const created = await api.post("/api/data/customer").send({ name: "Cube" });
    expectNothingRetired(created, 201);
    const current = await api.get(`/api/data/customer/${customer}`);
    const updated = await api
      .patch(`/api/data/customer/${customer}`)
      .set("If-Match", `"${current.body.version}"`)
      .send({ name: "Acme Ltd" });
    expectNothingRetired(updated);
    const history = await api.get(`/api/data/customer/${customer}/history`);
    expectNothingRetired(history);
    expect(history.body.data).toHaveLength(1);
    // the retired values stay where they were, under the hidden names
    const kept = await db.run(
      async (k) =>
        (
          await k.raw(`SELECT "legacy_ref~retired~1" AS ref FROM app.customer WHERE id = ?`, [
            customer,
          ])
        ).rows,
    );
    expect(kept).toEqual([{ ref: SECRET_REF }]);
  });

  it("describes the API without the retired columns", async () => {
    const openapi = await api.get("/api/openapi.json");
    expect(openapi.status).toBe(200);
    expect(openapi.text).not.toContain("~retired~");
    expect(openapi.text).not.toContain("legacy_ref");
    expect(Object.keys(openapi.body.components.schemas.customer.properties)).not.toContain("code");
  });
});
