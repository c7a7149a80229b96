import { type LoadedPackage, parsePackage } from "@loom/engine";

const labels = (en: string) => ({ en, "zh-CN": en });

/**
 * A package made for workflow tests: `request` (amount, flags that route it) under the workflow
 * `request_approval`, and `contract_doc`, submittable without a workflow of its own. Roles:
 * staff (own requests), manager, director, cfo, finance, legal, board. `webhookUrl` is where the
 * approval's webhook goes (a test's local server); `version` and `edit` make later revisions.
 */
export function approvalsPackage(
  options: {
    webhookUrl?: string;
    version?: string;
    edit?: (files: Record<string, Record<string, unknown>>) => void;
  } = {},
): LoadedPackage {
  const files: Record<string, Record<string, unknown>> = {
    "loom-package.json": {
      kind: "package",
      name: "approvals",
      version: options.version ?? "1.0.0",
      layer: "base",
      labels: labels("Approvals"),
    },
    "entities/request.json": {
      kind: "entity",
      name: "request",
      labels: labels("Request"),
      titleField: "title",
      fields: [
        { name: "title", type: "text", labels: labels("Title"), required: true },
        { name: "amount", type: "money", labels: labels("Amount"), required: true },
        { name: "requester", type: "text", labels: labels("Requester") },
        { name: "contract", type: "boolean", labels: labels("Contract"), default: false },
        { name: "board", type: "boolean", labels: labels("Board decision"), default: false },
        { name: "note", type: "text", labels: labels("Note") },
        { name: "approved_amount", type: "money", labels: labels("Approved amount") },
        {
          name: "status",
          type: "select",
          labels: labels("Status"),
          options: [
            "draft",
            "pending_manager",
            "pending_cfo",
            "pending_countersign",
            "pending_board",
            "approved",
          ].map((value) => ({ value, labels: labels(value) })),
        },
      ],
    },
    "entities/contract_doc.json": {
      kind: "entity",
      name: "contract_doc",
      labels: labels("Contract"),
      titleField: "title",
      submittable: { editableAfterSubmit: ["note"] },
      fields: [
        { name: "title", type: "text", labels: labels("Title"), required: true },
        { name: "value", type: "money", labels: labels("Value") },
        { name: "note", type: "text", labels: labels("Note") },
      ],
    },
    "entities/approval_log.json": {
      kind: "entity",
      name: "approval_log",
      labels: labels("Approval log"),
      fields: [
        { name: "request_title", type: "text", labels: labels("Request") },
        { name: "amount", type: "money", labels: labels("Amount") },
      ],
    },
    "workflows/request_approval.json": {
      kind: "workflow",
      name: "request_approval",
      labels: labels("Request approval"),
      entity: "request",
      stateField: "status",
      nodes: [
        { id: "draft", type: "state", labels: labels("Draft"), state: "draft", initial: true },
        { id: "route", type: "decision", labels: labels("Route") },
        {
          id: "manager",
          type: "approval",
          labels: labels("Manager approval"),
          state: "pending_manager",
          assignees: [{ role: "manager", distribution: "round-robin" }],
          sla: { duration: "PT48H", escalateTo: [{ role: "director" }] },
          editable: ["note"],
        },
        {
          id: "cfo",
          type: "approval",
          labels: labels("CFO approval"),
          state: "pending_cfo",
          assignees: [{ role: "cfo" }],
          sla: { duration: "P1D", action: "reject" },
        },
        {
          id: "countersign",
          type: "approval",
          labels: labels("Countersign"),
          state: "pending_countersign",
          assignees: [{ role: "finance" }, { role: "legal" }],
          mode: "all",
        },
        {
          id: "board",
          type: "approval",
          labels: labels("Board"),
          state: "pending_board",
          assignees: [{ role: "board" }],
          mode: { quorum: 2 },
        },
        {
          id: "on_approval",
          type: "action",
          labels: labels("On approval"),
          effects: [
            { set: { approved_amount: { var: "amount" } } },
            {
              create: {
                entity: "approval_log",
                values: { request_title: { var: "title" }, amount: { var: "approved_amount" } },
              },
            },
            {
              notify: {
                to: [{ field: "requester" }],
                message: labels("Your request was approved"),
              },
            },
            ...(options.webhookUrl ? [{ webhook: { url: options.webhookUrl } }] : []),
          ],
        },
        {
          id: "approved",
          type: "state",
          labels: labels("Approved"),
          state: "approved",
          final: true,
        },
      ],
      edges: [
        {
          id: "submit",
          from: "draft",
          to: "route",
          action: "submit",
          when: { ">": [{ var: "amount" }, 0] },
        },
        { id: "to_cfo", from: "route", to: "cfo", when: { ">": [{ var: "amount" }, 100000] } },
        {
          id: "to_countersign",
          from: "route",
          to: "countersign",
          when: { "==": [{ var: "contract" }, true] },
        },
        { id: "to_board", from: "route", to: "board", when: { "==": [{ var: "board" }, true] } },
        { id: "to_manager", from: "route", to: "manager", else: true },
        ...["manager", "cfo", "countersign", "board"].flatMap((node) => [
          { id: `${node}_approve`, from: node, to: "on_approval", action: "approve" },
          {
            id: `${node}_reject`,
            from: node,
            to: "draft",
            action: "reject",
            commentRequired: true,
          },
          { id: `${node}_withdraw`, from: node, to: "draft", action: "withdraw", requester: true },
        ]),
        { id: "done", from: "on_approval", to: "approved" },
      ],
    },
    "roles/staff.json": {
      kind: "role",
      name: "staff",
      labels: labels("Staff"),
      grants: [
        {
          entity: "request",
          actions: ["read", "create", "update"],
          where: { "==": [{ var: "requester" }, { var: "$user.username" }] },
          workflowActions: ["submit", "withdraw"],
        },
        {
          entity: "contract_doc",
          actions: ["read", "create", "update"],
          workflowActions: ["submit", "cancel"],
        },
      ],
    },
    ...Object.fromEntries(
      ["manager", "director", "cfo", "finance", "legal", "board"].map((role) => [
        `roles/${role}.json`,
        {
          kind: "role",
          name: role,
          labels: labels(role),
          grants: [
            { entity: "request", actions: ["read"], workflowActions: ["approve", "reject"] },
          ],
        },
      ]),
    ),
  };
  options.edit?.(files);
  const { package: loaded, issues } = parsePackage(
    Object.fromEntries(
      Object.entries(files).map(([file, json]) => [file, JSON.stringify(json, null, 2)]),
    ),
  );
  if (!loaded) throw new Error(`approvals does not parse: ${JSON.stringify(issues, null, 2)}`);
  return loaded;
}
