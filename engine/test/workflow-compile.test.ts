import { describe, expect, it } from "vitest";
import { compileApp, type Workflow, type WorkflowDef } from "../src/index.ts";
import { compile, loaded } from "./support/packages.ts";
import { validWorkflow, workflowPackage } from "./support/workflows.ts";

function compiled(def: Record<string, unknown> = validWorkflow()): Workflow {
  const { model, issues } = compile(workflowPackage({ "workflows/order_approval.json": def }));
  expect(issues).toEqual([]);
  return model!.workflows.sales_order!;
}

describe("compiling a workflow", () => {
  it("binds it to its entity in model.workflows with the initial node and its origin", () => {
    const workflow = compiled();
    expect(workflow).toMatchObject({
      name: "order_approval",
      entity: "sales_order",
      stateField: "status",
      initial: "draft",
      migrate: {},
      origin: { package: "base-pkg", file: "workflows/order_approval.json" },
    });
    expect(Object.keys(workflow.nodes)).toEqual([
      "draft",
      "route",
      "manager",
      "cfo",
      "countersign",
      "notify",
      "approved",
    ]);
    expect(workflow.edges.map((e) => e.id)).toContain("done");
    expect(Object.isFrozen(workflow.nodes.manager)).toBe(true);
    expect(JSON.parse(JSON.stringify(workflow))).toEqual(workflow);
  });

  it("resolves the defaults: editable fields by name, approval mode, self-approval", () => {
    const { nodes } = compiled();
    // every field users can write, minus the state field: not the series number, the computed
    // total or the read-only approved_on
    expect(nodes.draft).toMatchObject({
      editable: ["customer", "sales_person", "amount", "is_contract", "kind", "remark", "lines"],
    });
    expect(nodes.manager).toMatchObject({ editable: [], mode: "any", selfApproval: false });
    expect(nodes.cfo).toMatchObject({ mode: { quorum: 1 } });
    expect(nodes.countersign).toMatchObject({ editable: ["remark"], mode: "all" });
    expect(nodes.approved).toMatchObject({ editable: [] });
    expect(nodes.draft).not.toHaveProperty("lifecycle");
    expect(nodes.route).toEqual({
      id: "route",
      type: "decision",
      labels: { en: "Route", "zh-CN": "Route" },
      position: { x: 200, y: 0 },
    });
  });

  it("expands editable all and none on any resting node", () => {
    const def = validWorkflow();
    def.nodes[2]!.editable = "all";
    def.nodes[0]!.editable = "none";
    const { nodes } = compiled(def);
    expect(nodes.manager).toMatchObject({ editable: expect.arrayContaining(["amount", "remark"]) });
    expect(nodes.draft).toMatchObject({ editable: [] });
  });

  it("gives the same version to the same definition and a new one to any change of it", () => {
    const version = compiled().version;
    expect(version).toMatch(/^[0-9a-f]{64}$/);
    expect(compiled().version).toBe(version);

    const reordered = validWorkflow();
    const [first, ...rest] = Object.entries(reordered);
    expect(compiled(Object.fromEntries([...rest, first!])).version).toBe(version);

    const moved = validWorkflow();
    moved.nodes[1]!.position = { x: 999, y: 999 };
    expect(compiled(moved).version).toBe(version);

    const raised = validWorkflow();
    raised.edges[1]!.when = { ">": [{ var: "amount" }, 200000] };
    expect(compiled(raised).version).not.toBe(version);

    const relabelled = validWorkflow();
    relabelled.nodes[2]!.labels = { en: "Line Manager" };
    expect(compiled(relabelled).version).not.toBe(version);
  });

  it("keeps a migration map", () => {
    const def = { ...validWorkflow(), migrate: { review: "manager", old_cfo: "cfo" } };
    expect(compiled(def).migrate).toEqual({ review: "manager", old_cfo: "cfo" });
  });

  it("freezes its own copy, never the loaded definition (a designer keeps editing that one)", () => {
    const packages = loaded(workflowPackage({ "workflows/order_approval.json": validWorkflow() }));
    const { model } = compileApp(packages);
    const def = packages[0]!.components.find((c) => c.def.kind === "workflow")!.def as WorkflowDef;
    expect(Object.isFrozen(model!.workflows.sales_order!.edges[0])).toBe(true);
    expect(Object.isFrozen(def.edges[0])).toBe(false);
    expect(Object.isFrozen(def.nodes[0]!.labels)).toBe(false);
  });

  it("leaves entities without a workflow out of model.workflows", () => {
    const { model } = compile(workflowPackage({}));
    expect(model!.workflows).toEqual({});
  });
});
