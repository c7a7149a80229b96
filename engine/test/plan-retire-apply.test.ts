import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { physicalSchema } from "../src/plan/physical-schema.ts";
import type { PhysicalSchema } from "../src/plan/physical-types.ts";
import { planMigration } from "../src/plan/plan-migration.ts";
import type { MigrationPlan, MigrationStep, RetiredColumn } from "../src/plan/types.ts";
import { introspect } from "./support/introspect.ts";
import { entity, field, model } from "./support/plan-model-builder.ts";
import { mutateModel, randomModel } from "./support/plan-random-models.ts";
import { retiredAfter } from "./support/retired-ledger.ts";
import { applyPlan, inScratchSchemas, type SqlTarget, sqlTargets } from "./support/sql-targets.ts";

const RETIRE = { dropColumns: "retire" } as const;
const isHidden = (column: string) => column.includes("~retired~");

/** The schema without retired columns, and the retired columns as `table.hidden name` → column. */
function split(schema: PhysicalSchema): {
  visible: PhysicalSchema;
  hidden: Record<string, unknown>;
} {
  const hidden: Record<string, unknown> = {};
  const tables = Object.fromEntries(
    Object.entries(schema.tables).map(([name, table]) => {
      const columns = Object.fromEntries(
        Object.entries(table.columns).filter(([column, definition]) => {
          if (isHidden(column)) hidden[`${name}.${column}`] = definition;
          return !isHidden(column);
        }),
      );
      return [name, { ...table, columns }];
    }),
  );
  return { visible: { tables }, hidden };
}

/** What the retired columns should look like in the database: hidden, nullable, no default. */
function expectedHidden(retired: readonly RetiredColumn[]): Record<string, unknown> {
  return Object.fromEntries(
    retired.map((column) => [
      `${column.table}.${column.retiredAs}`,
      { name: column.retiredAs, type: column.definition.type, notNull: false },
    ]),
  );
}

describe.each(sqlTargets())("retired columns on $name", ({ open }) => {
  let db: SqlTarget;
  beforeAll(async () => {
    db = await open();
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const scratch = (run: () => Promise<void>) => inScratchSchemas(db, run);

  const apply = (plan: MigrationPlan, options?: { keep?: boolean }) => applyPlan(db, plan, options);
  const count = async (step: MigrationStep | undefined): Promise<number> =>
    Number((await db.query(step?.check?.countSql ?? "SELECT -1 AS n"))[0]?.n);
  const stepOf = (plan: MigrationPlan, kind: MigrationStep["kind"]) =>
    plan.steps.find((step) => step.kind === kind);

  const customer = entity("customer", [field("name", "text")]);
  const withFields = model(
    customer,
    entity("sales_order", [
      field("no", "text"),
      field("qty", "integer", { required: true }),
      field("code", "text", { unique: true }),
      field("customer", "link", { target: "customer" }),
    ]),
  );
  const without = model(customer, entity("sales_order", [field("no", "text")]));

  it("keeps retired values under hidden names, takes new rows without them, and restores them", async () => {
    await scratch(async () => {
      await apply(planMigration(null, withFields));
      const [acme, gone] = await db.query(
        `INSERT INTO app.customer (name) VALUES ('Acme'), ('Gone') RETURNING id`,
      );
      await db.query(
        `INSERT INTO app.sales_order (no, qty, code, customer) VALUES ('A', 5, 'c1', $1), ('B', 7, 'c2', $2)`,
        [acme?.id, gone?.id],
      );

      const retire = planMigration(withFields, without, RETIRE);
      expect(retire.dataLosing).toBe(false);
      await apply(retire);
      const retired = retiredAfter([], retire);
      const afterRetire = split(await introspect(db.query));
      expect(afterRetire.visible).toEqual(physicalSchema(without));
      expect(afterRetire.hidden).toEqual(expectedHidden(retired));
      expect(
        await db.query(
          `SELECT no, "qty~retired~1"::int AS qty, "code~retired~1" AS code FROM app.sales_order ORDER BY no`,
        ),
      ).toEqual([
        { no: "A", qty: 5, code: "c1" },
        { no: "B", qty: 7, code: "c2" },
      ]);
      // while retired: a new row needs no value, and its old key no longer holds customers back
      await db.exec(`INSERT INTO app.sales_order (no) VALUES ('C')`);
      await db.query(`DELETE FROM app.customer WHERE id = $1`, [gone?.id]);

      const restore = planMigration(without, withFields, { ...RETIRE, retired });
      expect(restore.steps.map((step) => step.kind)).toEqual([
        "restore-column",
        "set-not-null",
        "restore-column",
        "restore-column",
        "create-index",
        "create-index",
        "add-foreign-key",
      ]);
      expect(await count(stepOf(restore, "set-not-null"))).toBe(1);
      const link = restore.steps.find((step) => step.field === "customer");
      expect(await count(link)).toBe(1);
      expect(await db.query(link?.check?.sampleSql ?? "")).toEqual([
        { id: expect.any(String), value: gone?.id },
      ]);
      await db.exec(`UPDATE app.sales_order SET "qty~retired~1" = 0 WHERE no = 'C'`);
      expect(await count(stepOf(restore, "set-not-null"))).toBe(0);

      await apply(restore);
      expect(await introspect(db.query)).toEqual(physicalSchema(withFields));
      expect(retiredAfter(retired, restore)).toEqual([]);
      expect(
        await db.query(
          `SELECT no, qty::int AS qty, code, customer FROM app.sales_order ORDER BY no`,
        ),
      ).toEqual([
        { no: "A", qty: 5, code: "c1", customer: acme?.id },
        { no: "B", qty: 7, code: "c2", customer: null },
        { no: "C", qty: 0, code: null, customer: null },
      ]);
    });
  });

  it("counts duplicates written under the retired name before restoring a unique field", async () => {
    await scratch(async () => {
      await apply(planMigration(null, withFields));
      const retire = planMigration(withFields, without, RETIRE);
      await apply(retire);
      await db.exec(
        `INSERT INTO app.sales_order (no, "qty~retired~1", "code~retired~1") VALUES ('A', 1, 'x'), ('B', 1, 'x')`,
      );
      const restore = planMigration(without, withFields, { retired: retiredAfter([], retire) });
      expect(await count(stepOf(restore, "create-index"))).toBe(2);
    });
  });

  it("keeps the books of retired columns straight through random model changes and back", async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const a = randomModel(g);
        const b = mutateModel(g, a);
        await scratch(async () => {
          await apply(planMigration(null, a));
          const there = planMigration(a, b, RETIRE);
          await apply(there);
          const retired = retiredAfter([], there);
          const atB = split(await introspect(db.query));
          expect(atB.visible).toEqual(physicalSchema(b));
          expect(atB.hidden).toEqual(expectedHidden(retired));

          const back = planMigration(b, a, { ...RETIRE, retired });
          await apply(back);
          const atA = split(await introspect(db.query));
          expect(atA.visible).toEqual(physicalSchema(a));
          expect(atA.hidden).toEqual(expectedHidden(retiredAfter(retired, back)));
          // a plain column b retired and a brings back as it was is restored, never added anew
          const schemaA = physicalSchema(a);
          for (const step of back.steps.filter((item) => item.kind === "add-column")) {
            const entityA = a.entities[step.entity];
            const column = entityA?.fields.find((item) => item.name === step.field)?.column;
            const type = schemaA.tables[entityA?.table ?? ""]?.columns[column ?? ""]?.type;
            const restorable = retired.some(
              (item) =>
                item.table === b.entities[step.entity]?.table &&
                item.column === column &&
                item.definition.type === type &&
                item.definition.references === undefined,
            );
            expect(restorable).toBe(false);
          }
        });
      }),
      { numRuns: 60 },
    );
  }, 300_000);
});
