import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Field } from "../src/model/app-model.ts";
import { physicalSchema } from "../src/plan/physical-schema.ts";
import type { PhysicalSchema } from "../src/plan/physical-types.ts";
import { planMigration } from "../src/plan/plan-migration.ts";
import type { MigrationPlan, MigrationStep } from "../src/plan/types.ts";
import { introspect } from "./support/introspect.ts";
import { child, entity, field, model } from "./support/plan-model-builder.ts";
import { mutateModel, randomModel } from "./support/plan-random-models.ts";
import { applyPlan, inScratchSchemas, type SqlTarget, sqlTargets } from "./support/sql-targets.ts";

describe.each(sqlTargets())("plans applied on $name", ({ open }) => {
  let db: SqlTarget;
  beforeAll(async () => {
    db = await open();
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const scratch = (run: () => Promise<void>) => inScratchSchemas(db, run);

  const apply = (plan: MigrationPlan, options?: { keep?: boolean }) => applyPlan(db, plan, options);

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await db.query(sql, params))[0]?.n);
  const checkCount = async (step: MigrationStep | undefined): Promise<number> =>
    count(step?.check?.countSql ?? "SELECT -1 AS n");
  const stepOf = (plan: MigrationPlan, kind: MigrationStep["kind"], field?: string) =>
    plan.steps.find((step) => step.kind === kind && (field === undefined || step.field === field));
  const withoutKeptColumns = (schema: PhysicalSchema): PhysicalSchema => ({
    tables: Object.fromEntries(
      Object.entries(schema.tables).map(([name, table]) => [
        name,
        {
          ...table,
          columns: Object.fromEntries(
            Object.entries(table.columns).filter(([column]) => !column.startsWith("_keep_")),
          ),
        },
      ]),
    ),
  });

  const rich = model(
    entity("customer", [
      field("name", "text", { required: true, maxLength: 50 }),
      field("code", "text", { unique: true }),
      field("email", "email"),
      field("credit", "money", { default: 0 }),
      field("tags", "multiselect", { default: ["a", "b c", 'it"s', "NULL"] }),
      field("meta", "json", { default: { x: 1, 中文: [true, null, 1.5e-7], a: "it's" } }),
      field("active", "boolean", { default: true }),
      field("since", "date", { default: "2024-01-01" }),
      field("seen", "datetime", { default: "2024-01-02T03:04:05Z" }),
      field("rate", "percent", { default: 12.5 }),
      field("kind", "select", { default: "retail" }),
      field("notes", "longtext", { default: "line\nbreak \\ 'quoted'" }),
      field("qty", "integer", { default: -5 }),
      field("ratio", "decimal", { precision: 12, scale: 3, default: "-0.250" }),
    ]),
    entity("department", [field("title", "text")], { type: "tree" }),
    entity("settings", [field("currency", "text", { default: "CNY" })], { type: "single" }),
    entity(
      "sales_order",
      [
        field("customer", "link", { target: "customer", required: true }),
        field("backup", "link", { target: "customer", onDelete: "set-null", unique: true }),
        field("lines", "table", { target: "sales_order_line" }),
      ],
      {
        indexes: [
          {
            name: "ix_sales_order_customer_created",
            columns: ["customer", "created_at"],
            unique: false,
          },
        ],
      },
    ),
    child("sales_order_line", "sales_order", "lines", [
      field("item", "text"),
      field("schedule", "table", { target: "delivery_schedule" }),
    ]),
    child("delivery_schedule", "sales_order_line", "schedule", [field("due", "date")]),
    entity("a_rather_long_entity_name_for_testing_identifier_limits", [
      field("a_rather_long_field_name_to_overflow", "text", { unique: true }),
      field("another_link_with_a_long_name_too", "link", { target: "customer" }),
    ]),
  );

  it("creates from nothing exactly the storage physicalSchema describes", async () => {
    await scratch(async () => {
      await apply(planMigration(null, rich));
      expect(await introspect(db.query)).toEqual(physicalSchema(rich));
      expect(planMigration(rich, rich).steps).toEqual([]);
    });
  });

  it("lets a single entity hold one row and cascades child lines", async () => {
    await scratch(async () => {
      await apply(planMigration(null, rich));
      await db.exec(`INSERT INTO app.settings DEFAULT VALUES`);
      await expect(db.exec(`INSERT INTO app.settings DEFAULT VALUES`)).rejects.toThrow(
        /one_row_settings/,
      );
    });
  });

  const before = model(
    entity("customer", [
      field("name", "text", { maxLength: 50 }),
      field("code", "text", { unique: true }),
      field("qty", "text"),
      field("price", "decimal"),
      field("remark", "text"),
      field("status", "select"),
      field("legacy", "text"),
    ]),
    entity("sales_order", [field("customer", "link", { target: "customer" })]),
  );
  const after = model(
    entity(
      "client",
      [
        field("name", "text"),
        field("number", "text", { unique: true, renamedFrom: "code" }),
        field("quantity", "integer", { renamedFrom: "qty" }),
        field("price", "integer"),
        field("status", "multiselect"),
        field("legacy", "text", { required: true, default: "n/a" }),
        field("note", "text", { default: "new" }),
      ],
      { renamedFrom: "customer" },
    ),
    entity("sales_order", [field("customer", "link", { target: "client" })]),
  );

  it("evolves a schema while keeping the data that can be kept", async () => {
    await scratch(async () => {
      await apply(planMigration(null, before));
      const rows = await db.query(
        `INSERT INTO app.customer (name, code, qty, price, remark, status, legacy)
         VALUES ('Ann', 'C1', '5', 12.75, 'r', 'open', NULL), ('Bob', 'C2', 'x', 1.2, NULL, NULL, 'old')
         RETURNING id`,
      );
      await db.query(`INSERT INTO app.sales_order (customer) VALUES ($1)`, [rows[0]?.id]);
      const plan = planMigration(before, after);
      expect(plan.dataLosing).toBe(true);
      expect(await checkCount(stepOf(plan, "alter-column-type", "quantity"))).toBe(1);
      await apply(plan, { keep: true });

      const actual = await introspect(db.query);
      expect(withoutKeptColumns(actual)).toEqual(physicalSchema(after));
      expect(actual.tables.client?.columns._keep_quantity?.type).toBe("text");
      const data = await db.query(
        `SELECT name, number, quantity::text AS quantity, _keep_quantity, price::text AS price,
                status, legacy, note FROM app.client ORDER BY name`,
      );
      expect(data).toEqual([
        {
          name: "Ann",
          number: "C1",
          quantity: "5",
          _keep_quantity: null,
          price: "13",
          status: ["open"],
          legacy: "n/a",
          note: "new",
        },
        {
          name: "Bob",
          number: "C2",
          quantity: null,
          _keep_quantity: "x",
          price: "1",
          status: null,
          legacy: "old",
          note: "new",
        },
      ]);
      expect(
        await count(
          `SELECT count(*) AS n FROM app.sales_order JOIN app.client c ON c.id = customer`,
        ),
      ).toBe(1);
    });
  });

  it("counts rows before a conversion, then nulls exactly those rows", async () => {
    const values = [
      "1",
      " 2 ",
      "3.0",
      "4.5",
      "abc",
      "",
      null,
      "99999999999999999999",
      "1_000",
      "0x1F",
    ];
    const from = model(entity("thing", [field("v", "text")]));
    const to = model(entity("thing", [field("v", "integer")]));
    await scratch(async () => {
      await apply(planMigration(null, from));
      await db.query(`INSERT INTO app.thing (v) SELECT unnest($1::text[])`, [values]);
      const step = stepOf(planMigration(from, to), "alter-column-type");
      expect(await checkCount(step)).toBe(6);
      const sample = await db.query(step?.check?.sampleSql ?? "");
      expect(sample.map((row) => row.value).sort()).toEqual([
        "",
        "0x1F",
        "1_000",
        "4.5",
        "99999999999999999999",
        "abc",
      ]);
      await apply(planMigration(from, to));
      const converted = await db.query(
        `SELECT v::text AS v FROM app.thing WHERE v IS NOT NULL ORDER BY v`,
      );
      expect(converted.map((row) => row.v)).toEqual(["1", "2", "3"]);
    });
  });

  it("counts the rows that block NOT NULL, a required new column and a unique index", async () => {
    const from = model(entity("thing", [field("a", "text"), field("b", "text")]));
    const to = model(
      entity("thing", [
        field("a", "text", { required: true }),
        field("b", "text", { unique: true }),
        field("c", "text", { required: true }),
      ]),
    );
    await scratch(async () => {
      await apply(planMigration(null, from));
      await db.exec(
        `INSERT INTO app.thing (a, b) VALUES (NULL, 'x'), ('y', 'x'), (NULL, 'z'), ('w', NULL), ('v', NULL)`,
      );
      const plan = planMigration(from, to);
      expect(await checkCount(stepOf(plan, "set-not-null"))).toBe(2);
      expect(await checkCount(stepOf(plan, "create-index"))).toBe(2);
      expect(await checkCount(stepOf(plan, "add-column"))).toBe(5);
    });
  });

  it("fills empty values with the new default when a field becomes required", async () => {
    const from = model(entity("thing", [field("a", "integer")]));
    const to = model(entity("thing", [field("a", "integer", { required: true, default: 7 })]));
    await scratch(async () => {
      await apply(planMigration(null, from));
      await db.exec(`INSERT INTO app.thing (a) VALUES (NULL), (1)`);
      await apply(planMigration(from, to));
      expect(
        (await db.query(`SELECT a::int AS a FROM app.thing ORDER BY a`)).map((row) => row.a),
      ).toEqual([1, 7]);
    });
  });

  it.each<[string, string, unknown]>([
    ["try_bigint", "'12'", "12"],
    ["try_bigint", "' -3.0 '", "-3"],
    ["try_bigint", "'1e3'", "1000"],
    ["try_bigint", "'2.5'", null],
    ["try_bigint", "'1_000'", null],
    ["try_bigint", "'9223372036854775808'", null],
    ["try_numeric", "'123.456', 5, 2", "123.46"],
    ["try_numeric", "'1234.5', 5, 2", null],
    ["try_numeric", "'NaN', 5, 2", null],
    ["try_numeric", "'1e999999', 5, 2", null],
    ["try_date", "'2024/1/2'", "2024-01-02"],
    ["try_date", "'2024-02-30'", null],
    ["try_date", "'today'", null],
    ["try_timestamptz", "'2024-01-02T03:04:05Z'", "2024-01-02 03:04:05+00"],
    ["try_timestamptz", "'2024-01-02 03:04:05.5+08:00'", "2024-01-01 19:04:05.5+00"],
    ["try_timestamptz", "'now'", null],
    ["try_boolean", "' Yes '", "true"],
    ["try_boolean", "'F'", "false"],
    ["try_boolean", "'0'", "false"],
    ["try_boolean", "'maybe'", null],
  ])("%s(%s) is %s", async (fn, args, expected) => {
    await scratch(async () => {
      await db.exec("SET LOCAL TimeZone = 'UTC'");
      const [row] = await db.query(`SELECT loom_sys.${fn}(${args})::text AS v`);
      expect(row?.v).toBe(expected);
    });
  });

  it("turns the storage of a random model into that of a random successor", async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const a = randomModel(g);
        const b = mutateModel(g, a);
        await scratch(async () => {
          await apply(planMigration(null, a));
          expect(await introspect(db.query)).toEqual(physicalSchema(a));
          await apply(planMigration(a, b));
          expect(await introspect(db.query)).toEqual(physicalSchema(b));
          expect(planMigration(b, b).steps).toEqual([]);
        });
      }),
      { numRuns: 60 },
    );
  }, 300_000);

  const targets: [string, Partial<Field> & { type: Field["type"] }][] = [
    ["integer", { type: "integer" }],
    ["decimal(6,2)", { type: "decimal", precision: 6, scale: 2 }],
    ["money", { type: "money" }],
    ["percent", { type: "percent" }],
    ["date", { type: "date" }],
    ["datetime", { type: "datetime" }],
    ["boolean", { type: "boolean" }],
    ["text(3)", { type: "text", maxLength: 3 }],
  ];
  const textValue = fc.oneof(
    fc.constant(null),
    fc.integer().map(String),
    fc.double({ noNaN: true }).map(String),
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
    fc.constantFrom(
      "true",
      "no",
      "Yes",
      "1",
      "0",
      "t",
      " 12 ",
      "1_000",
      "1e3",
      "today",
      "NaN",
      "2024-02-30",
      "2024/01/02",
      "",
    ),
    fc.string({ maxLength: 6 }),
  );

  it("counts exactly the rows a conversion turns into NULL, and keeps their values", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(textValue, { maxLength: 12 }),
        fc.constantFrom(...targets),
        async (values, [, target]) => {
          const from = model(entity("thing", [field("v", "text")]));
          const to = model(entity("thing", [field("v", target.type, target)]));
          await scratch(async () => {
            await apply(planMigration(null, from));
            await db.query(`INSERT INTO app.thing (v) SELECT unnest($1::text[])`, [values]);
            const plan = planMigration(from, to);
            const failing = await checkCount(stepOf(plan, "alter-column-type"));
            const nulls = async () => count(`SELECT count(*) AS n FROM app.thing WHERE v IS NULL`);
            const nullsBefore = await nulls();
            await apply(plan, { keep: true });
            expect((await nulls()) - nullsBefore).toBe(failing);
            expect(await count(`SELECT count(_keep_v) AS n FROM app.thing`)).toBe(failing);
          });
        },
      ),
      { numRuns: 80 },
    );
  }, 300_000);
});
