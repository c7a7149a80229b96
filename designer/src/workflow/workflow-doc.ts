import type { Language } from "@loom/app/dictionary";
import type { Labels, WorkflowDef, WorkflowEdgeDef, WorkflowNodeDef } from "@loom/engine";
import { isObject, parseJson } from "../draft/design-context.ts";

export const NODE_KINDS = ["state", "approval", "decision", "action"] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/**
 * A workflow file as the designer reads it while it is being edited: the JSON as written, with
 * `nodes` and `edges` always arrays of objects whose `id` (and an edge's `from`, `to`) are
 * strings, entries keeping their index in the file, since the engine's issues point at
 * `/nodes/<i>` and `/edges/<j>`. Anything else may still be wrong; the engine says what.
 */
export function readWorkflow(text: string | undefined): WorkflowDef | undefined {
  const value = parseJson(text);
  if (!isObject(value)) return undefined;
  const nodes = (Array.isArray(value.nodes) ? value.nodes : []).map((entry) => {
    const node = isObject(entry) ? entry : {};
    return {
      ...node,
      id: typeof node.id === "string" ? node.id : "",
      type: isKind(node.type) ? node.type : "state",
      labels: isObject(node.labels) ? node.labels : {},
    } as unknown as WorkflowNodeDef;
  });
  const edges = (Array.isArray(value.edges) ? value.edges : []).map((entry) => {
    const edge = isObject(entry) ? entry : {};
    const text = (key: string) => (typeof edge[key] === "string" ? (edge[key] as string) : "");
    return { ...edge, id: text("id"), from: text("from"), to: text("to") } as WorkflowEdgeDef;
  });
  return { ...(value as unknown as WorkflowDef), nodes, edges };
}

function isKind(value: unknown): value is NodeKind {
  return NODE_KINDS.includes(value as NodeKind);
}

/** Text in `language`, else English, else any language given. */
export function labelIn(labels: Labels | undefined, language: Language): string | undefined {
  if (!isObject(labels)) return undefined;
  const text = labels[language] || labels.en || Object.values(labels).find(Boolean);
  return typeof text === "string" && text !== "" ? text : undefined;
}

/** The edges leaving node `id`, each with its index in the file. */
export function exitsOf(
  def: WorkflowDef,
  id: string,
): Array<{ readonly edge: WorkflowEdgeDef; readonly index: number }> {
  return def.edges.flatMap((edge, index) => (edge.from === id ? [{ edge, index }] : []));
}

/** Each node's canvas id: its own when it is the first with it, else `#<index>`. */
export function canvasNodeIds(def: WorkflowDef): string[] {
  const seen = new Set<string>();
  return def.nodes.map((node, index) => {
    if (node.id === "" || seen.has(node.id)) return `#${index}`;
    seen.add(node.id);
    return node.id;
  });
}
