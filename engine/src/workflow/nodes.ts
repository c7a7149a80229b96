import type {
  ApprovalNodeDef,
  Lifecycle,
  StateNodeDef,
  WorkflowEdgeDef,
  WorkflowNode,
  WorkflowNodeDef,
} from "./types.ts";

/** The action an approval node's `mode` counts. */
export const APPROVE_ACTION = "approve";
/** Taken on a cancelled document: a new draft copy with `amended_from` set (runtime); no edge may use it. */
export const AMEND_ACTION = "amend";

/** A node a record can rest at: its state field then holds the node's `state`. */
export function isResting<N extends WorkflowNodeDef | WorkflowNode>(
  node: N,
): node is Extract<N, { type: "state" | "approval" }> {
  return node.type === "state" || node.type === "approval";
}

/** Edge properties that only mean something on a user action. */
export const USER_ACTION_PROPS = ["action", "roles", "requester", "commentRequired"] as const;

/** An edge with its place in the file, for issues that point at it. */
export interface IndexedEdge {
  readonly edge: WorkflowEdgeDef;
  readonly index: number;
}

/** A resting node's document lifecycle on a submittable entity: given, else draft where records start. */
export function lifecycleOf(node: StateNodeDef | ApprovalNodeDef): Lifecycle {
  return node.lifecycle ?? (node.type === "state" && node.initial === true ? "draft" : "submitted");
}
