import { durationMs } from "./duration.ts";
import {
  AMEND_ACTION,
  APPROVE_ACTION,
  type IndexedEdge,
  isResting,
  USER_ACTION_PROPS,
} from "./nodes.ts";
import type { WorkflowNodeDef } from "./types.ts";

export type Report = (pointer: string, code: string, message: string) => void;

/**
 * The edges leaving one node, by what the node is: user actions from resting nodes (none from a
 * final one), routes with guards and one `else` from a decision, a single plain edge from an
 * action node.
 */
export function checkExits(
  node: WorkflowNodeDef,
  index: number,
  exits: readonly IndexedEdge[],
  report: Report,
): void {
  const at = `/nodes/${index}`;
  if (isResting(node)) {
    checkUserActions(node, at, exits, report);
    return;
  }
  for (const { edge, index: j } of exits) {
    for (const prop of USER_ACTION_PROPS) {
      if (edge[prop] !== undefined)
        report(
          `/edges/${j}/${prop}`,
          "automatic-edge",
          `edge "${edge.id}" leaves ${node.type} node "${node.id}", which moves on by itself: "${prop}" belongs to user actions from state and approval nodes`,
        );
    }
  }
  if (node.type === "decision") checkRoutes(node.id, at, exits, report);
  else {
    if (exits.length !== 1)
      report(
        at,
        "action-exits",
        `action node "${node.id}" has ${exits.length} outgoing edges; it needs exactly one, its way on`,
      );
    for (const { edge, index: j } of exits) {
      for (const prop of ["when", "else"] as const) {
        if (edge[prop] !== undefined)
          report(
            `/edges/${j}/${prop}`,
            "automatic-edge",
            `edge "${edge.id}" is the single way on from action node "${node.id}": it takes no "${prop}"`,
          );
      }
    }
  }
}

function checkUserActions(
  node: Extract<WorkflowNodeDef, { type: "state" | "approval" }>,
  at: string,
  exits: readonly IndexedEdge[],
  report: Report,
): void {
  if (node.type === "state" && node.final === true) {
    for (const { edge, index: j } of exits)
      report(
        `/edges/${j}`,
        "final-with-exit",
        `edge "${edge.id}" leaves final node "${node.id}"; a final node ends the process: remove the edge or "final"`,
      );
    return;
  }
  if (exits.length === 0)
    report(
      at,
      "dead-end",
      `node "${node.id}" has no way out; add an edge leaving it${node.type === "state" ? ' or mark it "final"' : ""}`,
    );
  const actions = new Map<string, string>();
  for (const { edge, index: j } of exits) {
    if (edge.else !== undefined)
      report(
        `/edges/${j}/else`,
        "bad-else",
        `edge "${edge.id}" is a user action from "${node.id}"; "else" belongs to routes leaving a decision node`,
      );
    if (edge.action === undefined) {
      report(
        `/edges/${j}`,
        "missing-action",
        `edge "${edge.id}" leaves ${node.type} node "${node.id}", so users take it by name: it needs an "action" (submit, approve, reject, …)`,
      );
      continue;
    }
    if (edge.action === AMEND_ACTION)
      report(
        `/edges/${j}/action`,
        "reserved-action",
        `edge "${edge.id}": "${AMEND_ACTION}" is reserved (it copies a cancelled document into a new draft); choose another action name`,
      );
    const taken = actions.get(edge.action);
    if (taken !== undefined)
      report(
        `/edges/${j}/action`,
        "duplicate-action",
        `edge "${edge.id}": node "${node.id}" already has an action "${edge.action}" (edge "${taken}"); route by a decision node instead`,
      );
    else actions.set(edge.action, edge.id);
  }
  if (node.type !== "approval") return;
  if (!actions.has(APPROVE_ACTION))
    report(
      at,
      "missing-approve",
      `approval node "${node.id}" needs an edge with action "${APPROVE_ACTION}": it is what the node's mode counts`,
    );
  const sla = node.sla;
  if (sla === undefined) return;
  const duration = durationMs(sla.duration);
  if (typeof duration === "string")
    report(`${at}/sla/duration`, "bad-duration", `node "${node.id}": ${duration}`);
  if (sla.action !== undefined && !actions.has(sla.action))
    report(
      `${at}/sla/action`,
      "unknown-action",
      `node "${node.id}": the SLA takes action "${sla.action}", but no edge leaving the node has it (${[...actions.keys()].join(", ") || "none"})`,
    );
}

function checkRoutes(id: string, at: string, exits: readonly IndexedEdge[], report: Report): void {
  const elses = exits.filter(({ edge }) => edge.else === true);
  const guarded = exits.filter(({ edge }) => edge.when !== undefined);
  if (elses.length === 0)
    report(
      at,
      "decision-else",
      `decision node "${id}" needs one route with "else": true, taken when no guard holds`,
    );
  for (const { edge, index: j } of elses.slice(1))
    report(
      `/edges/${j}/else`,
      "decision-else",
      `decision node "${id}" already has an else route ("${elses[0]!.edge.id}"); edge "${edge.id}" needs a "when" guard instead`,
    );
  if (guarded.length === 0)
    report(
      at,
      "decision-guard",
      `decision node "${id}" needs at least one route with a "when" guard besides its else route`,
    );
  for (const { edge, index: j } of exits) {
    if (edge.else === true && edge.when !== undefined)
      report(
        `/edges/${j}/when`,
        "bad-else",
        `route "${edge.id}" of decision node "${id}" is the else route: it takes no "when"`,
      );
    if (edge.else !== true && edge.when === undefined)
      report(
        `/edges/${j}`,
        "unguarded-route",
        `route "${edge.id}" of decision node "${id}" needs a "when" guard (or "else": true if it is the fallback)`,
      );
  }
}
