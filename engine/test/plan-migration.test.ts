import { describe, expect, it } from "vitest";
import type { AppModel, Entity, Field } from "../src/model/app-model.ts";
import { planMigration } from "../src/plan/plan-migration.ts";
import type { MigrationPlan } from "../src/plan/types.ts";
import { child, entity, field, model } from "./support/plan-model-builder.ts";

const customer = entity("customer", [field("name", "text", { maxLength: 50 })]);
const order = (...fields: Field[]): Entity => entity("sales_order", fields);
const withOrder = (...fields: Field[]): AppModel => model(customer, order(...fields));

const kinds = (plan: MigrationPlan) => plan.steps.map((step) => step.kind);
const descriptions = (plan: MigrationPlan) => plan.steps.map((step) => step.description);

describe("planMigration from nothing", () => {
  const plan = planMigration(
    null,
    model(
      customer,
      entity("sales_order", [
        field("customer", "link", { target: "customer" }),
        field("lines", "table", { target: "sales_order_line" }),
      ]),
      child("sales_order_line", "sales_order", "lines", [field("qty", "integer")]),
    ),
  );

  it("creates every table, then the indexes, then the foreign keys", () => {
    expect(kinds(plan)).toEqual([
      "create-table",
      "create-table",
      "create-table",
      "create-index",
      "create-index",
      "add-foreign-key",
      "add-foreign-key",
    ]);
    expect(descriptions(plan)).toContain(
      "add foreign key sales_order.customer → customer (on delete restrict)",
    );
  });

  it("is safe and needs no row checks", () => {
    expect(plan.dataLosing).toBe(false);
    expect(plan.steps.every((step) => step.safety === "safe" && !step.check)).toBe(true);
  });
});

describe("planMigration between models", () => {
  it("plans nothing for identical models", () => {
    const a = withOrder(field("remark", "text"), field("customer", "link", { target: "customer" }));
    expect(planMigration(a, a)).toEqual({ steps: [], dataLosing: false });
  });

  it("plans nothing for changes that do not touch storage", () => {
    const a = withOrder(field("remark", "text"));
    const b = withOrder(
      field("remark", "text", { labels: { en: "Note", "zh-CN": "备注" }, help: undefined }),
    );
    expect(planMigration(a, b).steps).toEqual([]);
  });

  it("adds a nullable field without rewriting or checking rows", () => {
    const plan = planMigration(withOrder(), withOrder(field("remark", "text")));
    expect(plan.steps).toEqual([
      {
        kind: "add-column",
        entity: "sales_order",
        field: "remark",
        description: "add column sales_order.remark (text)",
        safety: "safe",
        sql: ['ALTER TABLE "app"."sales_order" ADD COLUMN "remark" text'],
      },
    ]);
  });

  it("adds a required field with a constant default in one statement", () => {
    const plan = planMigration(
      withOrder(),
      withOrder(field("qty", "integer", { required: true, default: 1 })),
    );
    expect(plan.steps[0]?.sql).toEqual([
      `ALTER TABLE "app"."sales_order" ADD COLUMN "qty" bigint NOT NULL DEFAULT '1'::bigint`,
    ]);
    expect(plan.steps[0]?.check).toBeUndefined();
  });

  it("checks existing rows before adding a required field without default", () => {
    const plan = planMigration(withOrder(), withOrder(field("qty", "integer", { required: true })));
    expect(plan.steps[0]?.check?.countSql).toBe(
      'SELECT count(*) AS n FROM "app"."sales_order" WHERE true',
    );
  });

  it("renames a field's column and its unique index instead of dropping them", () => {
    const plan = planMigration(
      withOrder(field("code", "text", { unique: true })),
      withOrder(field("number", "text", { unique: true, renamedFrom: "code" })),
    );
    expect(plan.dataLosing).toBe(false);
    expect(plan.steps.map((step) => step.sql[0])).toEqual([
      'ALTER TABLE "app"."sales_order" RENAME COLUMN "code" TO "number"',
      'ALTER INDEX "app"."uq_sales_order_code" RENAME TO "uq_sales_order_number"',
    ]);
  });

  it("renames a table, keeping the keys that point at it", () => {
    const a = withOrder(field("customer", "link", { target: "customer" }));
    const client = entity("client", customer.fields, { renamedFrom: "customer" });
    const b = model(client, order(field("customer", "link", { target: "client" })));
    expect(descriptions(planMigration(a, b))).toEqual(["rename table customer → client"]);
  });

  it("names a renamed entity by its new name in every step, drops included", () => {
    const a = model(entity("customer", [field("code", "text", { unique: true })]));
    const b = model(entity("client", [], { renamedFrom: "customer" }));
    const plan = planMigration(a, b);
    expect(kinds(plan)).toEqual(["drop-index", "drop-column", "rename-table"]);
    expect(plan.steps.map((step) => step.entity)).toEqual(["client", "client", "client"]);
  });

  it("treats a rename whose old name does not exist as an addition", () => {
    const plan = planMigration(
      withOrder(),
      withOrder(field("remark", "text", { renamedFrom: "note" })),
    );
    expect(kinds(plan)).toEqual(["add-column"]);
  });

  it.each([
    [
      { maxLength: 50 },
      { maxLength: 80 },
      'TYPE character varying(80) USING "f"::character varying(80)',
    ],
    [{ maxLength: 50 }, {}, 'TYPE text USING "f"::text'],
  ])("widens text %j to %j safely without a row check", (from, to, sql) => {
    const plan = planMigration(
      withOrder(field("f", "text", from)),
      withOrder(field("f", "text", to)),
    );
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]).toMatchObject({ kind: "alter-column-type", safety: "safe" });
    expect(plan.steps[0]?.sql[0]).toBe(`ALTER TABLE "app"."sales_order" ALTER COLUMN "f" ${sql}`);
    expect(plan.steps[0]?.check).toBeUndefined();
  });

  it.each<[Field["type"], Partial<Field>, Field["type"], Partial<Field>]>([
    ["integer", {}, "decimal", { precision: 24, scale: 4 }],
    ["decimal", { precision: 10, scale: 2 }, "decimal", { precision: 12, scale: 3 }],
    ["date", {}, "datetime", {}],
    ["select", {}, "text", {}],
    ["email", {}, "text", {}],
    ["text", {}, "url", {}],
    ["integer", {}, "text", {}],
  ])("widens %s %j to %s %j without checks", (fromType, from, toType, to) => {
    const plan = planMigration(
      withOrder(field("f", fromType, from)),
      withOrder(field("f", toType, to)),
    );
    expect(plan.dataLosing).toBe(false);
    expect(plan.steps.every((step) => !step.check)).toBe(true);
    expect(plan.steps.every((step) => !step.description.startsWith("convert"))).toBe(true);
  });

  it("converts text to integer with a try-cast and a check on the rows that would not convert", () => {
    const plan = planMigration(withOrder(field("qty", "text")), withOrder(field("qty", "integer")));
    const [step] = plan.steps;
    expect(step).toMatchObject({
      kind: "alter-column-type",
      safety: "safe",
      description: "convert sales_order.qty text → bigint (rows that do not convert become NULL)",
      sql: [
        'ALTER TABLE "app"."sales_order" ALTER COLUMN "qty" TYPE bigint USING "loom_sys"."try_bigint"("qty")',
      ],
    });
    expect(step?.check).toEqual({
      description: "values of sales_order.qty that do not convert to bigint",
      countSql:
        'SELECT count(*) AS n FROM "app"."sales_order" WHERE "qty" IS NOT NULL AND ("loom_sys"."try_bigint"("qty")) IS NULL',
      sampleSql:
        'SELECT "id", ("qty")::text AS "value" FROM "app"."sales_order" WHERE "qty" IS NOT NULL AND ("loom_sys"."try_bigint"("qty")) IS NULL ORDER BY "id" LIMIT 10',
      keepSql: [
        'ALTER TABLE "app"."sales_order" ADD COLUMN IF NOT EXISTS "_keep_qty" text',
        'UPDATE "app"."sales_order" SET "_keep_qty" = "qty"::text WHERE "qty" IS NOT NULL AND ("loom_sys"."try_bigint"("qty")) IS NULL',
      ],
    });
  });

  it.each<[Field["type"], Partial<Field>, string]>([
    ["decimal", { precision: 10, scale: 2 }, '"loom_sys"."try_numeric"("f", 10, 2)'],
    ["date", {}, '"loom_sys"."try_date"("f")'],
    ["datetime", {}, '"loom_sys"."try_timestamptz"("f")'],
    ["boolean", {}, '"loom_sys"."try_boolean"("f")'],
    ["text", { maxLength: 5 }, '(CASE WHEN char_length("f") <= 5 THEN "f" END)'],
  ])("converts text to %s %j through %s", (type, extra, using) => {
    const plan = planMigration(withOrder(field("f", "text")), withOrder(field("f", type, extra)));
    expect(plan.steps[0]?.sql[0]).toContain(`USING ${using}`);
    expect(plan.steps[0]?.check).toBeDefined();
  });

  it("converts a select to a multiselect by wrapping the value, which always works", () => {
    const plan = planMigration(
      withOrder(field("f", "select")),
      withOrder(field("f", "multiselect")),
    );
    expect(plan.steps[0]).toMatchObject({
      description: "convert sales_order.f text → text[]",
      safety: "safe",
      sql: [
        'ALTER TABLE "app"."sales_order" ALTER COLUMN "f" TYPE text[] USING (CASE WHEN "f" IS NULL THEN NULL ELSE ARRAY["f"] END)',
      ],
    });
    expect(plan.steps[0]?.check).toBeUndefined();
  });

  it("marks a decimal to integer conversion data-losing because it rounds", () => {
    const plan = planMigration(withOrder(field("f", "decimal")), withOrder(field("f", "integer")));
    expect(plan.dataLosing).toBe(true);
    expect(plan.steps[0]?.description).toBe(
      "convert sales_order.f numeric(18,6) → bigint (values are rounded to whole numbers)",
    );
  });

  it("checks for overflow when an integer becomes money", () => {
    const plan = planMigration(withOrder(field("f", "integer")), withOrder(field("f", "money")));
    expect(plan.steps[0]).toMatchObject({ safety: "safe" });
    expect(plan.steps[0]?.check?.countSql).toContain('"loom_sys"."try_numeric"("f"::text, 18, 2)');
  });

  it("drops a field as a data-losing step", () => {
    const plan = planMigration(withOrder(field("remark", "text")), withOrder());
    expect(plan).toEqual({
      dataLosing: true,
      steps: [
        {
          kind: "drop-column",
          entity: "sales_order",
          field: "remark",
          description: "drop column sales_order.remark (its values are lost)",
          safety: "data-losing",
          sql: ['ALTER TABLE "app"."sales_order" DROP COLUMN "remark"'],
        },
      ],
    });
  });

  it("drops an entity after the keys that point at it", () => {
    const a = withOrder(field("customer", "link", { target: "customer" }));
    const plan = planMigration(a, model(order()));
    expect(descriptions(plan)).toEqual([
      "drop foreign key sales_order.customer → customer",
      "drop index lk_sales_order_customer on sales_order (customer)",
      "drop table customer (all its rows are lost)",
      "drop column sales_order.customer (its values are lost)",
    ]);
    expect(plan.dataLosing).toBe(true);
  });

  it("drops an owner and its lines without tripping over the lines' key", () => {
    const a = model(
      entity("sales_order", [field("lines", "table", { target: "sales_order_line" })]),
      child("sales_order_line", "sales_order", "lines", []),
    );
    expect(kinds(planMigration(a, model()))).toEqual([
      "drop-foreign-key",
      "drop-table",
      "drop-table",
    ]);
  });

  it("renames and converts a field in one go, checking the old column", () => {
    const plan = planMigration(
      withOrder(field("qty", "text")),
      withOrder(field("quantity", "integer", { renamedFrom: "qty" })),
    );
    expect(kinds(plan)).toEqual(["rename-column", "alter-column-type"]);
    expect(plan.steps[1]?.sql[0]).toContain(
      'ALTER COLUMN "quantity" TYPE bigint USING "loom_sys"."try_bigint"("quantity")',
    );
    expect(plan.steps[1]?.check?.countSql).toContain('"loom_sys"."try_bigint"("qty")');
    expect(plan.steps[1]?.check?.keepSql?.[0]).toContain('"_keep_quantity"');
  });

  it("replaces a link whose target changes: its ids mean nothing for the new target", () => {
    const supplier = entity("supplier", []);
    const plan = planMigration(
      model(customer, supplier, order(field("party", "link", { target: "customer" }))),
      model(customer, supplier, order(field("party", "link", { target: "supplier" }))),
    );
    expect(descriptions(plan)).toEqual([
      "drop foreign key sales_order.party → customer",
      "drop index lk_sales_order_party on sales_order (party)",
      "drop column sales_order.party (link target changed from customer to supplier; its values are lost)",
      "add column sales_order.party (uuid)",
      "create index lk_sales_order_party on sales_order (party)",
      "add foreign key sales_order.party → supplier (on delete restrict)",
    ]);
    expect(plan.dataLosing).toBe(true);
  });

  it("replaces a text field that becomes a link", () => {
    const plan = planMigration(
      withOrder(field("party", "text")),
      withOrder(field("party", "link", { target: "customer" })),
    );
    expect(descriptions(plan)[0]).toBe(
      "drop column sales_order.party (type changed from text to link; its values are lost)",
    );
  });

  it("drops the column of a field that becomes a table of lines", () => {
    const plan = planMigration(
      withOrder(field("lines", "text")),
      model(
        customer,
        order(field("lines", "table", { target: "line" })),
        child("line", "sales_order", "lines", []),
      ),
    );
    expect(descriptions(plan)).toContain(
      "drop column sales_order.lines (type changed from text to table; its values are lost)",
    );
    expect(kinds(plan)).toContain("create-table");
  });

  it("creates and drops unique indexes as the unique flag changes", () => {
    const plain = withOrder(field("code", "text"));
    const unique = withOrder(field("code", "text", { unique: true }));
    const create = planMigration(plain, unique);
    expect(descriptions(create)).toEqual([
      "create unique index uq_sales_order_code on sales_order (code)",
    ]);
    expect(create.steps[0]?.check?.countSql).toBe(
      'SELECT count(*) AS n FROM "app"."sales_order" WHERE ("code") IN (SELECT "code" FROM "app"."sales_order" WHERE "code" IS NOT NULL GROUP BY "code" HAVING count(*) > 1)',
    );
    expect(descriptions(planMigration(unique, plain))).toEqual([
      "drop unique index uq_sales_order_code on sales_order (code)",
    ]);
  });

  it("changes a foreign key whose delete rule changes", () => {
    const plan = planMigration(
      withOrder(field("customer", "link", { target: "customer" })),
      withOrder(field("customer", "link", { target: "customer", onDelete: "set-null" })),
    );
    expect(kinds(plan)).toEqual(["drop-foreign-key", "add-foreign-key"]);
  });

  it("checks empty rows before making a field required, and fills them when it has a default", () => {
    const noDefault = planMigration(
      withOrder(field("f", "text")),
      withOrder(field("f", "text", { required: true })),
    );
    expect(noDefault.steps[0]?.check?.countSql).toBe(
      'SELECT count(*) AS n FROM "app"."sales_order" WHERE ("f") IS NULL',
    );
    expect(noDefault.steps[0]?.check?.description).toMatch(/give the field a default/);
    const withDefault = planMigration(
      withOrder(field("f", "text")),
      withOrder(field("f", "text", { required: true, default: "x" })),
    );
    expect(withDefault.steps.map((step) => step.sql)).toEqual([
      [`ALTER TABLE "app"."sales_order" ALTER COLUMN "f" SET DEFAULT 'x'::text`],
      [
        'UPDATE "app"."sales_order" SET "f" = DEFAULT WHERE "f" IS NULL',
        'ALTER TABLE "app"."sales_order" ALTER COLUMN "f" SET NOT NULL',
      ],
    ]);
    expect(withDefault.steps[1]?.check).toBeUndefined();
  });

  it("drops NOT NULL and the default when a field becomes optional without default", () => {
    const plan = planMigration(
      withOrder(field("f", "text", { required: true, default: "x" })),
      withOrder(field("f", "text")),
    );
    expect(descriptions(plan)).toEqual([
      "drop not null on sales_order.f",
      "drop default of sales_order.f",
    ]);
  });

  it("drops the old default before a type change and sets the new one after", () => {
    const plan = planMigration(
      withOrder(field("f", "text", { default: "1" })),
      withOrder(field("f", "integer", { default: 1 })),
    );
    expect(kinds(plan)).toEqual(["drop-default", "alter-column-type", "set-default"]);
  });

  it("gives an entity that becomes a tree its parent key, and one that becomes single its one-row index", () => {
    const tree = planMigration(
      withOrder(),
      model(customer, entity("sales_order", [], { type: "tree" })),
    );
    expect(kinds(tree)).toEqual(["add-column", "create-index", "add-foreign-key"]);
    const single = planMigration(
      withOrder(),
      model(customer, entity("sales_order", [], { type: "single" })),
    );
    expect(single.steps[0]?.sql[0]).toBe(
      'CREATE UNIQUE INDEX "one_row_sales_order" ON "app"."sales_order" ((true))',
    );
    expect(single.steps[0]?.check?.description).toBe(
      "rows of sales_order beyond the single record it may hold",
    );
  });

  it("adds the owner key of a table that becomes a child, checking existing rows", () => {
    const a = model(
      entity("sales_order", [field("lines", "table", { target: "line" })]),
      entity("line", []),
    );
    const b = model(
      entity("sales_order", [field("lines", "table", { target: "line" })]),
      child("line", "sales_order", "lines", []),
    );
    const plan = planMigration(a, b);
    expect(kinds(plan)).toEqual(["add-column", "add-column", "create-index", "add-foreign-key"]);
    expect(plan.steps[0]?.check).toBeDefined();
  });

  it("diffs one field of a 1,000-entity × 30-field model quickly", () => {
    const big = (extra: Field[]): AppModel =>
      model(
        ...Array.from({ length: 1000 }, (_, e) =>
          entity(`entity_${e}`, [
            ...Array.from({ length: 30 }, (_, f) =>
              f % 10 === 9
                ? field(`field_${f}`, "link", { target: `entity_${(e + 1) % 1000}` })
                : field(`field_${f}`, f % 2 ? "text" : "decimal", { unique: f === 1 }),
            ),
            ...(e === 500 ? extra : []),
          ]),
        ),
      );
    const a = big([]);
    const b = big([field("extra", "text")]);
    planMigration(a, b);
    const started = performance.now();
    const plan = planMigration(a, b);
    const ms = performance.now() - started;
    console.log(`one-field diff of 1,000 entities × 30 fields: ${ms.toFixed(1)} ms`);
    expect(descriptions(plan)).toEqual(["add column entity_500.extra (text)"]);
  });
});
