import type {
  AssigneeDef,
  EffectDef,
  Labels,
  WorkflowDef,
  WorkflowEdgeDef,
  WorkflowNodeDef,
} from "@loom/engine";
import { applyEdits, type JSONPath, modify } from "jsonc-parser";
import { canvasNodeIds, exitsOf, type NodeKind, readWorkflow } from "./workflow-doc.ts";

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: "\n" } } as const;

/**
 * Edits of a workflow file, text in, text out. Each touches only the values it changes (jsonc
 * modifications), so the rest of the file keeps its key order and layout and a consultant's diff
 * shows the change alone.
 */

/** Sets the value at `path` (creating what leads to it); undefined removes it. */
export function setIn(text: string, path: JSONPath, value: unknown): string {
  return applyEdits(text, modify(text, path, value, FORMAT));
}

/** Appends `value` to the array at `path`. */
export function appendIn(text: string, path: JSONPath, value: unknown): string {
  return applyEdits(
    text,
    modify(text, [...path, -1], value, { ...FORMAT, isArrayInsertion: true }),
  );
}

function append(text: string, array: "nodes" | "edges", value: unknown): string {
  return appendIn(text, [array], value);
}

function parsed(text: string): WorkflowDef {
  const def = readWorkflow(text);
  if (!def) throw new Error("the workflow file is not a JSON object");
  return def;
}

/** `base`, else `base_2`, `base_3`, … : the first not in `taken`. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const clean = base.replace(/[^a-z0-9_]/g, "_").replace(/^[^a-z]+/, "") || "node";
  if (!used.has(clean)) return clean;
  for (let n = 2; ; n++) if (!used.has(`${clean}_${n}`)) return `${clean}_${n}`;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

function rounded({ x, y }: Point): Point {
  return { x: Math.round(x), y: Math.round(y) };
}

/** What a new node starts with that the designer (not the file) knows. */
export interface NodeDefaults {
  /** the node's name in every language */
  readonly labels: Labels;
  /** the state field's options: a new resting node takes the first one no node rests at */
  readonly stateOptions: readonly string[];
  /** a new approval's first assignee */
  readonly assignee: AssigneeDef;
  /** a new action node's first effect */
  readonly effect: EffectDef;
}

/** The first option of the state field no resting node of `def` uses yet. */
export function freeState(def: WorkflowDef, options: readonly string[]): string | undefined {
  const used = new Set(def.nodes.flatMap((node) => ("state" in node ? [node.state] : [])));
  return options.find((option) => !used.has(option));
}

/**
 * Appends a node of `kind` at `at`: a state node named after the free state it rests at, the
 * others after their kind; an approval with one assignee and an action node with one effect, so
 * the file stays valid while the consultant fills them in.
 */
export function addNode(
  text: string,
  kind: NodeKind,
  at: Point,
  defaults: NodeDefaults,
): { text: string; id: string } {
  const def = parsed(text);
  const taken = def.nodes.map((node) => node.id);
  const state = freeState(def, defaults.stateOptions);
  const id = uniqueId(kind === "state" && state ? state : kind, taken);
  const base = { id, type: kind, labels: defaults.labels, position: rounded(at) };
  const node: WorkflowNodeDef =
    kind === "state"
      ? { ...base, type: kind, state: state ?? id }
      : kind === "approval"
        ? { ...base, type: kind, state: state ?? id, assignees: [defaults.assignee] }
        : kind === "action"
          ? { ...base, type: kind, effects: [defaults.effect] }
          : { ...base, type: kind };
  return { text: append(text, "nodes", node), id };
}

/** The actions the designer offers, in the order a new edge from a node takes the first unused. */
export const KNOWN_ACTIONS: Readonly<Record<string, Labels>> = {
  submit: { en: "Submit", "zh-CN": "提交" },
  approve: { en: "Approve", "zh-CN": "同意" },
  reject: { en: "Reject", "zh-CN": "驳回" },
  withdraw: { en: "Withdraw", "zh-CN": "撤回" },
  return: { en: "Return", "zh-CN": "退回" },
  cancel: { en: "Cancel", "zh-CN": "取消" },
};

const FIRST_ACTIONS: Readonly<Record<"state" | "approval", readonly string[]>> = {
  state: ["submit", "cancel"],
  approval: ["approve", "reject", "withdraw", "return"],
};

/**
 * Appends an edge from `from` to `to`, shaped by what it leaves: from a state or approval node
 * a user action (the first of the usual ones the node lacks; reject needs a comment, withdraw is
 * the requester's), from a decision a route (the else route while there is none, else a route
 * whose guard is still to be written), from an action node its plain way on.
 */
export function connect(text: string, from: string, to: string): { text: string; index: number } {
  const def = parsed(text);
  const source = def.nodes.find((node) => node.id === from);
  const exits = exitsOf(def, from).map(({ edge }) => edge);
  const taken = def.edges.map((edge) => edge.id);
  let edge: WorkflowEdgeDef;
  if (source?.type === "state" || source?.type === "approval") {
    const used = new Set(exits.map((e) => e.action));
    const candidates = FIRST_ACTIONS[source.type];
    const action =
      candidates.find((name) => !used.has(name)) ?? uniqueId(candidates[0]!, used as Set<string>);
    edge = {
      id: uniqueId(`${from}_${action}`, taken),
      from,
      to,
      action,
      ...(KNOWN_ACTIONS[action] ? { labels: KNOWN_ACTIONS[action] } : {}),
      ...(action === "reject" ? { commentRequired: true } : {}),
      ...(action === "withdraw" ? { requester: true } : {}),
    };
  } else if (source?.type === "decision") {
    const hasElse = exits.some((e) => e.else === true);
    edge = {
      id: uniqueId(`${from}_to_${to}`, taken),
      from,
      to,
      ...(hasElse ? {} : { else: true }),
    };
  } else edge = { id: uniqueId(`${from}_next`, taken), from, to };
  return { text: append(text, "edges", edge), index: def.edges.length };
}

/** Removes the nodes named and every edge entering or leaving them. */
export function removeNodes(text: string, ids: readonly string[]): string {
  const def = parsed(text);
  const gone = new Set(ids);
  const edges = def.edges.flatMap((edge, j) =>
    gone.has(edge.from) || gone.has(edge.to) ? [j] : [],
  );
  const nodes = def.nodes.flatMap((node, i) => (gone.has(node.id) ? [i] : []));
  return removeAt(removeAt(text, "edges", edges), "nodes", nodes);
}

/** Removes the edges at these indexes. */
export function removeEdges(text: string, indexes: readonly number[]): string {
  return removeAt(text, "edges", indexes);
}

function removeAt(text: string, array: "nodes" | "edges", indexes: readonly number[]): string {
  // from the last: removing one shifts the indexes after it
  return [...new Set(indexes)]
    .sort((a, b) => b - a)
    .reduce((next, index) => setIn(next, [array, index], undefined), text);
}

/** Gives node `index` the id `next`, and the edges and migrations naming it follow. */
export function renameNode(text: string, index: number, next: string): string {
  const def = parsed(text);
  const old = def.nodes[index]?.id;
  if (old === undefined || old === next) return text;
  let out = setIn(text, ["nodes", index, "id"], next);
  def.edges.forEach((edge, j) => {
    if (edge.from === old) out = setIn(out, ["edges", j, "from"], next);
    if (edge.to === old) out = setIn(out, ["edges", j, "to"], next);
  });
  for (const [from, to] of Object.entries(def.migrate ?? {}))
    if (to === old) out = setIn(out, ["migrate", from], next);
  return out;
}

/** Writes the positions given (canvas id → point, rounded to pixels); other nodes stay. */
export function moveNodes(text: string, positions: Readonly<Record<string, Point>>): string {
  const def = parsed(text);
  const ids = canvasNodeIds(def);
  return def.nodes.reduce((out, node, i) => {
    const at = Object.hasOwn(positions, ids[i]!) ? positions[ids[i]!] : undefined;
    if (!at) return out;
    const next = rounded(at);
    const now = node.position;
    if (!now) return setIn(out, ["nodes", i, "position"], next);
    // x and y one by one: a position written on one line stays on one line
    const x = now.x === next.x ? out : setIn(out, ["nodes", i, "position", "x"], next.x);
    return now.y === next.y ? x : setIn(x, ["nodes", i, "position", "y"], next.y);
  }, text);
}

/** The text of a new workflow file: one initial state node, where new records start. */
export function newWorkflowText(init: {
  readonly name: string;
  readonly labels: Labels;
  readonly entity: string;
  readonly stateField: string;
  readonly initialState: string;
  readonly initialLabels: Labels;
}): string {
  const def: WorkflowDef = {
    kind: "workflow",
    name: init.name,
    labels: init.labels,
    entity: init.entity,
    stateField: init.stateField,
    nodes: [
      {
        id: uniqueId(init.initialState, []),
        type: "state",
        labels: init.initialLabels,
        position: { x: 0, y: 0 },
        state: init.initialState,
        initial: true,
      },
    ],
    edges: [],
  };
  return `${JSON.stringify(def, null, 2)}\n`;
}
