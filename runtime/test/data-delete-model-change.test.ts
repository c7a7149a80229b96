import { type EntityDef, type LoadedPackage, parsePackage } from "@loom/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { SAMPLE_PACKAGES } from "../src/server/start-server.ts";
import { applyPackages } from "../src/store/apply-packages.ts";
import { readPackageDir } from "../src/store/read-package-dir.ts";
import { auditApp, installSample, type SeededOrder, seedOrder } from "./data-audit-app.ts";
import { authed, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";

/** The manufacturing sample at 1.1.0, its entity files edited as a consultant would. */
async function manufacturingUpgrade(
  edit: (entities: Record<string, EntityDef>) => void,
): Promise<LoadedPackage> {
  const files = await readPackageDir(SAMPLE_PACKAGES[0]!);
  const entities: Record<string, EntityDef> = {};
  for (const [file, text] of Object.entries(files))
    if (file.startsWith("entities/")) entities[file] = JSON.parse(text) as EntityDef;
  edit(Object.fromEntries(Object.values(entities).map((entity) => [entity.name, entity])));
  const edited: Record<string, string> = {
    "loom-package.json": JSON.stringify({
      ...JSON.parse(files["loom-package.json"]!),
      version: "1.1.0",
    }),
  };
  for (const [file, entity] of Object.entries(entities)) edited[file] = JSON.stringify(entity);
  const { package: loaded, issues } = parsePackage(edited);
  if (!loaded) throw new Error(`the upgrade does not parse: ${JSON.stringify(issues)}`);
  return loaded;
}

describe.each(testDatabases())("restoring after the model changed on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  let seeded: SeededOrder;
  let deleted: Record<string, unknown>;
  let token: string;

  beforeAll(async () => {
    db = await open();
    await installSample(db);
    token = (await signIn(db)).token;
    seeded = await seedOrder(db);
    await db.transaction(async (tx) => {
      await tx.raw(
        `UPDATE app.sales_order SET customer_po_no = 'PO-7', sales_person = 'Wang' WHERE id = ?`,
        [seeded.order],
      );
      await tx.raw(`UPDATE app.sales_order_line SET description = 'M8 zinc' WHERE id = ?`, [
        seeded.lines[1],
      ]);
    });
    const before = authed(await auditApp(db), token);
    deleted = (await before.get(`/api/data/sales_order/${seeded.order}`)).body;
    expect((await before.delete(`/api/data/sales_order/${seeded.order}?version=3`)).status).toBe(
      204,
    );

    const upgrade = await manufacturingUpgrade((entities) => {
      const order = entities.sales_order!;
      order.fields = order.fields.filter((field) => field.name !== "customer_po_no");
      const person = order.fields.find((field) => field.name === "sales_person")!;
      person.name = "salesperson";
      person.renamedFrom = "sales_person";
      for (const index of order.indexes ?? [])
        index.fields = index.fields.map((name) => (name === "sales_person" ? "salesperson" : name));
      order.fields.push({
        name: "priority",
        type: "text",
        labels: { en: "Priority" },
        default: "normal",
      });
      const line = entities.sales_order_line!;
      line.fields = line.fields.filter((field) => field.name !== "description");
    });
    await applyPackages(db, [upgrade, SAMPLE_PACKAGES[1]!], { allowDataLoss: true, actor: "test" });
  });
  afterAll(() => db?.dispose());

  it("writes by the current model: new fields get their default, renamed ones keep their value, removed ones are reported", async () => {
    const app = authed(await auditApp(db), token);
    const [entry] = (await app.get("/api/trash").query({ entity: "sales_order" })).body.data;

    const response = await app.post(`/api/trash/${entry.trashId}/restore`);

    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const record = response.body.record;
    expect(record).toMatchObject({
      id: seeded.order,
      version: 4,
      priority: "normal",
      salesperson: "Wang",
      remark: deleted.remark,
      customer: seeded.customer,
    });
    expect(record).not.toHaveProperty("customer_po_no");
    expect(record.lines.map((line: { id: string }) => line.id)).toEqual(seeded.lines);
    expect(record.lines[1]).not.toHaveProperty("description");
    expect(response.body.warnings).toEqual([
      {
        path: "/customer_po_no",
        message: "sales_order.customer_po_no no longer exists: its stored value was not restored",
      },
      {
        path: "/lines/description",
        message: "sales_order_line.description no longer exists: its stored value was not restored",
      },
    ]);
  });
});
