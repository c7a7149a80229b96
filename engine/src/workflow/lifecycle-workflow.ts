import type { Entity } from "../model/app-model.ts";
import type { WorkflowDef } from "./types.ts";

export function lifecycleWorkflowName(entity: string): string {
  return `${entity}_lifecycle`;
}

/**
 * The workflow of a submittable entity that has none of its own: draft -submit-> submitted
 * -cancel-> cancelled, on the `docstatus` field. Amend (a new draft from a cancelled record) is
 * the runtime's reserved action, not an edge.
 */
export function lifecycleWorkflow(entity: Entity): WorkflowDef {
  const zh = entity.labels["zh-CN"] ?? entity.labels.en;
  return {
    kind: "workflow",
    name: lifecycleWorkflowName(entity.name),
    labels: { en: `${entity.labels.en} Lifecycle`, "zh-CN": `${zh}生命周期` },
    entity: entity.name,
    stateField: "docstatus",
    nodes: [
      {
        id: "draft",
        type: "state",
        labels: { en: "Draft", "zh-CN": "草稿" },
        position: { x: 0, y: 0 },
        state: "draft",
        initial: true,
        lifecycle: "draft",
      },
      {
        id: "submitted",
        type: "state",
        labels: { en: "Submitted", "zh-CN": "已提交" },
        position: { x: 240, y: 0 },
        state: "submitted",
        lifecycle: "submitted",
      },
      {
        id: "cancelled",
        type: "state",
        labels: { en: "Cancelled", "zh-CN": "已取消" },
        position: { x: 480, y: 0 },
        state: "cancelled",
        final: true,
        lifecycle: "cancelled",
      },
    ],
    edges: [
      {
        id: "submit",
        from: "draft",
        to: "submitted",
        action: "submit",
        labels: { en: "Submit", "zh-CN": "提交" },
      },
      {
        id: "cancel",
        from: "submitted",
        to: "cancelled",
        action: "cancel",
        labels: { en: "Cancel", "zh-CN": "取消" },
      },
    ],
  };
}
