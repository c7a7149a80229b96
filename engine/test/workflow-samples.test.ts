import { describe, expect, it } from "vitest";
import { evaluate, isTruthy, type Workflow } from "../src/index.ts";
import { sampleModel } from "./support/sample-model.ts";

const model = sampleModel("manufacturing", "manufacturing-custom");

/** Where a decision node sends a record: the first route whose guard holds, else the else route. */
function route(
  workflow: Workflow,
  decision: string,
  record: Record<string, unknown>,
  params: Record<string, unknown> = { large_order_limit: 100_000 },
): string {
  const routes = workflow.edges.filter((e) => e.from === decision);
  const taken =
    routes.find((e) => e.when !== undefined && isTruthy(evaluate(e.when, record, { params }))) ??
    routes.find((e) => e.else === true);
  return taken!.to;
}

describe("the sample workflows", () => {
  it("bind the sales order, the purchase request and the expense claim", () => {
    expect(
      Object.fromEntries(Object.entries(model.workflows).map(([entity, w]) => [entity, w.name])),
    ).toEqual({
      expense_claim: "expense_claim_approval",
      purchase_request: "purchase_request_approval",
      sales_order: "sales_order_approval",
    });
  });

  it("route sales orders by base-currency amount and contract", () => {
    const workflow = model.workflows.sales_order!;
    const order = (total: number, rate: number, is_contract: boolean) => ({
      total,
      exchange_rate: rate,
      is_contract,
    });
    expect(route(workflow, "route", order(90_000, 1, false))).toBe("manager_approval");
    expect(route(workflow, "route", order(20_000, 7.1, false))).toBe("cfo_approval");
    expect(route(workflow, "route", order(50_000, 1, true))).toBe("countersign");
    expect(route(workflow, "after_cfo", order(500_000, 1, true))).toBe("countersign");
    expect(route(workflow, "after_cfo", order(500_000, 1, false))).toBe("notify_approved");
    // the limit is the environment's: a lower one sends smaller orders to the CFO
    expect(model.parameters?.large_order_limit?.default).toBe(100_000);
    expect(route(workflow, "route", order(90_000, 1, false), { large_order_limit: 50_000 })).toBe(
      "cfo_approval",
    );
  });

  it("have finance and legal countersign contracts, each of them approving", () => {
    expect(model.workflows.sales_order!.nodes.countersign).toMatchObject({
      type: "approval",
      mode: "all",
      assignees: [
        { role: "finance", distribution: "round-robin" },
        { role: "legal", distribution: "round-robin" },
      ],
    });
    expect(model.workflows.sales_order!.nodes.manager_approval).toMatchObject({
      assignees: [{ role: "sales_manager", distribution: "round-robin" }],
      selfApproval: false,
    });
  });

  it("send rejections back to draft with a comment, and let the requester withdraw", () => {
    for (const workflow of Object.values(model.workflows)) {
      const rejects = workflow.edges.filter((e) => e.action === "reject");
      const withdraws = workflow.edges.filter((e) => e.action === "withdraw");
      expect(rejects.length).toBeGreaterThan(0);
      for (const edge of rejects)
        expect(edge).toMatchObject({ to: "draft", commentRequired: true });
      for (const edge of withdraws) expect(edge).toMatchObject({ to: "draft", requester: true });
    }
  });

  it("escalate an expense claim left with the claimant's manager for two days to finance", () => {
    expect(model.workflows.expense_claim!.nodes.manager_approval).toMatchObject({
      assignees: [{ expression: { var: "$requester.manager" } }],
      sla: { duration: "P2D", escalateTo: [{ role: "finance" }] },
    });
    expect(route(model.workflows.expense_claim!, "amount_check", { amount: 8000 })).toBe(
      "finance_approval",
    );
    expect(route(model.workflows.expense_claim!, "amount_check", { amount: 800 })).toBe(
      "mark_approved",
    );
  });

  it("let the purchase request drive its document lifecycle", () => {
    const entity = model.entities.purchase_request!;
    expect(entity.submittable).toEqual({ editableAfterSubmit: ["required_by", "remark"] });
    expect(entity.fields.slice(-2).map((f) => f.name)).toEqual(["docstatus", "amended_from"]);
    const { nodes } = model.workflows.purchase_request!;
    expect(
      Object.values(nodes).flatMap((n) => ("lifecycle" in n ? [[n.id, n.lifecycle]] : [])),
    ).toEqual([
      ["draft", "draft"],
      ["warehouse_review", "submitted"],
      ["cfo_approval", "submitted"],
      ["approved", "submitted"],
      ["cancelled", "cancelled"],
    ]);
    expect(nodes.warehouse_review).toMatchObject({ assignees: [{ field: "warehouse.manager" }] });
  });

  it("place every node and label everything in English and Chinese", () => {
    for (const workflow of Object.values(model.workflows)) {
      expect(workflow.labels["zh-CN"]).toBeTruthy();
      for (const node of Object.values(workflow.nodes)) {
        expect(node.position, `${workflow.name} ${node.id}`).toBeDefined();
        expect(node.labels["zh-CN"], `${workflow.name} ${node.id}`).toBeTruthy();
      }
      for (const edge of workflow.edges.filter((e) => e.action !== undefined))
        expect(edge.labels?.["zh-CN"], `${workflow.name} ${edge.id}`).toBeTruthy();
    }
  });
});
