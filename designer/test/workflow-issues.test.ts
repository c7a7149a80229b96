import type { Issue, LoadedPackage } from "@loom/engine";
import { beforeAll, describe, expect, it } from "vitest";
import { checkDraft, loadBases } from "../src/draft/check-draft.ts";
import type { Files } from "../src/draft/design-context.ts";
import { readWorkflow } from "../src/workflow/workflow-doc.ts";
import {
  addNode,
  connect,
  type NodeDefaults,
  newWorkflowText,
  setIn,
} from "../src/workflow/workflow-edits.ts";
import { MISSING, toFlow } from "../src/workflow/workflow-graph.ts";
import { issuesOfFile, placeIssues } from "../src/workflow/workflow-issues.ts";
import { sampleDraft } from "./sample-draft.ts";

const FILE = "workflows/purchase_order_approval.json";
const STATUS = ["draft", "submitted", "pending_cfo", "approved", "rejected", "cancelled"];

/** acme-custom with a purchase order status option for the second level, as a consultant adds it. */
const EXTENSION = {
  kind: "entity-extension",
  entity: "purchase_order",
  fieldOverrides: {
    status: {
      options: STATUS.map((value) => ({ value, labels: { en: value } })),
    },
  },
};

const DEFAULTS: NodeDefaults = {
  labels: { en: "Step", "zh-CN": "步骤" },
  stateOptions: STATUS,
  assignee: { role: "cfo" },
  effect: { set: { remark: { var: "order_no" } } },
};

let custom: Files;
let bases: LoadedPackage[];

beforeAll(async () => {
  const sample = await sampleDraft();
  custom = {
    ...sample.custom,
    "extensions/purchase_order.json": JSON.stringify(EXTENSION),
  };
  bases = loadBases([{ files: sample.base }]);
});

function issuesOf(text: string): Issue[] {
  return issuesOfFile(
    checkDraft("acme-custom", { ...custom, [FILE]: text }, bases),
    "acme-custom",
    FILE,
  );
}

/** A two-level approval of purchase orders, drawn with the designer's edits. */
function twoLevels(): string {
  let text = newWorkflowText({
    name: "purchase_order_approval",
    labels: { en: "Purchase Order Approval", "zh-CN": "采购订单审批" },
    entity: "purchase_order",
    stateField: "status",
    initialState: "draft",
    initialLabels: { en: "Draft", "zh-CN": "草稿" },
  });
  for (const kind of ["approval", "approval", "state"] as const)
    text = addNode(text, kind, { x: 0, y: 0 }, DEFAULTS).text;
  text = setIn(text, ["nodes", 1, "assignees", 0], { role: "finance" });
  text = setIn(text, ["nodes", 2, "state"], "pending_cfo");
  text = setIn(text, ["nodes", 3, "state"], "approved");
  text = setIn(text, ["nodes", 3, "final"], true);
  for (const [from, to] of [
    ["draft", "approval"],
    ["approval", "approval_2"],
    ["approval", "draft"],
    ["approval_2", "approved"],
    ["approval_2", "draft"],
  ] as const)
    text = connect(text, from, to).text;
  return text;
}

describe("workflow issues on the graph", () => {
  it("a two-level approval drawn with the edits compiles without an issue", () => {
    expect(issuesOf(twoLevels())).toEqual([]);
  });

  it("an edge to nowhere: the error is on the edge, drawn to a missing node", () => {
    const text = setIn(twoLevels(), ["edges", 1, "to"], "nowhere");
    const issues = issuesOf(text);
    const placed = placeIssues(issues);
    expect(placed.edges.get(1)?.map((i) => i.code)).toEqual(["unknown-node"]);
    // the second approval cannot be reached any more: the engine says so on that node
    expect(placed.nodes.get(2)?.map((i) => i.code)).toEqual(["unreachable-node"]);
    expect(placed.workflow).toEqual([]);
    const flow = toFlow(readWorkflow(text)!, placed, "en", {}, "RIGHT");
    const edge = flow.edges[1]!;
    expect(edge.target).toBe(`${MISSING}nowhere`);
    expect(edge.data?.issues).toEqual([expect.stringContaining('enters node "nowhere"')]);
    expect(flow.nodes.find((n) => n.id === `${MISSING}nowhere`)?.type).toBe("missing");
    expect(flow.nodes.find((n) => n.id === "approval_2")?.data.issues).toEqual([
      expect.stringContaining("cannot be reached"),
    ]);
  });

  it("a decision without else: the error is on the decision node", () => {
    let text = twoLevels();
    text = addNode(text, "decision", { x: 0, y: 0 }, DEFAULTS).text;
    // the first approval's approve now goes to the decision, which routes to the second level
    text = setIn(text, ["edges", 1, "to"], "decision");
    const elseRoute = connect(text, "decision", "approved");
    text = connect(elseRoute.text, "decision", "approval_2").text;
    text = setIn(text, ["edges", 6, "when"], { ">": [{ var: "total" }, 50000] });
    expect(issuesOf(text)).toEqual([]);

    const broken = setIn(text, ["edges", elseRoute.index, "else"], undefined);
    const placed = placeIssues(issuesOf(broken));
    expect(placed.nodes.get(4)?.map((i) => i.code)).toEqual(["decision-else"]);
    expect(placed.edges.get(elseRoute.index)?.map((i) => i.code)).toEqual(["unguarded-route"]);
  });

  it("issues about the whole workflow stay off the graph", () => {
    const text = setIn(
      setIn(twoLevels(), ["stateField"], "currency"),
      ["nodes", 0, "initial"],
      undefined,
    );
    const placed = placeIssues(issuesOf(text));
    expect(placed.workflow.map((i) => i.code).sort()).toEqual(["initial-state"]);
    // a select field without these options: each resting node is told
    expect([...placed.nodes.keys()].sort()).toEqual([0, 1, 2, 3]);
  });
});
