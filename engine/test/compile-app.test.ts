import { describe, expect, it } from "vitest";
import { compileApp } from "../src/index.ts";
import { compile, entity, field, loaded, packageFiles } from "./support/packages.ts";

const base = (entities: Record<string, unknown>, manifest: Record<string, unknown> = {}) =>
  packageFiles({ name: "base-pkg", ...manifest }, entities);
const custom = (components: Record<string, unknown>, manifest: Record<string, unknown> = {}) =>
  packageFiles(
    {
      name: "custom-pkg",
      layer: "customization",
      dependsOn: { "base-pkg": "^1.0.0" },
      ...manifest,
    },
    components,
  );
const order = entity(
  "sales_order",
  [
    field("order_no", "text"),
    field("customer", "link", { target: "customer" }),
    field("status", "select", {
      default: "draft",
      options: [
        { value: "draft", labels: { en: "Draft" } },
        { value: "done", labels: { en: "Done" } },
      ],
    }),
    field("lines", "table", { target: "sales_order_line" }),
    field("total", "money", { computed: { sum_lines: ["lines", "amount"] } }),
  ],
  { namingSeries: { field: "order_no", pattern: "SO-{YYYY}-{#####}" } },
);
const line = entity(
  "sales_order_line",
  [
    field("qty", "decimal", { precision: 12, scale: 3 }),
    field("price", "money"),
    field("amount", "money", { computed: { "*": [{ var: "qty" }, { var: "price" }] } }),
  ],
  { type: "child" },
);
const customer = entity("customer", [
  field("name", "text", { required: true }),
  field("region", "text"),
]);
const valid = {
  "entities/sales_order.json": order,
  "entities/sales_order_line.json": line,
  "entities/customer.json": customer,
};

function codes(result: ReturnType<typeof compileApp>) {
  return result.issues.map((i) => i.code);
}

describe("compileApp", () => {
  it("compiles a valid package into a frozen model with derived properties", () => {
    const { model, issues } = compile(base(valid));
    expect(issues).toEqual([]);
    expect(Object.keys(model!.entities)).toEqual(["customer", "sales_order", "sales_order_line"]);
    const so = model!.entities.sales_order!;
    expect(so.titleField).toBe("order_no");
    expect(so.fields.find((f) => f.name === "order_no")?.readOnly).toBe(true);
    expect(so.fields.find((f) => f.name === "total")?.readOnly).toBe(true);
    expect(so.fields.find((f) => f.name === "lines")?.column).toBeUndefined();
    expect(model!.entities.sales_order_line!.parent).toEqual({
      entity: "sales_order",
      field: "lines",
    });
    expect(model!.entities.customer!.titleField).toBe("name");
    expect(Object.isFrozen(so.fields[0])).toBe(true);
  });

  it("reports a link to an entity nobody defines, at the target property", () => {
    const broken = {
      ...valid,
      "entities/customer.json": entity("client", [field("name", "text")]),
    };
    const { model, issues } = compile(base(broken));
    expect(model).toBeUndefined();
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: "unknown-entity",
        file: "entities/sales_order.json",
        path: "/fields/1/target",
        line: expect.any(Number),
      }),
    );
  });

  it("reports duplicate entities across packages and duplicate fields", () => {
    const dupField = entity("customer", [field("name", "text"), field("name", "integer")]);
    const result = compile(
      base({ ...valid, "entities/customer.json": dupField }),
      custom({ "entities/customer.json": customer }),
    );
    expect(codes(result)).toEqual(expect.arrayContaining(["duplicate-field", "duplicate-entity"]));
    const dup = result.issues.find((i) => i.code === "duplicate-field")!;
    expect(dup).toMatchObject({
      path: "/fields/1/name",
      line: expect.any(Number),
      package: "base-pkg",
    });
  });

  it("refuses SQL reserved words and system column names", () => {
    const bad = entity("order", [field("select", "text"), field("version", "integer")]);
    const result = compile(base({ "entities/order.json": bad }));
    expect(result.issues.filter((i) => i.code === "reserved-name").map((i) => i.path)).toEqual([
      "/name",
      "/fields/0/name",
      "/fields/1/name",
    ]);
  });

  it("refuses a select default that is not an option, and a wrongly typed default", () => {
    const bad = entity("thing", [
      field("status", "select", {
        default: "open",
        options: [{ value: "draft", labels: { en: "Draft" } }],
      }),
      field("qty", "integer", { default: 1.5 }),
      field("day", "date", { default: "2026-02-30" }),
    ]);
    const result = compile(base({ "entities/thing.json": bad }));
    expect(result.issues.map((i) => `${i.code} ${i.path}`)).toEqual([
      "default-not-an-option /fields/0/default",
      "bad-default /fields/1/default",
      "bad-default /fields/2/default",
    ]);
  });

  it("finds circles among computed fields", () => {
    const bad = entity("thing", [
      field("a", "integer", { computed: { "+": [{ var: "b" }, 1] } }),
      field("b", "integer", { computed: { "+": [{ var: "c" }, 1] } }),
      field("c", "integer", { computed: { "+": [{ var: "a" }, 1] } }),
      field("d", "integer", { computed: { "+": [{ var: "a" }, 1] } }),
    ]);
    const result = compile(base({ "entities/thing.json": bad }));
    expect(codes(result)).toEqual(["computed-cycle"]);
    expect(result.issues[0]!.message).toContain("a → b → c → a");
  });

  it("refuses unknown json-logic operators and fields, pointing inside the expression", () => {
    const bad = entity(
      "thing",
      [
        field("a", "integer"),
        field("b", "integer", { visibleIf: { "===": [{ var: "nope" }, 1] } }),
        field("c", "integer", { computed: { eval: ["1+1"] } }),
      ],
      {
        rules: [
          {
            name: "positive",
            assert: { ">": [{ var: "a" }, 0] },
            message: { en: "a must be positive" },
          },
        ],
      },
    );
    const result = compile(base({ "entities/thing.json": bad }));
    expect(result.issues.map((i) => `${i.code} ${i.path}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^unknown-field \/fields\/1\/visibleIf/),
        expect.stringMatching(/^unknown-operator \/fields\/2\/computed/),
      ]),
    );
    expect(result.issues).toHaveLength(2);
  });

  it("checks link paths in expressions segment by segment", () => {
    const withPath = entity("invoice", [
      field("customer", "link", { target: "customer" }),
      field("flag", "boolean", { visibleIf: { "==": [{ var: "customer.region" }, "north"] } }),
      field("other", "boolean", { visibleIf: { "==": [{ var: "customer.planet" }, "earth"] } }),
    ]);
    const result = compile(
      base({ "entities/customer.json": customer, "entities/invoice.json": withPath }),
    );
    expect(result.issues.map((i) => i.code)).toEqual(["unknown-field"]);
    expect(result.issues[0]!.path).toMatch(/^\/fields\/2\/visibleIf/);
  });

  it("refuses table fields whose target is not a child entity, and orphan children", () => {
    const bad = entity("doc", [field("lines", "table", { target: "customer" })]);
    const orphan = entity("orphan_line", [field("x", "text")], { type: "child" });
    const result = compile(
      base({
        "entities/customer.json": customer,
        "entities/doc.json": bad,
        "entities/orphan_line.json": orphan,
      }),
    );
    expect(codes(result).sort()).toEqual(["orphan-child", "table-needs-child"]);
  });

  describe("layers", () => {
    it("adds fields and overrides properties of a base entity from a customization", () => {
      const extension = {
        kind: "entity-extension",
        entity: "customer",
        fields: [field("wechat_id", "text", { labels: { en: "WeChat", "zh-CN": "微信" } })],
        fieldOverrides: { region: { required: true, labels: { en: "Sales region" } } },
      };
      const { model, issues } = compile(
        base(valid),
        custom({ "extensions/customer.json": extension }),
      );
      expect(issues).toEqual([]);
      const fields = model!.entities.customer!.fields;
      expect(fields.map((f) => f.name)).toEqual(["name", "region", "wechat_id"]);
      expect(fields[1]).toMatchObject({
        required: true,
        labels: { en: "Sales region" },
        origin: { package: "base-pkg" },
      });
      expect(fields[2]!.origin).toEqual({
        package: "custom-pkg",
        file: "extensions/customer.json",
      });
      expect(model!.packages.map((p) => p.name)).toEqual(["base-pkg", "custom-pkg"]);
    });

    it("keeps customizations when the base is upgraded", () => {
      const extension = {
        kind: "entity-extension",
        entity: "customer",
        fields: [field("wechat_id", "text")],
      };
      const upgradedCustomer = entity("customer", [
        field("name", "text"),
        field("region", "text"),
        field("phone", "phone"),
      ]);
      const v2 = base(
        { ...valid, "entities/customer.json": upgradedCustomer },
        { version: "1.1.0" },
      );
      const { model } = compile(v2, custom({ "extensions/customer.json": extension }));
      expect(model!.entities.customer!.fields.map((f) => f.name)).toEqual([
        "name",
        "region",
        "phone",
        "wechat_id",
      ]);
    });

    it("refuses an override of a field the entity does not have", () => {
      const extension = {
        kind: "entity-extension",
        entity: "customer",
        fieldOverrides: { nmae: { required: true } },
      };
      const result = compile(base(valid), custom({ "extensions/customer.json": extension }));
      expect(result.issues).toEqual([
        expect.objectContaining({
          code: "unknown-field",
          file: "extensions/customer.json",
          path: "/fieldOverrides/nmae",
          package: "custom-pkg",
          line: 5,
          column: 5,
        }),
      ]);
    });

    it("refuses extensions in a base package and of entities outside the dependencies", () => {
      const extension = {
        kind: "entity-extension",
        entity: "customer",
        fields: [field("x", "text")],
      };
      const inBase = compile(base({ ...valid, "extensions/customer.json": extension }));
      expect(codes(inBase)).toEqual(["extension-in-base"]);
      const stranger = packageFiles(
        { name: "other", layer: "customization" },
        { "extensions/customer.json": extension },
      );
      expect(codes(compile(base(valid), stranger))).toEqual(["extension-not-dependency"]);
    });

    it("checks dependency presence, versions, layers and cycles", () => {
      const needsV2 = custom({}, { dependsOn: { "base-pkg": "^2.0.0" } });
      expect(codes(compile(base(valid), needsV2))).toEqual(["dependency-version"]);
      expect(codes(compile(custom({})))).toEqual(["missing-dependency"]);
      const baseOnCustom = packageFiles({ name: "b2", dependsOn: { "custom-pkg": "*" } }, {});
      expect(codes(compile(base(valid), custom({}), baseOnCustom))).toEqual(["layer-order"]);
      const a = packageFiles({ name: "a", dependsOn: { b: "*" } }, {});
      const b = packageFiles({ name: "b", dependsOn: { a: "*" } }, {});
      expect(codes(compile(a, b))).toEqual(["dependency-cycle"]);
      expect(codes(compileApp([...loaded(base(valid)), ...loaded(base(valid))]))).toEqual([
        "duplicate-package",
      ]);
    });
  });
});

describe("compileApp storage names", () => {
  it("refuses generated index names that clash across tables before any SQL runs", () => {
    // entity "a" with index "b_c" and entity "a_b" with index "c" both become ix_a_b_c
    const a = entity("a", [field("x", "text")], { indexes: [{ name: "b_c", fields: ["x"] }] });
    const ab = entity("a_b", [field("y", "text")], { indexes: [{ name: "c", fields: ["y"] }] });
    const result = compile(base({ "entities/a.json": a, "entities/a_b.json": ab }));
    expect(result.model).toBeUndefined();
    expect(result.issues).toEqual([expect.objectContaining({ code: "index-name-clash" })]);
    expect(result.issues[0]!.message).toContain("ix_a_b_c");
  });
});
