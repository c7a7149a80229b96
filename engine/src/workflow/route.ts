import { evaluate } from "../expr/evaluate.ts";
import type { EvalContext } from "../expr/types.ts";
import { isTruthy } from "../expr/values.ts";
import { isResting } from "./nodes.ts";
import type { EffectDef, Workflow, WorkflowEdge, WorkflowNode } from "./types.ts";

type Values = Readonly<Record<string, unknown>>;

/** An effect met on the way, with the record as it was at that point (earlier `set`s applied). */
export interface RoutedEffect {
  readonly effect: Exclude<EffectDef, { set: unknown }>;
  readonly record: Values;
  readonly node: string;
  /** its position among all effects of this route, for stable idempotency keys */
  readonly index: number;
}

/** Where a taken edge leads once the automatic nodes after it have been passed. */
export interface Route {
  /** the taken edge, then every automatic edge followed */
  readonly edges: readonly WorkflowEdge[];
  readonly restingAt: string;
  /** field values the `set` effects computed, to write with the move */
  readonly changes: Values;
  readonly effects: readonly RoutedEffect[];
}

/**
 * Follows `edge` through decisions (their guards in file order, else the `else` edge) and action
 * nodes (their effects, `set`s seen by what comes after) to the next resting node. Pure: the
 * runtime writes what the route says in its transaction; the designer can run it to simulate. Compilation refused loops of automatic
 * nodes; the bound below only keeps a corrupt stored definition from spinning.
 */
export function routeFrom(
  workflow: Workflow,
  edge: WorkflowEdge,
  record: Values,
  context: EvalContext,
): Route {
  const edges: WorkflowEdge[] = [edge];
  const effects: RoutedEffect[] = [];
  let changes: Record<string, unknown> = {};
  let node = nodeOf(workflow, edge.to);
  for (let hops = 0; !isResting(node); hops++) {
    if (hops > Object.keys(workflow.nodes).length)
      throw new Error(`workflow ${workflow.name} loops through automatic nodes at ${node.id}`);
    if (node.type === "action") {
      for (const effect of node.effects) {
        const current = { ...record, ...changes };
        if ("set" in effect) {
          const values = Object.fromEntries(
            Object.entries(effect.set).map(([field, expr]) => [
              field,
              evaluate(expr, current, context),
            ]),
          );
          changes = { ...changes, ...values };
        } else effects.push({ effect, record: current, node: node.id, index: effects.length });
      }
    }
    const next =
      node.type === "decision"
        ? decide(workflow, node.id, { ...record, ...changes }, context)
        : onlyEdgeFrom(workflow, node.id);
    edges.push(next);
    node = nodeOf(workflow, next.to);
  }
  return { edges, restingAt: node.id, changes, effects };
}

export function nodeOf(workflow: Workflow, id: string): WorkflowNode {
  const node = workflow.nodes[id];
  if (!node) throw new Error(`workflow ${workflow.name} has no node ${id}`);
  return node;
}

/** The edges leaving `node` that a user takes by the name `action`, in file order. */
export function actionEdges(workflow: Workflow, node: string, action: string): WorkflowEdge[] {
  return workflow.edges.filter((e) => e.from === node && e.action === action);
}

/** The actions users may name at `node` (distinct, in file order). */
export function actionsAt(workflow: Workflow, node: string): string[] {
  return [
    ...new Set(workflow.edges.filter((e) => e.from === node && e.action).map((e) => e.action!)),
  ];
}

export function guardHolds(edge: WorkflowEdge, record: Values, context: EvalContext): boolean {
  return edge.when === undefined || isTruthy(evaluate(edge.when, record, context));
}

function decide(
  workflow: Workflow,
  node: string,
  record: Values,
  context: EvalContext,
): WorkflowEdge {
  const leaving = workflow.edges.filter((e) => e.from === node);
  const chosen =
    leaving.find((e) => !e.else && guardHolds(e, record, context)) ?? leaving.find((e) => e.else);
  if (!chosen) throw new Error(`decision ${node} of workflow ${workflow.name} has no else edge`);
  return chosen;
}

function onlyEdgeFrom(workflow: Workflow, node: string): WorkflowEdge {
  const edge = workflow.edges.find((e) => e.from === node);
  if (!edge) throw new Error(`action node ${node} of workflow ${workflow.name} has no way on`);
  return edge;
}
