import { describe, expect, it } from "vitest";
import { LoomError } from "../src/errors.ts";
import type { FieldType } from "../src/metadata/types.ts";
import { sqlName } from "../src/model/sql-name.ts";
import { physicalSchema } from "../src/plan/physical-schema.ts";
import { child, entity, field, model } from "./support/plan-model-builder.ts";

const tableOf = (...fields: Parameters<typeof entity>[1]) =>
  physicalSchema(model(entity("thing", fields), entity("other", []))).tables.thing!;

describe("physicalSchema", () => {
  it("gives every table the system columns and a primary key on id", () => {
    const table = tableOf();
    expect(table.primaryKey).toEqual(["id"]);
    expect(Object.values(table.columns)).toEqual([
      { name: "id", type: "uuid", notNull: true, default: "gen_random_uuid()" },
      { name: "version", type: "integer", notNull: true, default: "1" },
      { name: "created_at", type: "timestamp with time zone", notNull: true, default: "now()" },
      { name: "created_by", type: "text", notNull: false },
      { name: "updated_at", type: "timestamp with time zone", notNull: true, default: "now()" },
      { name: "updated_by", type: "text", notNull: false },
    ]);
  });

  it.each<[FieldType, Record<string, unknown>, string]>([
    ["text", {}, "text"],
    ["text", { maxLength: 50 }, "character varying(50)"],
    ["email", { maxLength: 120 }, "character varying(120)"],
    ["phone", {}, "text"],
    ["url", {}, "text"],
    ["longtext", { maxLength: 10 }, "text"],
    ["integer", {}, "bigint"],
    ["decimal", {}, "numeric(18,6)"],
    ["decimal", { precision: 12, scale: 3 }, "numeric(12,3)"],
    ["decimal", { precision: 10 }, "numeric(10,0)"],
    ["money", {}, "numeric(18,2)"],
    ["percent", {}, "numeric(9,4)"],
    ["boolean", {}, "boolean"],
    ["date", {}, "date"],
    ["datetime", {}, "timestamp with time zone"],
    ["select", {}, "text"],
    ["multiselect", {}, "text[]"],
    ["json", {}, "jsonb"],
    ["link", { target: "other" }, "uuid"],
  ])("stores a %s field %j as %s", (type, extra, sqlType) => {
    expect(tableOf(field("f", type, extra)).columns.f?.type).toBe(sqlType);
  });

  it("gives a table field no column", () => {
    const table = tableOf(field("lines", "table", { target: "other" }));
    expect(Object.keys(table.columns)).not.toContain("lines");
  });

  it("makes required fields NOT NULL", () => {
    expect(tableOf(field("f", "text", { required: true })).columns.f?.notNull).toBe(true);
  });

  it.each<[FieldType, unknown, string]>([
    ["text", "it's", "'it''s'::text"],
    ["select", "open", "'open'::text"],
    ["integer", 5, "'5'::bigint"],
    ["integer", -5, "'-5'::bigint"],
    ["decimal", 12.5, "12.5"],
    ["decimal", 5, "'5'::numeric"],
    ["decimal", -0.25, "'-0.25'::numeric"],
    ["decimal", 1e21, "'1000000000000000000000'::numeric"],
    ["money", "007.50", "7.50"],
    ["boolean", true, "true"],
    ["date", "2024-1-2", "'2024-01-02'::date"],
    [
      "datetime",
      "2024-01-02T03:04:05Z",
      "('2024-01-02T03:04:05Z'::text)::timestamp with time zone",
    ],
    ["multiselect", ["a", "b c", 'q"', "null", ""], `'{a,"b c","q\\"","null",""}'::text[]`],
    ["json", { b: 1, aa: [1, "x"], a: null }, `'{"a": null, "b": 1, "aa": [1, "x"]}'::jsonb`],
    ["json", "it's", `'"it''s"'::jsonb`],
  ])("writes a %s default %j as PostgreSQL prints it: %s", (type, value, literal) => {
    expect(tableOf(field("f", type, { default: value })).columns.f?.default).toBe(literal);
  });

  it("writes a varchar default with the varchar cast", () => {
    const table = tableOf(field("f", "text", { maxLength: 5, default: "ab" }));
    expect(table.columns.f?.default).toBe("'ab'::character varying");
  });

  it("indexes unique fields and declared indexes", () => {
    const schema = physicalSchema(
      model(
        entity("thing", [field("code", "text", { unique: true }), field("a", "text")], {
          indexes: [{ name: "ix_thing_a_code", columns: ["a", "code"], unique: false }],
        }),
      ),
    );
    expect(schema.tables.thing?.indexes).toEqual({
      uq_thing_code: { name: "uq_thing_code", columns: ["code"], unique: true },
      ix_thing_a_code: { name: "ix_thing_a_code", columns: ["a", "code"], unique: false },
    });
  });

  it("gives a link a foreign key and an index, or only the unique index when it is unique", () => {
    const table = tableOf(
      field("owner", "link", { target: "other" }),
      field("backup", "link", { target: "other", onDelete: "set-null", unique: true }),
    );
    expect(table.foreignKeys).toEqual({
      fk_thing_owner: {
        name: "fk_thing_owner",
        column: "owner",
        references: "other",
        onDelete: "restrict",
      },
      fk_thing_backup: {
        name: "fk_thing_backup",
        column: "backup",
        references: "other",
        onDelete: "set null",
      },
    });
    expect(Object.keys(table.indexes)).toEqual(["lk_thing_owner", "uq_thing_backup"]);
  });

  it("does not index a link twice when a declared index already leads with it", () => {
    const schema = physicalSchema(
      model(
        entity("thing", [field("owner", "link", { target: "other" }), field("day", "date")], {
          indexes: [{ name: "ix_thing_owner_day", columns: ["owner", "day"], unique: false }],
        }),
        entity("other", []),
      ),
    );
    expect(Object.keys(schema.tables.thing!.indexes)).toEqual(["ix_thing_owner_day"]);
  });

  it("gives a child table its owner key, cascading, and an index on the line order", () => {
    const schema = physicalSchema(
      model(
        entity("sales_order", [field("lines", "table", { target: "sales_order_line" })]),
        child("sales_order_line", "sales_order", "lines", [field("qty", "integer")]),
      ),
    );
    const line = schema.tables.sales_order_line!;
    expect(line.columns.parent_id).toEqual({ name: "parent_id", type: "uuid", notNull: true });
    expect(line.columns.line_no).toEqual({ name: "line_no", type: "integer", notNull: true });
    expect(Object.values(line.foreignKeys)).toEqual([
      {
        name: "fk_sales_order_line_parent_id",
        column: "parent_id",
        references: "sales_order",
        onDelete: "cascade",
      },
    ]);
    expect(Object.values(line.indexes)).toEqual([
      {
        name: "pt_sales_order_line_parent_id_line_no",
        columns: ["parent_id", "line_no"],
        unique: false,
      },
    ]);
  });

  it("gives a tree table a nullable parent key to itself that restricts deletes", () => {
    const schema = physicalSchema(model(entity("department", [], { type: "tree" })));
    const table = schema.tables.department!;
    expect(table.columns.parent_id).toEqual({ name: "parent_id", type: "uuid", notNull: false });
    expect(Object.values(table.foreignKeys)).toEqual([
      {
        name: "fk_department_parent_id",
        column: "parent_id",
        references: "department",
        onDelete: "restrict",
      },
    ]);
    expect(Object.keys(table.indexes)).toEqual(["pt_department_parent_id"]);
  });

  it("lets a single entity hold one row through a unique index on (true)", () => {
    const schema = physicalSchema(model(entity("settings", [], { type: "single" })));
    expect(Object.values(schema.tables.settings!.indexes)).toEqual([
      { name: "one_row_settings", columns: ["(true)"], unique: true },
    ]);
  });

  it("keeps generated names within 63 bytes, stable and distinct", () => {
    const long = "a_very_long_table_name_that_goes_on_and_on_and_on";
    const schema = physicalSchema(
      model(
        entity(long, [
          field("first_unique_column", "text", { unique: true }),
          field("first_unique_columm", "text", { unique: true }),
        ]),
      ),
    );
    const names = Object.keys(schema.tables[long]!.indexes);
    expect(names).toHaveLength(2);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(63);
    expect(names[0]).not.toBe(names[1]);
    expect(names[0]).toMatch(/^uq_a_very_long_table_name.*_[0-9a-f]{8}$/);
    expect(sqlName("uq", long, "first_unique_column")).toBe(names[0]);
  });

  it("refuses two tables whose generated index names clash", () => {
    const clash = () =>
      physicalSchema(
        model(
          entity("sales", [field("order_no", "text", { unique: true })]),
          entity("sales_order", [field("no", "text", { unique: true })]),
        ),
      );
    expect(clash).toThrow(LoomError);
    expect(clash).toThrow(/two indexes would have the same name/);
  });
});
