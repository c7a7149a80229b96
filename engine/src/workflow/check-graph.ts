import type { Issue } from "../errors.ts";
import { issueAt } from "../layer/apply-layers.ts";
import type { Loc } from "../layer/working-model.ts";
import { joinPointer } from "../load/json-source.ts";
import { checkExits, type Report } from "./check-exits.ts";
import { type IndexedEdge, isResting } from "./nodes.ts";
import type { WorkflowDef, WorkflowNodeDef } from "./types.ts";

interface IndexedNode {
  readonly node: WorkflowNodeDef;
  readonly index: number;
}

/**
 * The shape of the graph, before anything is looked up in the model: unique ids, edges between
 * existing nodes, one initial state, every node reachable, a way out of every non-final node and
 * none out of a final one, the right kind of edges for each kind of node, no loop made only of
 * automatic steps, and migrations onto resting nodes. Every issue names the node or edge.
 */
export function checkGraph(def: WorkflowDef, loc: Loc): Issue[] {
  const issues: Issue[] = [];
  const report: Report = (pointer, code, message) =>
    issues.push(issueAt({ ...loc, pointer }, code, message));

  const nodes = new Map<string, IndexedNode>();
  def.nodes.forEach((node, index) => {
    if (nodes.has(node.id))
      report(
        `/nodes/${index}/id`,
        "duplicate-node",
        `node id "${node.id}" is used twice (also by node ${nodes.get(node.id)!.index})`,
      );
    else nodes.set(node.id, { node, index });
  });
  const edgeIds = new Map<string, number>();
  const exits = new Map<string, IndexedEdge[]>();
  def.edges.forEach((edge, index) => {
    if (edgeIds.has(edge.id))
      report(
        `/edges/${index}/id`,
        "duplicate-edge",
        `edge id "${edge.id}" is used twice (also by edge ${edgeIds.get(edge.id)})`,
      );
    else edgeIds.set(edge.id, index);
    let known = true;
    for (const end of ["from", "to"] as const) {
      if (nodes.has(edge[end])) continue;
      known = false;
      report(
        `/edges/${index}/${end}`,
        "unknown-node",
        `edge "${edge.id}" ${end === "from" ? "leaves" : "enters"} node "${edge[end]}", which this workflow does not have`,
      );
    }
    if (known) exits.set(edge.from, [...(exits.get(edge.from) ?? []), { edge, index }]);
  });

  for (const { node, index } of nodes.values())
    checkExits(node, index, exits.get(node.id) ?? [], report);
  const initial = initialNode(def, report);
  if (initial) unreachable(initial, nodes, exits, report);
  automaticCycles(nodes, exits, report);
  for (const [from, to] of Object.entries(def.migrate ?? {})) {
    const target = nodes.get(to)?.node;
    if (!target || !isResting(target))
      report(
        joinPointer("/migrate", from),
        "migrate-target",
        `migrate moves instances at "${from}" to "${to}", which is not a state or approval node of this workflow`,
      );
  }
  return issues;
}

function initialNode(def: WorkflowDef, report: Report): string | undefined {
  const initials = def.nodes.flatMap((node, index) =>
    node.type === "state" && node.initial === true ? [{ node, index }] : [],
  );
  if (initials.length === 0) {
    report(
      "/nodes",
      "initial-state",
      'no state node is "initial": mark the one new records start at with "initial": true',
    );
    return undefined;
  }
  for (const { node, index } of initials.slice(1))
    report(
      `/nodes/${index}/initial`,
      "initial-state",
      `nodes "${initials[0]!.node.id}" and "${node.id}" are both initial; exactly one state node is`,
    );
  return initials[0]!.node.id;
}

function unreachable(
  initial: string,
  nodes: ReadonlyMap<string, IndexedNode>,
  exits: ReadonlyMap<string, readonly IndexedEdge[]>,
  report: Report,
): void {
  const reached = new Set([initial]);
  const queue = [initial];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const { edge } of exits.get(id) ?? []) {
      if (reached.has(edge.to)) continue;
      reached.add(edge.to);
      queue.push(edge.to);
    }
  }
  for (const { node, index } of nodes.values()) {
    if (!reached.has(node.id))
      report(
        `/nodes/${index}`,
        "unreachable-node",
        `node "${node.id}" cannot be reached from the initial node "${initial}"`,
      );
  }
}

/** Decision and action nodes run one after another inside a transition: a loop of them never ends. */
function automaticCycles(
  nodes: ReadonlyMap<string, IndexedNode>,
  exits: ReadonlyMap<string, readonly IndexedEdge[]>,
  report: Report,
): void {
  const automatic = (id: string) => {
    const node = nodes.get(id)?.node;
    return node !== undefined && !isResting(node);
  };
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      report(
        `/nodes/${nodes.get(id)!.index}`,
        "automatic-cycle",
        `decision and action nodes loop without a state or approval node to rest at: ${cycle.join(" → ")}`,
      );
      return;
    }
    state.set(id, "visiting");
    for (const { edge } of exits.get(id) ?? [])
      if (automatic(edge.to)) visit(edge.to, [...trail, id]);
    state.set(id, "done");
  };
  for (const id of nodes.keys()) if (automatic(id)) visit(id, []);
}
