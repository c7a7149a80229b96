import { describe, expect, it } from "vitest";
import { type Issue, parsePackage } from "../src/index.ts";
import { compile, packageFiles } from "./support/packages.ts";
import { validWorkflow, workflowPackage } from "./support/workflows.ts";

type Def = ReturnType<typeof validWorkflow>;
type Node = Def["nodes"][number];
type Edge = Def["edges"][number];

const node = (def: Def, id: string): Node => def.nodes.find((n) => n.id === id)!;
const edge = (def: Def, id: string): Edge => def.edges.find((e) => e.id === id)!;
const nodeAt = (id: string) => validWorkflow().nodes.findIndex((n) => n.id === id);
const edgeAt = (id: string) => validWorkflow().edges.findIndex((e) => e.id === id);
const FILE = "workflows/order_approval.json";

function issuesOf(change: (def: Def) => void): Issue[] {
  const def = validWorkflow();
  change(def);
  const { model, issues } = compile(workflowPackage({ [FILE]: def }));
  expect(model).toBeUndefined();
  return issues;
}

interface Case {
  readonly code: string;
  readonly path: string;
  /** the node or edge the message must name */
  readonly names: string;
  readonly change: (def: Def) => void;
}

const CASES: Record<string, Case> = {
  "an unknown entity": {
    code: "unknown-entity",
    path: "/entity",
    names: '"nope"',
    change: (d) => {
      d.entity = "nope";
    },
  },
  "a child entity": {
    code: "workflow-on-child",
    path: "/entity",
    names: '"sales_order"',
    change: (d) => {
      d.entity = "sales_order_line";
    },
  },
  "an unknown state field": {
    code: "unknown-field",
    path: "/stateField",
    names: '"state"',
    change: (d) => {
      d.stateField = "state";
    },
  },
  "a state field that is not a select": {
    code: "bad-state-field",
    path: "/stateField",
    names: "text field",
    change: (d) => {
      d.stateField = "sales_person";
    },
  },
  "two nodes with one id": {
    code: "duplicate-node",
    path: "/nodes/7/id",
    names: '"route"',
    change: (d) => {
      d.nodes.push({ id: "route", type: "decision", labels: { en: "Again" } });
    },
  },
  "two edges with one id": {
    code: "duplicate-edge",
    path: `/edges/${edgeAt("done") + 1}/id`,
    names: '"submit"',
    change: (d) => {
      d.edges.push({ id: "submit", from: "approved", to: "draft", action: "reopen" });
    },
  },
  "no initial node": {
    code: "initial-state",
    path: "/nodes",
    names: '"initial"',
    change: (d) => {
      delete node(d, "draft").initial;
    },
  },
  "two initial nodes": {
    code: "initial-state",
    path: `/nodes/${nodeAt("approved")}/initial`,
    names: '"draft" and "approved"',
    change: (d) => {
      node(d, "approved").initial = true;
    },
  },
  "a state that is not an option of the state field": {
    code: "unknown-state",
    path: `/nodes/${nodeAt("manager")}/state`,
    names: 'node "manager"',
    change: (d) => {
      node(d, "manager").state = "pending_boss";
    },
  },
  "two resting nodes at one state": {
    code: "duplicate-state",
    path: `/nodes/${nodeAt("cfo")}/state`,
    names: '"manager" and "cfo"',
    change: (d) => {
      node(d, "cfo").state = "pending_manager";
    },
  },
  "an unreachable node": {
    code: "unreachable-node",
    path: "/nodes/7",
    names: '"orphan"',
    change: (d) => {
      d.nodes.push({
        id: "orphan",
        type: "state",
        labels: { en: "Orphan" },
        state: "cancelled",
        final: true,
      });
    },
  },
  "a non-final node without a way out": {
    code: "dead-end",
    path: `/nodes/${nodeAt("approved")}`,
    names: '"approved"',
    change: (d) => {
      delete node(d, "approved").final;
    },
  },
  "a final node with a way out": {
    code: "final-with-exit",
    path: "/edges/12",
    names: 'edge "reopen" leaves final node "approved"',
    change: (d) => {
      d.edges.push({ id: "reopen", from: "approved", to: "draft", action: "reopen" });
    },
  },
  "an edge from or to a node that does not exist": {
    code: "unknown-node",
    path: "/edges/12/to",
    names: 'edge "lost"',
    change: (d) => {
      d.edges.push({ id: "lost", from: "draft", to: "nowhere", action: "lose" });
    },
  },
  "a user action without an action name": {
    code: "missing-action",
    path: `/edges/${edgeAt("submit")}`,
    names: 'edge "submit"',
    change: (d) => {
      delete edge(d, "submit").action;
    },
  },
  "an action name on a decision's route": {
    code: "automatic-edge",
    path: `/edges/${edgeAt("big")}/action`,
    names: 'edge "big" leaves decision node "route"',
    change: (d) => {
      edge(d, "big").action = "go";
    },
  },
  "a decision without an else route": {
    code: "decision-else",
    path: `/nodes/${nodeAt("route")}`,
    names: '"route"',
    change: (d) => {
      delete edge(d, "normal").else;
      edge(d, "normal").when = { var: "is_contract" };
    },
  },
  "a decision with two else routes": {
    code: "decision-else",
    path: `/edges/${edgeAt("normal")}/else`,
    names: 'already has an else route ("contract"); edge "normal"',
    change: (d) => {
      delete edge(d, "contract").when;
      edge(d, "contract").else = true;
    },
  },
  "a decision with only an else route": {
    code: "decision-guard",
    path: `/nodes/${nodeAt("route")}`,
    names: '"route"',
    change: (d) => {
      d.edges = d.edges.filter((e) => e.id !== "big" && e.id !== "contract");
    },
  },
  "a decision's route with neither guard nor else": {
    code: "unguarded-route",
    path: `/edges/${edgeAt("contract")}`,
    names: 'route "contract"',
    change: (d) => {
      delete edge(d, "contract").when;
    },
  },
  "an else on a user action": {
    code: "bad-else",
    path: `/edges/${edgeAt("withdraw")}/else`,
    names: 'edge "withdraw"',
    change: (d) => {
      edge(d, "withdraw").else = true;
    },
  },
  "an action node with two ways on": {
    code: "action-exits",
    path: `/nodes/${nodeAt("notify")}`,
    names: '"notify"',
    change: (d) => {
      d.edges.push({ id: "again", from: "notify", to: "draft" });
    },
  },
  "an action name on an action node's way on": {
    code: "automatic-edge",
    path: `/edges/${edgeAt("done")}/action`,
    names: 'edge "done" leaves action node "notify"',
    change: (d) => {
      edge(d, "done").action = "finish";
    },
  },
  "a guard on an action node's way on": {
    code: "automatic-edge",
    path: `/edges/${edgeAt("done")}/when`,
    names: 'edge "done"',
    change: (d) => {
      edge(d, "done").when = true;
    },
  },
  "a loop of automatic steps": {
    code: "automatic-cycle",
    path: `/nodes/${nodeAt("route")}`,
    names: "route → stamp → route",
    change: (d) => {
      d.nodes.push({
        id: "stamp",
        type: "action",
        labels: { en: "Stamp" },
        effects: [{ set: { remark: "looped" } }],
      });
      edge(d, "normal").to = "stamp";
      d.edges.push({ id: "back", from: "stamp", to: "route" });
    },
  },
  "a guard reading an unknown field": {
    code: "unknown-field",
    path: `/edges/${edgeAt("big")}/when/>/0/var`,
    names: 'edge "big"',
    change: (d) => {
      edge(d, "big").when = { ">": [{ var: "amout" }, 100000] };
    },
  },
  "a guard with an unknown operator": {
    code: "unknown-operator",
    path: `/edges/${edgeAt("big")}/when`,
    names: 'edge "big"',
    change: (d) => {
      edge(d, "big").when = { exceeds: [{ var: "amount" }, 100000] };
    },
  },
  "an assignee expression reading an unknown field": {
    code: "unknown-field",
    path: `/nodes/${nodeAt("manager")}/assignees/2/expression/var`,
    names: 'node "manager"',
    change: (d) => {
      (node(d, "manager").assignees as unknown[])[2] = { expression: { var: "boss" } };
    },
  },
  "an assignee role that does not exist": {
    code: "unknown-role",
    path: `/nodes/${nodeAt("cfo")}/assignees/0/role`,
    names: 'node "cfo"',
    change: (d) => {
      (node(d, "cfo").assignees as unknown[])[0] = { role: "chief" };
    },
  },
  "an escalation to a role that does not exist": {
    code: "unknown-role",
    path: `/nodes/${nodeAt("manager")}/sla/escalateTo/0/role`,
    names: 'node "manager"',
    change: (d) => {
      node(d, "manager").sla = { duration: "PT1H", escalateTo: [{ role: "boss" }] };
    },
  },
  "an edge role that does not exist": {
    code: "unknown-role",
    path: `/edges/${edgeAt("cfo_reject")}/roles/0`,
    names: 'edge "cfo_reject"',
    change: (d) => {
      edge(d, "cfo_reject").roles = ["chief"];
    },
  },
  "an assignee field that is not text": {
    code: "bad-assignee-field",
    path: `/nodes/${nodeAt("manager")}/assignees/1/field`,
    names: 'node "manager"',
    change: (d) => {
      (node(d, "manager").assignees as unknown[])[1] = { field: "amount" };
    },
  },
  "an assignee field one link away that is not text": {
    code: "bad-assignee-field",
    path: `/nodes/${nodeAt("manager")}/assignees/1/field`,
    names: '"customer.region"',
    change: (d) => {
      (node(d, "manager").assignees as unknown[])[1] = { field: "customer.region" };
    },
  },
  "an assignee field through a field that is not a link": {
    code: "bad-assignee-field",
    path: `/nodes/${nodeAt("manager")}/assignees/1/field`,
    names: '"sales_person"',
    change: (d) => {
      (node(d, "manager").assignees as unknown[])[1] = { field: "sales_person.manager" };
    },
  },
  "an assignee field that does not exist": {
    code: "unknown-field",
    path: `/nodes/${nodeAt("manager")}/assignees/1/field`,
    names: 'node "manager"',
    change: (d) => {
      (node(d, "manager").assignees as unknown[])[1] = { field: "customer.owner" };
    },
  },
  "a quorum above the named users": {
    code: "bad-quorum",
    path: `/nodes/${nodeAt("cfo")}/mode/quorum`,
    names: 'node "cfo" needs 3 approvals but names only 2 users',
    change: (d) => {
      node(d, "cfo").assignees = [{ user: "a" }, { user: "b" }, { user: "a" }];
      node(d, "cfo").mode = { quorum: 3 };
    },
  },
  "an SLA duration in months": {
    code: "bad-duration",
    path: `/nodes/${nodeAt("cfo")}/sla/duration`,
    names: 'node "cfo"',
    change: (d) => {
      node(d, "cfo").sla = { duration: "P1M", action: "reject" };
    },
  },
  "an SLA duration that is not a duration": {
    code: "bad-duration",
    path: `/nodes/${nodeAt("cfo")}/sla/duration`,
    names: '"2 days"',
    change: (d) => {
      node(d, "cfo").sla = { duration: "2 days", action: "reject" };
    },
  },
  "an SLA action no edge of the node has": {
    code: "unknown-action",
    path: `/nodes/${nodeAt("cfo")}/sla/action`,
    names: 'node "cfo"',
    change: (d) => {
      node(d, "cfo").sla = { duration: "P2D", action: "return" };
    },
  },
  "an approval node without an approve edge": {
    code: "missing-approve",
    path: `/nodes/${nodeAt("countersign")}`,
    names: '"countersign"',
    change: (d) => {
      edge(d, "countersign_approve").action = "sign";
    },
  },
  "two edges of one node with the same action": {
    code: "duplicate-action",
    path: `/edges/${edgeAt("withdraw")}/action`,
    names: 'edge "withdraw"',
    change: (d) => {
      edge(d, "withdraw").action = "reject";
    },
  },
  "the reserved action amend": {
    code: "reserved-action",
    path: `/edges/${edgeAt("withdraw")}/action`,
    names: 'edge "withdraw"',
    change: (d) => {
      edge(d, "withdraw").action = "amend";
    },
  },
  "setting a computed field": {
    code: "not-settable",
    path: `/nodes/${nodeAt("notify")}/effects/0/set/total`,
    names: 'node "notify"',
    change: (d) => {
      node(d, "notify").effects = [{ set: { total: 1 } }];
    },
  },
  "setting the state field": {
    code: "not-settable",
    path: `/nodes/${nodeAt("notify")}/effects/0/set/status`,
    names: "state field",
    change: (d) => {
      node(d, "notify").effects = [{ set: { status: "approved" } }];
    },
  },
  "setting a field that does not exist": {
    code: "unknown-field",
    path: `/nodes/${nodeAt("notify")}/effects/0/set/approver`,
    names: 'node "notify"',
    change: (d) => {
      node(d, "notify").effects = [{ set: { approver: { var: "$user.username" } } }];
    },
  },
  "a set value reading an unknown field": {
    code: "unknown-field",
    path: `/nodes/${nodeAt("notify")}/effects/0/set/remark/var`,
    names: 'node "notify"',
    change: (d) => {
      node(d, "notify").effects = [{ set: { remark: { var: "comment" } } }];
    },
  },
  "creating a record of an unknown entity": {
    code: "unknown-entity",
    path: `/nodes/${nodeAt("notify")}/effects/0/create/entity`,
    names: 'node "notify"',
    change: (d) => {
      node(d, "notify").effects = [{ create: { entity: "invoice", values: {} } }];
    },
  },
  "creating lines on their own": {
    code: "create-child",
    path: `/nodes/${nodeAt("notify")}/effects/0/create/entity`,
    names: 'node "notify"',
    change: (d) => {
      node(d, "notify").effects = [{ create: { entity: "sales_order_line", values: {} } }];
    },
  },
  "creating a record with a field it does not have": {
    code: "unknown-field",
    path: `/nodes/${nodeAt("notify")}/effects/0/create/values/subject`,
    names: 'node "notify"',
    change: (d) => {
      node(d, "notify").effects = [
        { create: { entity: "task_log", values: { title: "x", subject: "y" } } },
      ];
    },
  },
  "creating a record without a required field": {
    code: "create-missing-required",
    path: `/nodes/${nodeAt("notify")}/effects/0/create/values`,
    names: '"title"',
    change: (d) => {
      node(d, "notify").effects = [{ create: { entity: "task_log", values: { note: "y" } } }];
    },
  },
  "a notification to a role that does not exist": {
    code: "unknown-role",
    path: `/nodes/${nodeAt("notify")}/effects/0/notify/to/0/role`,
    names: 'node "notify"',
    change: (d) => {
      node(d, "notify").effects = [{ notify: { to: [{ role: "boss" }], message: { en: "x" } } }];
    },
  },
  "a migration onto a decision node": {
    code: "migrate-target",
    path: "/migrate/review",
    names: '"route"',
    change: (d) => {
      d.migrate = { review: "route" };
    },
  },
  "a migration onto a node that does not exist": {
    code: "migrate-target",
    path: "/migrate/review",
    names: '"gone"',
    change: (d) => {
      d.migrate = { review: "gone" };
    },
  },
  "an editable field that does not exist": {
    code: "unknown-field",
    path: `/nodes/${nodeAt("countersign")}/editable/1`,
    names: 'node "countersign"',
    change: (d) => {
      node(d, "countersign").editable = ["remark", "notes"];
    },
  },
  "the state field listed as editable": {
    code: "state-field-editable",
    path: `/nodes/${nodeAt("countersign")}/editable/0`,
    names: 'node "countersign"',
    change: (d) => {
      node(d, "countersign").editable = ["status"];
    },
  },
  "a read-only field listed as editable": {
    code: "not-writable",
    path: `/nodes/${nodeAt("countersign")}/editable/0`,
    names: '"total"',
    change: (d) => {
      node(d, "countersign").editable = ["total"];
    },
  },
  "a lifecycle on an entity that is not submittable": {
    code: "lifecycle-not-submittable",
    path: `/nodes/${nodeAt("approved")}/lifecycle`,
    names: 'node "approved"',
    change: (d) => {
      node(d, "approved").lifecycle = "submitted";
    },
  },
};

describe("refusing a malformed workflow", () => {
  it.each(Object.entries(CASES))("refuses %s", (_name, { code, path, names, change }) => {
    const issues = issuesOf(change);
    const found = issues.find((i) => i.code === code && i.path === path);
    expect(found, JSON.stringify(issues, null, 2)).toBeDefined();
    expect(found!.message).toContain(names);
    expect(found).toMatchObject({ package: "base-pkg", file: FILE });
    expect(found!.line).toBeGreaterThan(1);
  });

  it("locates an issue on the line of the node it names", () => {
    const [issue] = issuesOf((d) => {
      node(d, "manager").state = "pending_boss";
    });
    const files = workflowPackage({ [FILE]: validWorkflow() });
    const lines = files[FILE]!.split("\n");
    expect(lines[issue!.line! - 1]).toContain('"state": "pending_manager"');
  });

  it("reports every problem of a workflow at once", () => {
    const issues = issuesOf((d) => {
      node(d, "manager").state = "pending_boss";
      edge(d, "big").when = { ">": [{ var: "amout" }, 1] };
      edge(d, "withdraw").action = "amend";
    });
    expect(issues.map((i) => i.code).sort()).toEqual([
      "reserved-action",
      "unknown-field",
      "unknown-state",
    ]);
  });

  it("accepts $user and $requester in guards, assignees and values", () => {
    const def = validWorkflow();
    edge(def, "big").when = {
      and: [{ ">": [{ var: "amount" }, 1] }, { "!=": [{ var: "$user.username" }, null] }],
    };
    node(def, "manager").assignees = [{ expression: { var: "$requester.manager" } }];
    const { issues } = compile(workflowPackage({ [FILE]: def }));
    expect(issues).toEqual([]);
  });

  it("refuses a second workflow for one entity, naming both files", () => {
    const second = { ...validWorkflow(), name: "other_approval" };
    const custom = packageFiles(
      { name: "custom-pkg", layer: "customization", dependsOn: { "base-pkg": "^1.0.0" } },
      { "workflows/other_approval.json": second },
    );
    const { issues } = compile(workflowPackage({ [FILE]: validWorkflow() }), custom);
    expect(issues).toEqual([
      expect.objectContaining({
        code: "duplicate-workflow",
        package: "custom-pkg",
        file: "workflows/other_approval.json",
        path: "/entity",
      }),
    ]);
    expect(issues[0]!.message).toContain(`base-pkg/${FILE}`);
    expect(issues[0]!.message).toContain("custom-pkg/workflows/other_approval.json");
  });

  it("refuses a workflow name given twice", () => {
    const other = { ...validWorkflow(), entity: "customer", stateField: "region" };
    const { issues } = compile(
      workflowPackage({ [FILE]: validWorkflow(), "workflows/repeat.json": other }),
    );
    expect(issues).toMatchObject([
      { code: "duplicate-workflow-name", file: "workflows/repeat.json", path: "/name" },
    ]);
    expect(issues[0]!.message).toContain(`base-pkg/${FILE}`);
  });

  it("lets a customization add a workflow to an entity of its base", () => {
    const custom = packageFiles(
      { name: "custom-pkg", layer: "customization", dependsOn: { "base-pkg": "^1.0.0" } },
      { [FILE]: validWorkflow() },
    );
    const { model, issues } = compile(workflowPackage({}), custom);
    expect(issues).toEqual([]);
    expect(model!.workflows.sales_order!.origin).toEqual({ package: "custom-pkg", file: FILE });
  });
});

describe("the workflow schema", () => {
  const schemaIssues = (change: (def: Def) => void) => {
    const def = validWorkflow();
    change(def);
    return parsePackage(workflowPackage({ [FILE]: def })).issues.map((i) => ({
      code: i.code,
      path: i.path,
      message: i.message,
    }));
  };

  it("asks for exactly one kind of assignee", () => {
    const at = `/nodes/${nodeAt("cfo")}/assignees/0`;
    expect(
      schemaIssues((d) => {
        node(d, "cfo").assignees = [{ role: "cfo", user: "li.wei" }];
      }),
    ).toEqual([
      {
        code: "schema",
        path: at,
        message: 'needs exactly one of "role", "user", "field", "expression"',
      },
    ]);
  });

  it("allows each node type only its own properties", () => {
    expect(
      schemaIssues((d) => {
        node(d, "route").state = "draft";
        node(d, "draft").assignees = [{ role: "cfo" }];
      }),
    ).toEqual([
      {
        code: "schema",
        path: `/nodes/${nodeAt("draft")}/assignees`,
        message: '"assignees" is not allowed here: `assignees` is only allowed on approval nodes.',
      },
      {
        code: "schema",
        path: `/nodes/${nodeAt("route")}/state`,
        message:
          '"state" is not allowed here: `state` is only allowed on state and approval nodes.',
      },
    ]);
  });

  it("wants an SLA to escalate or act, and a distribution only for roles", () => {
    const issues = schemaIssues((d) => {
      node(d, "cfo").sla = { duration: "P2D" };
      node(d, "cfo").assignees = [{ user: "li.wei", distribution: "round-robin" }];
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        {
          code: "schema",
          path: `/nodes/${nodeAt("cfo")}/sla`,
          message: 'needs exactly one of "escalateTo", "action"',
        },
        expect.objectContaining({ path: `/nodes/${nodeAt("cfo")}/assignees/0/distribution` }),
      ]),
    );
  });
});
