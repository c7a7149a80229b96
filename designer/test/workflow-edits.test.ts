import { readFile } from "node:fs/promises";
import type { WorkflowDef } from "@loom/engine";
import { describe, expect, it } from "vitest";
import { readWorkflow } from "../src/workflow/workflow-doc.ts";
import {
  addNode,
  connect,
  moveNodes,
  type NodeDefaults,
  newWorkflowText,
  removeEdges,
  removeNodes,
  renameNode,
  setIn,
  uniqueId,
} from "../src/workflow/workflow-edits.ts";

const SAMPLE = new URL(
  "../../metadata-samples/manufacturing/workflows/expense_claim_approval.json",
  import.meta.url,
);

const DEFAULTS: NodeDefaults = {
  labels: { en: "New", "zh-CN": "新" },
  stateOptions: ["draft", "submitted", "approved"],
  assignee: { role: "cfo" },
  effect: { set: { remark: "done" } },
};

function def(text: string): WorkflowDef {
  return readWorkflow(text)!;
}

const START = newWorkflowText({
  name: "po_approval",
  labels: { en: "PO Approval", "zh-CN": "采购审批" },
  entity: "purchase_order",
  stateField: "status",
  initialState: "draft",
  initialLabels: { en: "Draft", "zh-CN": "草稿" },
});

describe("workflow edits", () => {
  it("adds nodes of each kind with free states and unique ids, valid as they come", () => {
    let text = START;
    const ids: string[] = [];
    for (const kind of ["state", "approval", "approval", "decision", "action"] as const) {
      const added = addNode(text, kind, { x: 10.4, y: 20.6 }, DEFAULTS);
      text = added.text;
      ids.push(added.id);
    }
    expect(ids).toEqual(["submitted", "approval", "approval_2", "decision", "action"]);
    const nodes = def(text).nodes;
    expect(nodes.map((n) => ("state" in n ? n.state : null))).toEqual([
      "draft",
      "submitted",
      "approved",
      // no option left: the node names its own id, which the engine reports until one is added
      "approval_2",
      null,
      null,
    ]);
    expect(nodes[2]).toMatchObject({ assignees: [{ role: "cfo" }], position: { x: 10, y: 21 } });
    expect(nodes[5]).toMatchObject({ type: "action", effects: [{ set: { remark: "done" } }] });
  });

  it("connects by what the edge leaves: user actions, routes with one else, a plain way on", () => {
    let text = START;
    for (const kind of ["approval", "decision", "action", "state"] as const)
      text = addNode(text, kind, { x: 0, y: 0 }, DEFAULTS).text;
    const pairs = [
      ["draft", "approval"],
      ["approval", "decision"],
      ["approval", "draft"],
      ["approval", "draft"],
      ["decision", "action"],
      ["decision", "approved"],
      ["action", "approved"],
    ] as const;
    for (const [from, to] of pairs) text = connect(text, from, to).text;
    expect(def(text).edges).toEqual([
      {
        id: "draft_submit",
        from: "draft",
        to: "approval",
        action: "submit",
        labels: { en: "Submit", "zh-CN": "提交" },
      },
      {
        id: "approval_approve",
        from: "approval",
        to: "decision",
        action: "approve",
        labels: { en: "Approve", "zh-CN": "同意" },
      },
      {
        id: "approval_reject",
        from: "approval",
        to: "draft",
        action: "reject",
        labels: { en: "Reject", "zh-CN": "驳回" },
        commentRequired: true,
      },
      {
        id: "approval_withdraw",
        from: "approval",
        to: "draft",
        action: "withdraw",
        labels: { en: "Withdraw", "zh-CN": "撤回" },
        requester: true,
      },
      { id: "decision_to_action", from: "decision", to: "action", else: true },
      { id: "decision_to_approved", from: "decision", to: "approved" },
      { id: "action_next", from: "action", to: "approved" },
    ]);
  });

  it("keeps the rest of a hand-written file as it is, key order and layout included", async () => {
    const text = await readFile(SAMPLE, "utf8");
    const moved = moveNodes(text, { amount_check: { x: 500, y: 170 } });
    const changed = text.split("\n").filter((line, i) => moved.split("\n")[i] !== line);
    expect(changed).toEqual(['      "position": { "x": 480, "y": 160 }']);
    expect(moved).toContain('"position": { "x": 500, "y": 170 }\n');
    // a label set in place: one line differs
    const relabelled = setIn(text, ["nodes", 0, "labels", "zh-CN"], "草拟");
    expect(relabelled.split("\n").length).toBe(text.split("\n").length);
    expect(relabelled.replace("草拟", "草稿")).toBe(text);
    // an unchanged position writes nothing
    expect(moveNodes(text, { draft: { x: 0.2, y: 159.7 } })).toBe(text);
  });

  it("removes a node with its edges, and edges by index", async () => {
    const text = await readFile(SAMPLE, "utf8");
    const without = def(removeNodes(text, ["finance_approval"]));
    expect(without.nodes.map((n) => n.id)).not.toContain("finance_approval");
    expect(without.edges.map((e) => e.id)).toEqual([
      "submit",
      "cancel",
      "manager_approve",
      "manager_reject",
      "manager_withdraw",
      "within_limit",
      "recorded",
    ]);
    const fewer = def(removeEdges(text, [0, 10, 5]));
    expect(fewer.edges.map((e) => e.id)).toEqual([
      "cancel",
      "manager_approve",
      "manager_reject",
      "manager_withdraw",
      "within_limit",
      "finance_approve",
      "finance_reject",
      "finance_withdraw",
    ]);
  });

  it("renames a node, and the edges and migrations naming it follow", async () => {
    const text = setIn(await readFile(SAMPLE, "utf8"), ["migrate"], { old: "manager_approval" });
    const renamed = def(renameNode(text, 1, "line_manager"));
    expect(renamed.nodes[1]!.id).toBe("line_manager");
    expect(renamed.edges.filter((e) => e.from === "line_manager").map((e) => e.id)).toEqual([
      "manager_approve",
      "manager_reject",
      "manager_withdraw",
    ]);
    expect(renamed.edges.filter((e) => e.to === "line_manager").map((e) => e.id)).toEqual([
      "submit",
    ]);
    expect(renamed.migrate).toEqual({ old: "line_manager" });
    expect(
      renamed.edges.some((e) => e.from === "manager_approval" || e.to === "manager_approval"),
    ).toBe(false);
  });

  it("makes ids of the allowed shape, numbered when taken", () => {
    expect(uniqueId("approval", ["approval", "approval_2"])).toBe("approval_3");
    expect(uniqueId("2nd-level", [])).toBe("nd_level");
  });

  it("reads a file being edited tolerantly, entries keeping their index", () => {
    const read = readWorkflow('{"nodes": [3, {"id": "a", "type": "odd"}], "edges": [{"from": 1}]}');
    expect(read?.nodes).toEqual([
      { id: "", type: "state", labels: {} },
      { id: "a", type: "state", labels: {} },
    ]);
    expect(read?.edges).toEqual([{ id: "", from: "", to: "" }]);
    expect(readWorkflow("{ not json")).toBeUndefined();
  });
});
