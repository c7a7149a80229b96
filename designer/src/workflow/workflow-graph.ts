import type { Language } from "@loom/app/dictionary";
import type { WorkflowDef, WorkflowEdgeDef, WorkflowNodeDef } from "@loom/engine";
import type { Edge, Node } from "@xyflow/react";
import { canvasNodeIds, labelIn, type NodeKind } from "./workflow-doc.ts";
import type { Point } from "./workflow-edits.ts";
import type { PlacedIssues } from "./workflow-issues.ts";

/** Which way the graph flows: edges leave a node on the right (or bottom) and enter on the left (top). */
export type Direction = "RIGHT" | "DOWN";

/** The drawn size of each kind of node, which the layout reserves. */
export const NODE_SIZE: Readonly<Record<NodeKind | "missing", { width: number; height: number }>> =
  {
    state: { width: 170, height: 64 },
    approval: { width: 190, height: 80 },
    decision: { width: 130, height: 90 },
    action: { width: 170, height: 64 },
    missing: { width: 150, height: 48 },
  };

export interface WorkflowNodeData extends Record<string, unknown> {
  /** index in the file's `nodes`; -1 for a node an edge names that does not exist */
  readonly index: number;
  readonly kind: NodeKind | "missing";
  /** the workflow node's id (the missing node's name) */
  readonly nodeId: string;
  readonly label: string;
  /** the state field's value while a record rests here (state and approval nodes) */
  readonly state: string | null;
  /** approvals: when the approve edge fires */
  readonly mode: "any" | "all" | { readonly quorum: number } | null;
  /** action nodes: the kind of each effect, in order */
  readonly effects: readonly string[];
  readonly initial: boolean;
  readonly final: boolean;
  readonly issues: readonly string[];
  readonly direction: Direction;
}

export type FlowNode = Node<WorkflowNodeData, NodeKind | "missing">;

export interface WorkflowEdgeData extends Record<string, unknown> {
  readonly index: number;
  readonly edgeId: string;
  /** user action, decision route (guarded or else), or an action node's way on */
  readonly role: "action" | "route" | "else" | "next";
  readonly label: string;
  readonly issues: readonly string[];
  /** edges between the same two nodes are drawn apart: 0 for the first, 1, 2, … */
  readonly parallel: number;
}

export type FlowEdge = Edge<WorkflowEdgeData, "workflow">;

/** The prefix of the canvas id of a node an edge names but the workflow lacks. */
export const MISSING = "missing:";

/**
 * The workflow as @xyflow/react nodes and edges. A node's canvas id is its id (stable across
 * edits, renames aside); a node whose id is empty or taken is drawn as `#<index>`. An edge's
 * canvas id is its index: edges are identified by place, as the engine's issues are. An edge
 * naming a node that does not exist ends at a red "missing" node, so the error shows on it.
 */
export function toFlow(
  def: WorkflowDef,
  placed: PlacedIssues,
  language: Language,
  positions: Readonly<Record<string, Point>>,
  direction: Direction,
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const canvasIds = canvasNodeIds(def);
  const nodes: FlowNode[] = def.nodes.map((node, index) => {
    const id = canvasIds[index]!;
    return {
      id,
      type: node.type,
      position: node.position ?? positions[id] ?? { x: 0, y: index * 100 },
      ariaLabel: labelIn(node.labels, language) ?? node.id,
      data: {
        index,
        kind: node.type,
        nodeId: node.id,
        label: labelIn(node.labels, language) ?? node.id,
        state: "state" in node && typeof node.state === "string" ? node.state : null,
        mode: node.type === "approval" ? (node.mode ?? "any") : null,
        effects:
          node.type === "action" && Array.isArray(node.effects) ? node.effects.map(effectKind) : [],
        initial: node.type === "state" && node.initial === true,
        final: node.type === "state" && node.final === true,
        issues: (placed.nodes.get(index) ?? []).map((issue) => issue.message),
        direction,
      },
    };
  });
  const known = new Map(def.nodes.map((node, i) => [node.id, canvasIds[i]!] as const).reverse());
  const missing = new Map<string, FlowNode>();
  const end = (name: string, other: string | undefined, side: 1 | -1): string => {
    const found = known.get(name);
    if (found) return found;
    const id = `${MISSING}${name}`;
    if (!missing.has(id)) {
      const near = nodes.find((n) => n.id === other)?.position ?? { x: 0, y: 0 };
      // beside the node at its other end, a little off its line so it covers no neighbour
      const shift = 220 * side;
      missing.set(id, {
        id,
        type: "missing",
        position:
          direction === "RIGHT"
            ? { x: near.x + shift, y: near.y + 140 }
            : { x: near.x + 240, y: near.y + shift * 0.6 },
        selectable: false,
        draggable: false,
        ariaLabel: `missing node ${name}`,
        data: {
          index: -1,
          kind: "missing",
          nodeId: name,
          label: name,
          state: null,
          mode: null,
          effects: [],
          initial: false,
          final: false,
          issues: [],
          direction,
        },
      });
    }
    return id;
  };
  const pairs = new Map<string, number>();
  const edges: FlowEdge[] = def.edges.map((edge, index) => {
    const source = end(edge.from, known.get(edge.to), -1);
    const target = end(edge.to, known.get(edge.from), 1);
    const pair = [source, target].sort().join("→");
    const parallel = pairs.get(pair) ?? 0;
    pairs.set(pair, parallel + 1);
    const from = def.nodes.find((node) => node.id === edge.from);
    const role = roleOf(edge, from);
    return {
      id: `edge-${index}`,
      type: "workflow",
      source,
      target,
      ariaLabel: labelIn(edge.labels, language) ?? edge.action ?? edge.id,
      data: {
        index,
        edgeId: edge.id,
        role,
        label: labelIn(edge.labels, language) ?? edge.action ?? routeText(edge, role),
        issues: (placed.edges.get(index) ?? []).map((issue) => issue.message),
        parallel,
      },
    };
  });
  return { nodes: [...nodes, ...missing.values()], edges };
}

function roleOf(
  edge: WorkflowEdgeDef,
  from: WorkflowNodeDef | undefined,
): WorkflowEdgeData["role"] {
  if (from?.type === "decision") return edge.else === true ? "else" : "route";
  if (from?.type === "action") return "next";
  return "action";
}

function effectKind(effect: unknown): string {
  return typeof effect === "object" && effect !== null ? (Object.keys(effect)[0] ?? "?") : "?";
}

/** An unlabelled route says what it is: `else`, or its guard (shortened). */
function routeText(edge: WorkflowEdgeDef, role: WorkflowEdgeData["role"]): string {
  if (role === "else") return "else";
  if (role !== "route" || edge.when === undefined) return "";
  const guard = JSON.stringify(edge.when);
  return guard.length > 32 ? `${guard.slice(0, 31)}…` : guard;
}
