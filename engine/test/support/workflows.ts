import { entity, field, packageFiles } from "./packages.ts";
import { role } from "./roles.ts";

const option = (value: string) => ({ value, labels: { en: value } });

/** Orders with a state field, lines, links and fields of every kind a workflow may name. */
export const WORKFLOW_ENTITIES = {
  "entities/sales_order.json": entity(
    "sales_order",
    [
      field("order_no", "text"),
      field("customer", "link", { target: "customer" }),
      field("sales_person", "text"),
      field("amount", "money"),
      field("is_contract", "boolean"),
      field("status", "select", {
        default: "draft",
        options: [
          "draft",
          "pending_manager",
          "pending_cfo",
          "pending_countersign",
          "approved",
          "cancelled",
        ].map(option),
      }),
      field("kind", "select", { options: [option("a")] }),
      field("total", "money", { computed: { "*": [{ var: "amount" }, 2] } }),
      field("approved_on", "date", { readOnly: true }),
      field("remark", "longtext"),
      field("lines", "table", { target: "sales_order_line" }),
    ],
    { namingSeries: { field: "order_no", pattern: "SO-{#####}" } },
  ),
  "entities/sales_order_line.json": entity("sales_order_line", [field("qty", "decimal")], {
    type: "child",
  }),
  "entities/customer.json": entity("customer", [
    field("name", "text"),
    field("account_manager", "text"),
    field("region", "select", { options: [option("north")] }),
  ]),
  "entities/task_log.json": entity("task_log", [
    field("title", "text", { required: true }),
    field("note", "longtext"),
    field("opened_on", "date", { required: true, defaultExpr: { today: [] } }),
  ]),
};

export const WORKFLOW_ROLES = {
  "roles/sales_manager.json": role("sales_manager", []),
  "roles/cfo.json": role("cfo", []),
  "roles/finance.json": role("finance", []),
  "roles/legal.json": role("legal", []),
};

const labels = (en: string) => ({ en, "zh-CN": en });
const at = (x: number, y: number) => ({ x, y });

/**
 * A valid sales order approval touching every feature: routing by amount and contract, manager
 * approval with round robin and an escalating SLA, CFO approval with a quorum and an automatic
 * reject, a countersign of two roles, and an action node that sets, creates and notifies.
 */
export function validWorkflow(): Record<string, unknown> & {
  nodes: Record<string, unknown>[];
  edges: Record<string, unknown>[];
} {
  return {
    kind: "workflow",
    name: "order_approval",
    labels: labels("Order Approval"),
    entity: "sales_order",
    stateField: "status",
    nodes: [
      {
        id: "draft",
        type: "state",
        labels: labels("Draft"),
        position: at(0, 0),
        state: "draft",
        initial: true,
      },
      { id: "route", type: "decision", labels: labels("Route"), position: at(200, 0) },
      {
        id: "manager",
        type: "approval",
        labels: labels("Manager"),
        position: at(400, 0),
        state: "pending_manager",
        assignees: [
          { role: "sales_manager", distribution: "round-robin" },
          { field: "customer.account_manager" },
          { expression: { var: "$requester.manager" } },
        ],
        sla: { duration: "PT48H", escalateTo: [{ role: "cfo" }] },
      },
      {
        id: "cfo",
        type: "approval",
        labels: labels("CFO"),
        position: at(400, 100),
        state: "pending_cfo",
        assignees: [{ role: "cfo" }, { user: "li.wei" }],
        mode: { quorum: 1 },
        sla: { duration: "P2D", action: "reject" },
      },
      {
        id: "countersign",
        type: "approval",
        labels: labels("Countersign"),
        position: at(400, 200),
        state: "pending_countersign",
        assignees: [
          { role: "finance", distribution: "round-robin" },
          { role: "legal", distribution: "least-open" },
        ],
        mode: "all",
        editable: ["remark"],
      },
      {
        id: "notify",
        type: "action",
        labels: labels("Notify"),
        position: at(600, 0),
        effects: [
          {
            set: {
              approved_on: { today: [] },
              remark: { cat: ["by ", { var: "$user.username" }] },
            },
          },
          {
            create: {
              entity: "task_log",
              values: { title: { var: "order_no" }, note: { var: "$requester.username" } },
            },
          },
          {
            notify: {
              to: [{ expression: { var: "$requester.username" } }, { field: "sales_person" }],
              message: labels("Approved"),
            },
          },
          { webhook: { url: "https://erp.example.com/hooks/orders" } },
        ],
      },
      {
        id: "approved",
        type: "state",
        labels: labels("Approved"),
        position: at(800, 0),
        state: "approved",
        final: true,
      },
    ],
    edges: [
      { id: "submit", from: "draft", to: "route", action: "submit", labels: labels("Submit") },
      { id: "big", from: "route", to: "cfo", when: { ">": [{ var: "amount" }, 100000] } },
      { id: "contract", from: "route", to: "countersign", when: { var: "is_contract" } },
      { id: "normal", from: "route", to: "manager", else: true },
      { id: "manager_approve", from: "manager", to: "notify", action: "approve" },
      {
        id: "manager_reject",
        from: "manager",
        to: "draft",
        action: "reject",
        commentRequired: true,
      },
      { id: "withdraw", from: "manager", to: "draft", action: "withdraw", requester: true },
      { id: "cfo_approve", from: "cfo", to: "notify", action: "approve" },
      { id: "cfo_reject", from: "cfo", to: "draft", action: "reject", roles: ["cfo"] },
      { id: "countersign_approve", from: "countersign", to: "notify", action: "approve" },
      { id: "countersign_reject", from: "countersign", to: "draft", action: "reject" },
      { id: "done", from: "notify", to: "approved" },
    ],
  };
}

/** One base package with the entities, the roles and the given extra files. */
export function workflowPackage(files: Record<string, unknown>): Record<string, string> {
  return packageFiles({ name: "base-pkg" }, { ...WORKFLOW_ENTITIES, ...WORKFLOW_ROLES, ...files });
}
