import { describe, expect, it } from "vitest";
import { actionEdges, actionsAt, routeFrom, type Workflow } from "../src/index.ts";
import { compile } from "./support/packages.ts";
import { validWorkflow, workflowPackage } from "./support/workflows.ts";

function workflow(): Workflow {
  const { model, issues } = compile(
    workflowPackage({ "workflows/order_approval.json": validWorkflow() }),
  );
  expect(issues).toEqual([]);
  return model!.workflows.sales_order!;
}

const submit = (wf: Workflow) => actionEdges(wf, "draft", "submit")[0]!;
const context = { user: { username: "wang" }, now: new Date("2026-03-02T10:00:00Z") };

describe("routing a taken edge to the next resting node", () => {
  it("follows a decision's guards in file order, else its else edge", () => {
    const wf = workflow();
    const route = (record: Record<string, unknown>) => routeFrom(wf, submit(wf), record, context);
    expect(route({ amount: 250_000, is_contract: true }).restingAt).toBe("cfo");
    expect(route({ amount: 10, is_contract: true }).restingAt).toBe("countersign");
    const normal = route({ amount: 10, is_contract: false });
    expect(normal.restingAt).toBe("manager");
    expect(normal.edges.map((e) => e.id)).toEqual(["submit", "normal"]);
  });

  it("collects an action node's effects in order, its sets applied to what follows", () => {
    const wf = workflow();
    const approve = actionEdges(wf, "manager", "approve")[0]!;
    const route = routeFrom(wf, approve, { order_no: "SO-1", sales_person: "li" }, context);
    expect(route.restingAt).toBe("approved");
    expect(route.changes).toEqual({ approved_on: "2026-03-02", remark: "by wang" });
    expect(route.effects.map(({ effect, index }) => [Object.keys(effect)[0], index])).toEqual([
      ["create", 0],
      ["notify", 1],
      ["webhook", 2],
    ]);
    expect(route.effects[0]!.record).toMatchObject({ remark: "by wang", order_no: "SO-1" });
  });

  it("lists the actions users may name at a node, each once", () => {
    const wf = workflow();
    expect(actionsAt(wf, "manager")).toEqual(["approve", "reject", "withdraw"]);
    expect(actionsAt(wf, "approved")).toEqual([]);
  });
});
