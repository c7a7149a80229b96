import type { WorkflowDef } from "@loom/engine";
import type { ElkNode } from "elkjs/lib/elk.bundled.js";
import { canvasNodeIds } from "./workflow-doc.ts";
import type { Point } from "./workflow-edits.ts";
import { type Direction, NODE_SIZE } from "./workflow-graph.ts";

const SPACING = {
  "elk.spacing.nodeNode": "80",
  "elk.layered.spacing.nodeNodeBetweenLayers": "70",
  "elk.layered.spacing.edgeNodeBetweenLayers": "30",
};

/**
 * Places every node with elk's layered layout, flowing `direction` from the initial node: canvas
 * id → top-left point. elk (about 1.5 MB) is loaded the first time, so only the workflow
 * designer's chunk carries it; the bundled build runs in this thread, with no worker file.
 */
export async function layoutWorkflow(
  def: WorkflowDef,
  direction: Direction,
): Promise<Record<string, Point>> {
  const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
  const ids = canvasNodeIds(def);
  const known = new Set(ids);
  const back = backEdges(def);
  const graph: ElkNode = {
    id: "root",
    layoutOptions: { "elk.algorithm": "layered", "elk.direction": direction, ...SPACING },
    children: def.nodes.map((node, i) => ({ id: ids[i]!, ...NODE_SIZE[node.type] })),
    edges: def.edges.flatMap((edge, j) => {
      if (!known.has(edge.from) || !known.has(edge.to) || edge.from === edge.to) return [];
      const [from, to] = back.has(j) ? [edge.to, edge.from] : [edge.from, edge.to];
      return [{ id: `edge-${j}`, sources: [from], targets: [to] }];
    }),
  };
  const laid = await new ELK().layout(graph);
  const positions: Record<string, Point> = {};
  for (const child of laid.children ?? [])
    positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  return positions;
}

/**
 * Where to draw the nodes the file gives no position: laid out by elk, below the nodes that
 * have one so none is drawn over them. Nothing is written until the consultant moves a node or
 * asks for a layout.
 */
export async function placeUnpositioned(
  def: WorkflowDef,
  direction: Direction,
): Promise<Record<string, Point>> {
  const ids = canvasNodeIds(def);
  const lacking = def.nodes.flatMap((node, i) => (node.position ? [] : [ids[i]!]));
  if (lacking.length === 0) return {};
  const laid = await layoutWorkflow(def, direction);
  const placed = def.nodes.flatMap((node) => (node.position ? [node.position] : []));
  const below = placed.length === 0 ? 0 : Math.max(...placed.map((p) => p.y)) + 160;
  const top = Math.min(...lacking.map((id) => laid[id]?.y ?? 0));
  return Object.fromEntries(
    lacking.map((id) => {
      const at = laid[id] ?? { x: 0, y: 0 };
      return [id, { x: at.x, y: at.y - top + below }];
    }),
  );
}

/**
 * The edges that go back in the process: found by a depth-first walk from the initial node, an
 * edge to a node still on the walk's path closes a loop (a rejection returning to draft). elk gets
 * them reversed, so the layers follow the process from its start rather than wherever elk's own
 * cycle breaking would cut the loops.
 */
function backEdges(def: WorkflowDef): Set<number> {
  const back = new Set<number>();
  const state = new Map<string, "open" | "done">();
  const visit = (id: string): void => {
    state.set(id, "open");
    def.edges.forEach((edge, j) => {
      if (edge.from !== id) return;
      const seen = state.get(edge.to);
      if (seen === "open") back.add(j);
      else if (seen === undefined) visit(edge.to);
    });
    state.set(id, "done");
  };
  const initial = def.nodes.find((node) => node.type === "state" && node.initial === true);
  if (initial) visit(initial.id);
  return back;
}
