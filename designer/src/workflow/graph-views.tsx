import {
  BaseEdge,
  EdgeLabelRenderer,
  type EdgeProps,
  type EdgeTypes,
  getSmoothStepPath,
  Handle,
  type NodeProps,
  type NodeTypes,
  Position,
} from "@xyflow/react";
import type { FlowEdge, FlowNode, WorkflowNodeData } from "./workflow-graph.ts";
import { useWorkflowWords, type WorkflowTranslate } from "./workflow-words.ts";

const KIND_WORDS = {
  state: "kindState",
  approval: "kindApproval",
  decision: "kindDecision",
  action: "kindAction",
  missing: "kindMissing",
} as const;

const EFFECT_WORDS: Readonly<Record<string, Parameters<WorkflowTranslate>[0]>> = {
  set: "effectSet",
  create: "effectCreate",
  webhook: "effectWebhook",
  notify: "effectNotify",
};

function detail(data: WorkflowNodeData, w: WorkflowTranslate): string {
  if (data.kind === "action")
    return data.effects.map((e) => (EFFECT_WORDS[e] ? w(EFFECT_WORDS[e]) : e)).join(" · ");
  const mode = data.mode;
  const counted =
    mode === null
      ? null
      : typeof mode === "object"
        ? w("modeQuorum", { n: mode.quorum })
        : w(mode === "all" ? "modeAll" : "modeAny");
  return [data.state, counted].filter(Boolean).join(" · ");
}

/**
 * One node of the graph, drawn by kind (a decision as a diamond), with the engine's problems on
 * it: a red badge with their count and the first message under the node.
 */
function WorkflowNodeView({ data, selected, isConnectable }: NodeProps<FlowNode>) {
  const { w } = useWorkflowWords();
  const across = data.direction === "RIGHT";
  const issues = data.issues;
  return (
    <div
      className={`wf-node wf-${data.kind}${selected ? " selected" : ""}${issues.length > 0 ? " has-issues" : ""}`}
      data-testid={`wf-node-${data.nodeId}`}
    >
      <Handle
        type="target"
        position={across ? Position.Left : Position.Top}
        isConnectable={isConnectable}
      />
      {data.kind === "decision" && <div className="wf-diamond" aria-hidden="true" />}
      <div className="wf-node-body">
        <div className="wf-node-kind">
          {w(KIND_WORDS[data.kind])}
          {data.initial && <span className="wf-tag">{w("initial")}</span>}
          {data.final && <span className="wf-tag">{w("final")}</span>}
        </div>
        <div className="wf-node-label">{data.label}</div>
        {data.kind !== "decision" && data.kind !== "missing" && (
          <div className="wf-node-detail">{detail(data, w)}</div>
        )}
      </div>
      {issues.length > 0 && (
        <>
          <span
            className="wf-badge"
            title={issues.join("\n")}
            role="img"
            aria-label={
              issues.length === 1 ? w("issuesOne") : w("issuesMany", { count: issues.length })
            }
          >
            {issues.length}
          </span>
          <div className="wf-node-issue" data-testid="wf-node-issue">
            {issues[0]}
          </div>
        </>
      )}
      {data.kind !== "missing" && (
        <Handle
          type="source"
          position={across ? Position.Right : Position.Bottom}
          isConnectable={isConnectable}
        />
      )}
    </div>
  );
}

export const nodeTypes: NodeTypes = {
  state: WorkflowNodeView,
  approval: WorkflowNodeView,
  decision: WorkflowNodeView,
  action: WorkflowNodeView,
  missing: WorkflowNodeView,
};

/**
 * An edge: the action's button text (or the route's), else routes dashed, edges between the
 * same two nodes drawn apart, and the engine's problems on its label in red.
 */
function WorkflowEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  data,
  selected,
  markerEnd,
}: EdgeProps<FlowEdge>) {
  const parallel = data?.parallel ?? 0;
  const across = sourcePosition === Position.Right;
  const back = across ? targetX < sourceX : targetY < sourceY;
  const [path, labelX, labelY] = back
    ? backPath(sourceX, sourceY, targetX, targetY, across, parallel)
    : getSmoothStepPath({
        sourceX,
        sourceY,
        targetX,
        targetY,
        sourcePosition,
        targetPosition,
        borderRadius: 10,
        offset: 24 + parallel * 18,
      });
  const issues = data?.issues ?? [];
  const className = [
    "wf-edge",
    data?.role === "else" ? "else" : "",
    issues.length > 0 ? "has-issues" : "",
    selected ? "selected" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={className} />
      {(data?.label || issues.length > 0) && (
        <EdgeLabelRenderer>
          <div
            className={`wf-edge-label nodrag nopan ${className}`}
            data-testid={`wf-edge-${data?.edgeId}`}
            style={{
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY + (back ? 0 : parallel * 26)}px)`,
            }}
          >
            {data?.label}
            {issues.length > 0 && (
              <>
                <span className="wf-badge inline" title={issues.join("\n")}>
                  {issues.length}
                </span>
                <div className="wf-edge-issue" data-testid="wf-edge-issue">
                  {issues[0]}
                </div>
              </>
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

/**
 * An edge going back against the flow (a rejection returning to draft) runs around the nodes,
 * below them (or beside them top to bottom), each further out than the one before, instead of
 * over the edges going forward.
 */
function backPath(
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  across: boolean,
  parallel: number,
): [string, number, number] {
  const out = 18;
  // a longer way back runs further out, so two ways back to one node do not share a line
  const lane = 60 + parallel * 22 + Math.round(Math.abs(across ? sx - tx : sy - ty) * 0.1);
  if (across) {
    const y = Math.max(sy, ty) + lane;
    const path = `M ${sx} ${sy} L ${sx + out} ${sy} L ${sx + out} ${y} L ${tx - out} ${y} L ${tx - out} ${ty} L ${tx} ${ty}`;
    return [path, (sx + tx) / 2, y];
  }
  const x = Math.max(sx, tx) + 110 + lane;
  const path = `M ${sx} ${sy} L ${sx} ${sy + out} L ${x} ${sy + out} L ${x} ${ty - out} L ${tx} ${ty - out} L ${tx} ${ty}`;
  return [path, x, (sy + ty) / 2];
}

export const edgeTypes: EdgeTypes = { workflow: WorkflowEdgeView };
