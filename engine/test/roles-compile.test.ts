import { describe, expect, it } from "vitest";
import { ADMIN_ROLE, type Issue } from "../src/index.ts";
import { compile, packageFiles } from "./support/packages.ts";
import { ORDER_ENTITIES, role } from "./support/roles.ts";
import { sampleModel } from "./support/sample-model.ts";

const base = (roles: Record<string, unknown>) =>
  packageFiles({ name: "base-pkg" }, { ...ORDER_ENTITIES, ...roles });
const custom = (roles: Record<string, unknown>) =>
  packageFiles(
    { name: "custom-pkg", layer: "customization", dependsOn: { "base-pkg": "^1.0.0" } },
    roles,
  );

/** The issues of one role file holding one grant. */
function grantIssues(grant: Record<string, unknown>): Issue[] {
  return compile(base({ "roles/clerk.json": role("clerk", [grant]) })).issues;
}

const summary = (issues: readonly Issue[]) =>
  issues.map((i) => ({ code: i.code, file: i.file, path: i.path, message: i.message }));

describe("compiling roles", () => {
  it("compiles role files into model.roles, alphabetical and frozen, next to the built-in admin", () => {
    const where = { "==": [{ var: "sales_person" }, { var: "$user.username" }] };
    const { model, issues } = compile(
      base({
        "roles/sales_rep.json": role(
          "sales_rep",
          [
            {
              entity: "sales_order",
              actions: ["read", "update"],
              where,
              hiddenFields: ["margin", "lines.unit_price"],
              workflowActions: ["submit"],
            },
          ],
          { description: { en: "Sells" } },
        ),
        "roles/auditor.json": role("auditor", [{ entity: "customer", actions: ["read"] }]),
      }),
    );
    expect(issues).toEqual([]);
    expect(Object.keys(model!.roles)).toEqual(["admin", "auditor", "sales_rep"]);
    expect(model!.roles.sales_rep).toEqual({
      name: "sales_rep",
      labels: { en: "sales_rep", "zh-CN": "sales_rep" },
      description: { en: "Sells" },
      administrator: false,
      designer: false,
      grants: [
        {
          entity: "sales_order",
          actions: ["read", "update"],
          where,
          hiddenFields: ["margin", "lines.unit_price"],
          readOnlyFields: [],
          workflowActions: ["submit"],
        },
      ],
      origin: { package: "base-pkg", file: "roles/sales_rep.json" },
    });
    expect(Object.isFrozen(model!.roles.sales_rep!.grants[0]!.hiddenFields)).toBe(true);
    expect(JSON.parse(JSON.stringify(model!.roles))).toEqual(model!.roles);
  });

  it("gives every model the built-in admin role", () => {
    const { model } = compile(packageFiles({ name: "empty" }, {}));
    expect(model!.roles).toEqual({ admin: ADMIN_ROLE });
    expect(model!.roles.admin).toMatchObject({
      administrator: true,
      labels: { en: "Administrator", "zh-CN": "管理员" },
      grants: [],
      origin: { package: "loom", file: "built-in" },
    });
  });

  it("refuses a package role named admin, saying it is built in", () => {
    const { issues } = compile(base({ "roles/admin.json": role("admin", []) }));
    expect(summary(issues)).toEqual([
      {
        code: "built-in-role",
        file: "roles/admin.json",
        path: "/name",
        message: '"admin" is the built-in administrator role; choose another role name',
      },
    ]);
    expect(issues[0]!.line).toBe(3);
  });

  it("refuses a role name that is an SQL reserved word, like an entity name", () => {
    const { issues } = compile(base({ "roles/user.json": role("user", []) }));
    expect(summary(issues)).toMatchObject([
      { code: "reserved-name", file: "roles/user.json", path: "/name" },
    ]);
  });

  it("refuses a role defined twice, naming both files, also across packages", () => {
    const { issues } = compile(
      base({ "roles/clerk.json": role("clerk", []) }),
      custom({ "roles/clerk.json": role("clerk", [{ entity: "customer", actions: ["read"] }]) }),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: "duplicate-role",
      package: "custom-pkg",
      file: "roles/clerk.json",
      path: "/name",
    });
    expect(issues[0]!.message).toContain(
      'role "clerk" is already defined in base-pkg/roles/clerk.json',
    );
  });

  it("lets a customization package add roles of its own", () => {
    const { model, issues } = compile(
      base({}),
      custom({ "roles/clerk.json": role("clerk", [{ entity: "sales_order", actions: ["read"] }]) }),
    );
    expect(issues).toEqual([]);
    expect(model!.roles.clerk!.origin).toEqual({ package: "custom-pkg", file: "roles/clerk.json" });
  });

  it("compiles a package's own administrator role, which needs no grants", () => {
    const { kind, name, labels } = role("owner", []);
    const { model, issues } = compile(
      base({ "roles/owner.json": { kind, name, labels, administrator: true } }),
    );
    expect(issues).toEqual([]);
    expect(model!.roles.owner).toMatchObject({ administrator: true, grants: [] });
  });

  it("refuses an administrator role with grants", () => {
    const { issues } = compile(
      base({
        "roles/boss.json": role("boss", [{ entity: "customer", actions: ["read"] }], {
          administrator: true,
        }),
      }),
    );
    expect(summary(issues)).toEqual([
      {
        code: "administrator-with-grants",
        file: "roles/boss.json",
        path: "/grants",
        message:
          'an administrator role may already do everything; remove its grants or set "administrator" to false',
      },
    ]);
  });

  it("refuses a grant on an entity no package defines", () => {
    expect(summary(grantIssues({ entity: "invoice", actions: ["read"] }))).toEqual([
      {
        code: "unknown-entity",
        file: "roles/clerk.json",
        path: "/grants/0/entity",
        message: 'grants entity "invoice", which no package defines',
      },
    ]);
  });

  it("refuses a grant on a child entity, pointing to its document and the line path", () => {
    const issues = grantIssues({ entity: "sales_order_line", actions: ["read"] });
    expect(summary(issues)).toEqual([
      {
        code: "grant-child",
        file: "roles/clerk.json",
        path: "/grants/0/entity",
        message:
          '"sales_order_line" holds the lines of another record: grant its document "sales_order" instead; hide line fields as "lines.unit_price"',
      },
    ]);
    expect(issues[0]!.line).toBeGreaterThan(1);
  });

  it("names the root document for lines nested in lines", () => {
    const [issue] = grantIssues({ entity: "sales_order_batch", actions: ["read"] });
    expect(issue!.message).toContain('grant its document "sales_order" instead');
    expect(issue!.message).toContain('"lines.batches.lot"');
  });

  it("checks a row scope against the entity's fields, with $user allowed", () => {
    const ok = grantIssues({
      entity: "sales_order",
      actions: ["read"],
      where: {
        and: [
          { "==": [{ var: "department" }, { var: "$user.department" }] },
          { "==": [{ var: "customer.region" }, { var: "$user.region" }] },
        ],
      },
    });
    expect(ok).toEqual([]);
    const issues = grantIssues({
      entity: "sales_order",
      actions: ["read"],
      where: { "==": [{ var: "salesman" }, { var: "$user.username" }] },
    });
    expect(summary(issues)).toEqual([
      {
        code: "unknown-field",
        file: "roles/clerk.json",
        path: "/grants/0/where/==/0/var",
        message: 'entity "sales_order" has no field "salesman"',
      },
    ]);
  });

  it("refuses a row scope the database cannot run", () => {
    const issues = grantIssues({
      entity: "sales_order",
      actions: ["read"],
      where: { ">": [{ sum_lines: ["lines", "qty"] }, 10] },
    });
    expect(summary(issues)).toMatchObject([
      { code: "not-filterable", path: "/grants/0/where/>/0", file: "roles/clerk.json" },
    ]);
  });

  it("accepts hidden and read-only paths into lines, nested lines included", () => {
    expect(
      grantIssues({
        entity: "sales_order",
        actions: ["read", "update"],
        hiddenFields: ["margin", "lines.unit_price", "lines.batches.lot"],
        readOnlyFields: ["exchange_rate", "lines"],
      }),
    ).toEqual([]);
  });

  it("refuses hidden and read-only paths that name no field", () => {
    const issues = grantIssues({
      entity: "sales_order",
      actions: ["read", "update"],
      hiddenFields: ["margn", "lines.unit_prize"],
      readOnlyFields: ["customer.region", "lines.batches.lot.x"],
    });
    expect(summary(issues)).toEqual([
      {
        code: "unknown-field",
        file: "roles/clerk.json",
        path: "/grants/0/hiddenFields/0",
        message: 'entity "sales_order" has no field "margn"',
      },
      {
        code: "unknown-field",
        file: "roles/clerk.json",
        path: "/grants/0/hiddenFields/1",
        message: 'entity "sales_order_line" has no field "unit_prize" (in "lines.unit_prize")',
      },
      {
        code: "unknown-field",
        file: "roles/clerk.json",
        path: "/grants/0/readOnlyFields/0",
        message:
          '"customer" is a link field, not a table, so "customer.region" cannot go past it: a grant names fields of its own records and their lines',
      },
      {
        code: "unknown-field",
        file: "roles/clerk.json",
        path: "/grants/0/readOnlyFields/1",
        message:
          '"lot" is a text field, not a table, so "lines.batches.lot.x" cannot go past it: a grant names fields of its own records and their lines',
      },
    ]);
  });

  it("refuses a path both hidden and read-only in one grant", () => {
    const issues = grantIssues({
      entity: "sales_order",
      actions: ["read", "update"],
      hiddenFields: ["margin"],
      readOnlyFields: ["exchange_rate", "margin"],
    });
    expect(summary(issues)).toEqual([
      {
        code: "hidden-and-read-only",
        file: "roles/clerk.json",
        path: "/grants/0/readOnlyFields/1",
        message:
          '"margin" is also hidden by this grant, so it cannot be written anyway; keep it in one list',
      },
    ]);
  });

  it("compiles the manufacturing sample with its eight roles", () => {
    const model = sampleModel("manufacturing", "manufacturing-custom");
    expect(Object.keys(model.roles)).toEqual([
      "admin",
      "cfo",
      "consultant",
      "finance",
      "legal",
      "sales_manager",
      "sales_rep",
      "warehouse_clerk",
    ]);
    for (const name of Object.keys(model.roles))
      expect(model.roles[name]!.labels["zh-CN"]).toBeDefined();
    expect(
      Object.values(model.roles)
        .filter((role) => role.designer)
        .map((r) => r.name),
    ).toEqual(["admin", "consultant"]);
    const fields = model.entities.sales_order!.fields.map((f) => f.name);
    expect(fields).toEqual(expect.arrayContaining(["department", "margin"]));
  });
});
