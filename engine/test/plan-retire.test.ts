import { describe, expect, it } from "vitest";
import type { AppModel, Entity, Field } from "../src/model/app-model.ts";
import { planMigration } from "../src/plan/plan-migration.ts";
import type { MigrationPlan, MigrationStep, RetiredColumn } from "../src/plan/types.ts";
import { entity, field, model } from "./support/plan-model-builder.ts";

const customer = entity("customer", [field("name", "text")]);
const order = (...fields: Field[]): Entity => entity("sales_order", fields);
const withOrder = (...fields: Field[]): AppModel => model(customer, order(...fields));
const RETIRE = { dropColumns: "retire" } as const;

const kinds = (plan: MigrationPlan) => plan.steps.map((step) => step.kind);
const only = (plan: MigrationPlan, kind: MigrationStep["kind"]): MigrationStep => {
  const found = plan.steps.filter((step) => step.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]!;
};

/** What a retire-column step of an earlier plan recorded. */
const retired = (
  table: string,
  column: string,
  retiredAs: string,
  definition: Partial<RetiredColumn["definition"]> = {},
): RetiredColumn => ({
  table,
  column,
  retiredAs,
  definition: { name: column, type: "text", notNull: false, ...definition },
});

describe("planMigration retiring dropped columns", () => {
  it("renames a dropped field's column to a hidden name, safely, and records what it was", () => {
    const plan = planMigration(
      withOrder(field("qty", "integer", { required: true, default: 1 })),
      withOrder(),
      RETIRE,
    );
    expect(plan).toEqual({
      dataLosing: false,
      steps: [
        {
          kind: "retire-column",
          entity: "sales_order",
          field: "qty",
          description:
            "retire column sales_order.qty as qty~retired~1 (its values are kept, hidden, until purged)",
          safety: "safe",
          sql: [
            'ALTER TABLE "app"."sales_order" RENAME COLUMN "qty" TO "qty~retired~1"',
            'ALTER TABLE "app"."sales_order" ALTER COLUMN "qty~retired~1" DROP NOT NULL',
            'ALTER TABLE "app"."sales_order" ALTER COLUMN "qty~retired~1" DROP DEFAULT',
          ],
          retire: {
            table: "sales_order",
            column: "qty",
            retiredAs: "qty~retired~1",
            definition: { name: "qty", type: "bigint", notNull: true, default: "'1'::bigint" },
          },
        },
      ],
    });
  });

  it("drops a retired link's key and index first, and remembers the table it points at", () => {
    const plan = planMigration(
      withOrder(field("customer", "link", { target: "customer", unique: true })),
      withOrder(),
      RETIRE,
    );
    expect(kinds(plan)).toEqual(["drop-foreign-key", "drop-index", "retire-column"]);
    expect(only(plan, "retire-column").retire?.definition).toEqual({
      name: "customer",
      type: "uuid",
      notNull: false,
      references: "customer",
    });
  });

  it("still drops the tables of removed entities, as data-losing steps", () => {
    const plan = planMigration(withOrder(field("remark", "text")), model(customer), RETIRE);
    expect(kinds(plan)).toEqual(["drop-table"]);
    expect(plan.dataLosing).toBe(true);
  });

  it("drops columns as before without the option", () => {
    const plan = planMigration(withOrder(field("remark", "text")), withOrder());
    expect(kinds(plan)).toEqual(["drop-column"]);
    expect(plan.dataLosing).toBe(true);
  });

  it("retires a column whose field is replaced, and adds the new one under the same name", () => {
    const plan = planMigration(
      withOrder(field("party", "text")),
      withOrder(field("party", "link", { target: "customer" })),
      RETIRE,
    );
    expect(plan.steps.map((step) => step.description).slice(0, 2)).toEqual([
      "retire column sales_order.party as party~retired~1 (type changed from text to link; its values are kept, hidden, until purged)",
      "add column sales_order.party (uuid)",
    ]);
    expect(plan.dataLosing).toBe(false);
  });

  it("records a column retired from a renamed table under the table's new name, renaming after", () => {
    const plan = planMigration(
      model(entity("customer", [field("name", "text"), field("fax", "text")])),
      model(entity("client", [field("name", "text")], { renamedFrom: "customer" })),
      RETIRE,
    );
    expect(kinds(plan)).toEqual(["retire-column", "rename-table"]);
    expect(plan.steps[0]?.sql[0]).toBe(
      'ALTER TABLE "app"."customer" RENAME COLUMN "fax" TO "fax~retired~1"',
    );
    expect(plan.steps[0]?.retire).toMatchObject({ table: "client", column: "fax" });
  });

  it("picks the first number whose name is free in the table", () => {
    const plan = planMigration(withOrder(field("remark", "text")), withOrder(), {
      ...RETIRE,
      retired: [
        retired("sales_order", "remark", "remark~retired~1", { type: "bigint" }),
        retired("customer", "remark", "remark~retired~2"),
      ],
    });
    expect(only(plan, "retire-column").retire?.retiredAs).toBe("remark~retired~2");
  });

  it("cuts long names to 63 bytes, keeping two that share a prefix apart", () => {
    const long = (end: string) => `${"a".repeat(60)}_${end}`;
    const plan = planMigration(
      withOrder(field(long("x"), "text"), field(long("y"), "text")),
      withOrder(),
      RETIRE,
    );
    const names = plan.steps.map((step) => step.retire?.retiredAs);
    expect(names).toEqual([`${"a".repeat(53)}~retired~1`, `${"a".repeat(53)}~retired~2`]);
    expect(plan.steps.map((step) => step.retire?.column)).toEqual([long("x"), long("y")]);
  });
});

describe("planMigration restoring retired columns", () => {
  it("takes a retired column back when the same field returns with the same type", () => {
    const plan = planMigration(withOrder(), withOrder(field("remark", "text")), {
      retired: [retired("sales_order", "remark", "remark~retired~1")],
    });
    expect(plan).toEqual({
      dataLosing: false,
      steps: [
        {
          kind: "restore-column",
          entity: "sales_order",
          field: "remark",
          description:
            "restore column sales_order.remark (text) from remark~retired~1, with its values",
          safety: "safe",
          sql: ['ALTER TABLE "app"."sales_order" RENAME COLUMN "remark~retired~1" TO "remark"'],
          restore: { table: "sales_order", retiredAs: "remark~retired~1" },
        },
      ],
    });
  });

  it("adds a new column when the type differs, leaving the retired one alone", () => {
    const plan = planMigration(withOrder(), withOrder(field("remark", "integer")), {
      retired: [retired("sales_order", "remark", "remark~retired~1")],
    });
    expect(kinds(plan)).toEqual(["add-column"]);
  });

  it("ignores columns retired from other tables or under other names", () => {
    const plan = planMigration(withOrder(), withOrder(field("remark", "text")), {
      retired: [
        retired("customer", "remark", "remark~retired~1"),
        retired("sales_order", "note", "note~retired~1"),
      ],
    });
    expect(kinds(plan)).toEqual(["add-column"]);
  });

  it("takes back the latest retired column of that name", () => {
    const plan = planMigration(withOrder(), withOrder(field("remark", "text")), {
      retired: [
        retired("sales_order", "remark", "remark~retired~1"),
        retired("sales_order", "remark", "remark~retired~2", { type: "bigint" }),
        retired("sales_order", "remark", "remark~retired~3"),
      ],
    });
    expect(only(plan, "restore-column").restore?.retiredAs).toBe("remark~retired~3");
  });

  it("restores NOT NULL after checking the rows the column was empty in", () => {
    const plan = planMigration(
      withOrder(),
      withOrder(field("qty", "integer", { required: true })),
      {
        retired: [
          retired("sales_order", "qty", "qty~retired~1", { type: "bigint", notNull: true }),
        ],
      },
    );
    expect(kinds(plan)).toEqual(["restore-column", "set-not-null"]);
    expect(plan.steps[1]?.sql).toEqual([
      'ALTER TABLE "app"."sales_order" ALTER COLUMN "qty" SET NOT NULL',
    ]);
    expect(plan.steps[1]?.check?.countSql).toBe(
      'SELECT count(*) AS n FROM "app"."sales_order" WHERE ("qty~retired~1") IS NULL',
    );
  });

  it("gives a restored column its new default, filling the empty rows when it is required", () => {
    const plan = planMigration(
      withOrder(),
      withOrder(field("qty", "integer", { required: true, default: 5 })),
      { retired: [retired("sales_order", "qty", "qty~retired~1", { type: "bigint" })] },
    );
    expect(plan.steps.map((step) => step.sql)).toEqual([
      ['ALTER TABLE "app"."sales_order" RENAME COLUMN "qty~retired~1" TO "qty"'],
      [`ALTER TABLE "app"."sales_order" ALTER COLUMN "qty" SET DEFAULT '5'::bigint`],
      [
        'UPDATE "app"."sales_order" SET "qty" = DEFAULT WHERE "qty" IS NULL',
        'ALTER TABLE "app"."sales_order" ALTER COLUMN "qty" SET NOT NULL',
      ],
    ]);
    expect(plan.steps.every((step) => step.check === undefined)).toBe(true);
  });

  it("checks a restored unique field for duplicates under its retired name", () => {
    const plan = planMigration(withOrder(), withOrder(field("code", "text", { unique: true })), {
      retired: [retired("sales_order", "code", "code~retired~1")],
    });
    expect(kinds(plan)).toEqual(["restore-column", "create-index"]);
    expect(plan.steps[1]?.check?.countSql).toContain(
      'SELECT "code~retired~1" FROM "app"."sales_order"',
    );
  });

  it("restores a link only for the same target, flagging values whose record was deleted", () => {
    const link = { type: "uuid", references: "customer" };
    const supplier = entity("supplier", []);
    const back = planMigration(
      model(customer, supplier, order()),
      model(customer, supplier, order(field("party", "link", { target: "customer" }))),
      { retired: [retired("sales_order", "party", "party~retired~1", link)] },
    );
    expect(kinds(back)).toEqual(["restore-column", "create-index", "add-foreign-key"]);
    const orphaned =
      '"app"."sales_order"."party~retired~1" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "app"."customer" AS "target" WHERE "target"."id" = "app"."sales_order"."party~retired~1")';
    expect(back.steps[0]?.sql[0]).toBe(
      `UPDATE "app"."sales_order" SET "party~retired~1" = NULL WHERE ${orphaned}`,
    );
    expect(back.steps[0]?.check).toMatchObject({
      description: "values of sales_order.party that point at records deleted while it was retired",
      countSql: `SELECT count(*) AS n FROM "app"."sales_order" WHERE ${orphaned}`,
      keepSql: [
        'ALTER TABLE "app"."sales_order" ADD COLUMN IF NOT EXISTS "_keep_party" text',
        `UPDATE "app"."sales_order" SET "_keep_party" = "party~retired~1"::text WHERE ${orphaned}`,
      ],
    });

    const elsewhere = planMigration(
      model(customer, supplier, order()),
      model(customer, supplier, order(field("party", "link", { target: "supplier" }))),
      { retired: [retired("sales_order", "party", "party~retired~1", link)] },
    );
    expect(kinds(elsewhere)[0]).toBe("add-column");
  });

  it("does not restore a link to a table that is new in this plan", () => {
    const plan = planMigration(
      model(order()),
      model(customer, order(field("party", "link", { target: "customer" }))),
      {
        retired: [
          retired("sales_order", "party", "party~retired~1", {
            type: "uuid",
            references: "customer",
          }),
        ],
      },
    );
    expect(kinds(plan)).toContain("add-column");
    expect(kinds(plan)).not.toContain("restore-column");
  });

  it("retired columns follow their table's rename and can be restored there", () => {
    const a = model(entity("customer", [field("name", "text")]));
    const b = model(
      entity("client", [field("name", "text"), field("fax", "text")], { renamedFrom: "customer" }),
    );
    const plan = planMigration(a, b, { retired: [retired("customer", "fax", "fax~retired~1")] });
    expect(kinds(plan)).toEqual(["rename-table", "restore-column"]);
    expect(plan.steps[0]?.retiredTable).toEqual({ from: "customer", to: "client" });
    expect(plan.steps[1]).toMatchObject({
      sql: ['ALTER TABLE "app"."client" RENAME COLUMN "fax~retired~1" TO "fax"'],
      restore: { table: "client", retiredAs: "fax~retired~1" },
    });
  });

  it("tells the runtime when a renamed table is one a retired link points at", () => {
    const a = model(customer, order());
    const b = model(entity("client", customer.fields, { renamedFrom: "customer" }), order());
    const plan = planMigration(a, b, {
      retired: [
        retired("sales_order", "party", "party~retired~1", {
          type: "uuid",
          references: "customer",
        }),
      ],
    });
    expect(plan.steps).toEqual([
      expect.objectContaining({
        kind: "rename-table",
        retiredTable: { from: "customer", to: "client" },
      }),
    ]);
  });

  it("drops the retired columns of a dropped table with it, telling the runtime", () => {
    const plan = planMigration(withOrder(), model(customer), {
      retired: [retired("sales_order", "remark", "remark~retired~1")],
    });
    expect(plan.steps).toEqual([
      expect.objectContaining({
        kind: "drop-table",
        description: "drop table sales_order (all its rows are lost, retired columns included)",
        retiredTable: { from: "sales_order", to: null },
      }),
    ]);
  });

  it("retires and restores under one name in one plan: the new hidden name avoids the old", () => {
    const plan = planMigration(
      withOrder(field("party", "text")),
      withOrder(field("party", "link", { target: "customer" })),
      {
        ...RETIRE,
        retired: [
          retired("sales_order", "party", "party~retired~1", {
            type: "uuid",
            references: "customer",
          }),
        ],
      },
    );
    expect(kinds(plan)).toEqual([
      "retire-column",
      "restore-column",
      "create-index",
      "add-foreign-key",
    ]);
    expect(plan.steps[0]?.retire?.retiredAs).toBe("party~retired~2");
    expect(plan.steps[1]?.restore?.retiredAs).toBe("party~retired~1");
  });
});
