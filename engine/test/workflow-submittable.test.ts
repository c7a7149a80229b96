import { describe, expect, it } from "vitest";
import { planMigration } from "../src/index.ts";
import { compile, entity, field, packageFiles } from "./support/packages.ts";
import { role } from "./support/roles.ts";

const request = (extra: Record<string, unknown> = {}) =>
  entity(
    "purchase_request",
    [
      field("title", "text", { required: true }),
      field("amount", "money"),
      field("remark", "longtext"),
      field("status", "select", {
        default: "draft",
        options: ["draft", "pending", "approved", "void"].map((value) => ({
          value,
          labels: { en: value },
        })),
      }),
      field("total", "money", { computed: { "*": [{ var: "amount" }, 1] } }),
    ],
    extra,
  );
const base = (files: Record<string, unknown>) => packageFiles({ name: "base-pkg" }, files);
const REQUEST_FILE = "entities/purchase_request.json";

describe("a submittable entity", () => {
  const { model, issues } = compile(
    base({ [REQUEST_FILE]: request({ submittable: { editableAfterSubmit: ["remark"] } }) }),
  );
  const compiled = model?.entities.purchase_request;

  it("gets the read-only lifecycle fields docstatus and amended_from after its own", () => {
    expect(issues).toEqual([]);
    expect(compiled!.submittable).toEqual({ editableAfterSubmit: ["remark"] });
    expect(compiled!.fields.map((f) => f.name)).toEqual([
      "title",
      "amount",
      "remark",
      "status",
      "total",
      "docstatus",
      "amended_from",
    ]);
    expect(compiled!.fields.at(-2)).toMatchObject({
      name: "docstatus",
      type: "select",
      labels: { en: "Document Status", "zh-CN": "单据状态" },
      required: true,
      readOnly: true,
      default: "draft",
      column: "docstatus",
      options: [
        { value: "draft", labels: { en: "Draft", "zh-CN": "草稿" } },
        { value: "submitted", labels: { en: "Submitted", "zh-CN": "已提交" } },
        { value: "cancelled", labels: { en: "Cancelled", "zh-CN": "已取消" } },
      ],
      origin: { package: "base-pkg", file: REQUEST_FILE },
    });
    expect(compiled!.fields.at(-1)).toMatchObject({
      name: "amended_from",
      type: "link",
      target: "purchase_request",
      onDelete: "set-null",
      readOnly: true,
      required: false,
      column: "amended_from",
    });
  });

  it("follows the built-in lifecycle when no workflow is bound to it", () => {
    const workflow = model!.workflows.purchase_request!;
    expect(workflow).toMatchObject({
      name: "purchase_request_lifecycle",
      labels: { en: "purchase_request Lifecycle", "zh-CN": "purchase_request生命周期" },
      entity: "purchase_request",
      stateField: "docstatus",
      initial: "draft",
      migrate: {},
      origin: { package: "base-pkg", file: REQUEST_FILE },
    });
    expect(workflow.version).toMatch(/^[0-9a-f]{64}$/);
    expect(workflow.nodes).toMatchObject({
      draft: {
        type: "state",
        state: "draft",
        initial: true,
        lifecycle: "draft",
        editable: ["title", "amount", "remark", "status"],
      },
      submitted: {
        type: "state",
        state: "submitted",
        lifecycle: "submitted",
        editable: ["remark"],
      },
      cancelled: {
        type: "state",
        state: "cancelled",
        final: true,
        lifecycle: "cancelled",
        editable: [],
      },
    });
    expect(workflow.edges.map(({ id, from, to, action }) => ({ id, from, to, action }))).toEqual([
      { id: "submit", from: "draft", to: "submitted", action: "submit" },
      { id: "cancel", from: "submitted", to: "cancelled", action: "cancel" },
    ]);
  });

  it("lets expressions and grants read the lifecycle fields", () => {
    const where = { "==": [{ var: "docstatus" }, "submitted"] };
    const { issues } = compile(
      base({
        [REQUEST_FILE]: request({
          submittable: {},
          rules: [
            {
              name: "not_amended_twice",
              assert: { "!=": [{ var: "amended_from" }, { var: "id" }] },
              message: { en: "x" },
            },
          ],
        }),
        "roles/viewer.json": role("viewer", [
          { entity: "purchase_request", actions: ["read"], where },
        ]),
      }),
    );
    expect(issues).toEqual([]);
  });

  it("locks every field after submit when nothing is listed", () => {
    const { model } = compile(base({ [REQUEST_FILE]: request({ submittable: {} }) }));
    expect(model!.entities.purchase_request!.submittable).toEqual({ editableAfterSubmit: [] });
    expect(model!.workflows.purchase_request!.nodes.submitted).toMatchObject({ editable: [] });
  });

  it("may be made submittable by a customization", () => {
    const custom = packageFiles(
      { name: "custom-pkg", layer: "customization", dependsOn: { "base-pkg": "^1.0.0" } },
      {
        "extensions/purchase_request.json": {
          kind: "entity-extension",
          entity: "purchase_request",
          submittable: { editableAfterSubmit: ["amount"] },
        },
      },
    );
    const { model, issues } = compile(base({ [REQUEST_FILE]: request() }), custom);
    expect(issues).toEqual([]);
    const compiled = model!.entities.purchase_request!;
    expect(compiled.submittable).toEqual({ editableAfterSubmit: ["amount"] });
    expect(compiled.fields.at(-2)!.origin).toEqual({
      package: "custom-pkg",
      file: "extensions/purchase_request.json",
    });
    expect(model!.workflows.purchase_request!.nodes.submitted).toMatchObject({
      editable: ["amount"],
    });
  });

  it("refuses fields named like the lifecycle fields, on any entity", () => {
    const { issues } = compile(
      base({
        [REQUEST_FILE]: request(),
        "entities/memo.json": entity("memo", [field("docstatus", "text")]),
      }),
    );
    expect(issues).toMatchObject([
      { code: "reserved-name", file: "entities/memo.json", path: "/fields/0/name" },
    ]);
    expect(issues[0]!.message).toContain("lifecycle field");
  });

  it.each([
    ["an unknown field", ["remarks"], "unknown-field", '"remarks"'],
    ["a computed field", ["total"], "not-writable", '"total"'],
  ])("refuses %s kept editable after submit", (_what, list, code, named) => {
    const { issues } = compile(
      base({ [REQUEST_FILE]: request({ submittable: { editableAfterSubmit: list } }) }),
    );
    expect(issues).toMatchObject([
      { code, file: REQUEST_FILE, path: "/submittable/editableAfterSubmit/0" },
    ]);
    expect(issues[0]!.message).toContain(named);
    expect(issues[0]!.line).toBeGreaterThan(1);
  });

  it("refuses a submittable child entity", () => {
    const { issues } = compile(
      base({
        "entities/memo.json": entity("memo", [field("lines", "table", { target: "memo_line" })]),
        "entities/memo_line.json": entity("memo_line", [field("qty", "integer")], {
          type: "child",
          submittable: {},
        }),
      }),
    );
    expect(issues).toMatchObject([
      { code: "submittable-child", file: "entities/memo_line.json", path: "/submittable" },
    ]);
  });
});

describe("a workflow on a submittable entity", () => {
  const label = { en: "x" };
  const workflow = (
    nodes: Record<string, unknown>[] = [],
    edges: Record<string, unknown>[] = [],
  ) => ({
    kind: "workflow",
    name: "request_approval",
    labels: label,
    entity: "purchase_request",
    stateField: "status",
    nodes: [
      { id: "draft", type: "state", labels: label, state: "draft", initial: true },
      {
        id: "pending",
        type: "approval",
        labels: label,
        state: "pending",
        assignees: [{ role: "admin" }],
      },
      { id: "approved", type: "state", labels: label, state: "approved", final: true },
      {
        id: "void",
        type: "state",
        labels: label,
        state: "void",
        final: true,
        lifecycle: "cancelled",
      },
      ...nodes,
    ],
    edges: [
      { id: "submit", from: "draft", to: "pending", action: "submit" },
      { id: "approve", from: "pending", to: "approved", action: "approve" },
      { id: "reject", from: "pending", to: "draft", action: "reject" },
      { id: "void", from: "pending", to: "void", action: "void" },
      ...edges,
    ],
  });
  const withWorkflow = (
    def: Record<string, unknown>,
    submittable: unknown = { editableAfterSubmit: ["remark"] },
  ) =>
    compile(
      base({
        [REQUEST_FILE]: request({ submittable }),
        "workflows/request_approval.json": def,
      }),
    );

  it("drives the lifecycle: draft where records start, submitted elsewhere unless told", () => {
    const { model, issues } = withWorkflow(workflow());
    expect(issues).toEqual([]);
    const compiled = model!.workflows.purchase_request!;
    expect(compiled.name).toBe("request_approval");
    expect(compiled.nodes).toMatchObject({
      draft: { lifecycle: "draft", editable: ["title", "amount", "remark"] },
      pending: { lifecycle: "submitted", editable: ["remark"] },
      approved: { lifecycle: "submitted", editable: ["remark"] },
      void: { lifecycle: "cancelled", editable: [] },
    });
  });

  it("refuses a lifecycle other than draft where records start", () => {
    const def = workflow();
    (def.nodes[0] as Record<string, unknown>).lifecycle = "submitted";
    const { issues } = withWorkflow(def);
    expect(issues).toMatchObject([{ code: "bad-lifecycle", path: "/nodes/0/lifecycle" }]);
    expect(issues[0]!.message).toContain('"draft"');
  });

  it("refuses a state field the entity keeps editable after submit", () => {
    const { issues } = withWorkflow(workflow(), { editableAfterSubmit: ["status"] });
    expect(issues).toMatchObject([{ code: "state-field-editable", path: "/stateField" }]);
  });

  it("refuses a workflow named like a built-in lifecycle", () => {
    const def = { ...workflow(), name: "memo_lifecycle", entity: "purchase_request" };
    const { issues } = compile(
      base({
        [REQUEST_FILE]: request({ submittable: {} }),
        "entities/memo.json": entity("memo", [field("title", "text")], { submittable: {} }),
        "workflows/memo_lifecycle.json": def,
      }),
    );
    expect(issues).toMatchObject([{ code: "duplicate-workflow-name", path: "/name" }]);
  });
});

describe("planning a submittable entity", () => {
  it("adds the docstatus and amended_from columns and the link's key when an entity becomes submittable", () => {
    const before = compile(base({ [REQUEST_FILE]: request() })).model!;
    const after = compile(base({ [REQUEST_FILE]: request({ submittable: {} }) })).model!;
    const plan = planMigration(before, after);
    expect(plan.dataLosing).toBe(false);
    expect(plan.steps.map((s) => `${s.kind} ${s.field ?? ""}`.trim())).toEqual([
      "add-column docstatus",
      "add-column amended_from",
      "create-index amended_from",
      "add-foreign-key amended_from",
    ]);
    expect(plan.steps[0]!.sql.join("\n")).toMatch(/"docstatus" text NOT NULL DEFAULT 'draft'/);
    expect(plan.steps[3]!.description).toContain(
      "purchase_request.amended_from → purchase_request",
    );
  });
});
