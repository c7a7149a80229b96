import { SYSTEM_SCHEMA } from "@loom/engine";
import { routeSql } from "./sales-orders-sql.ts";
import type { SampleContext } from "./sample-context.ts";

const S = `"${SYSTEM_SCHEMA}"`;
export const SALES_WORKFLOW = "sales_order_approval";

/**
 * The approval tasks of each route through sales_order_approval: [route, step, node, role, n].
 * A countersign step has two tasks (mode "all"); after the CFO a contract order is countersigned
 * in a second step. `n` numbers the task kinds, so each gets its own durations.
 */
const TASKS = [
  ["manager", 1, "manager_approval", "manager", 1],
  ["cfo", 1, "cfo_approval", "cfo", 2],
  ["countersign", 1, "countersign", "finance", 3],
  ["countersign", 1, "countersign", "legal", 4],
  ["cfo_countersign", 1, "cfo_approval", "cfo", 5],
  ["cfo_countersign", 2, "countersign", "finance", 6],
  ["cfo_countersign", 2, "countersign", "legal", 7],
] as const;
/** The first hours plus up to this many more a task of each role waits: the CFO is slowest. */
const HOURS: Record<string, [number, number]> = {
  manager: [0.25, 48],
  cfo: [1, 120],
  finance: [0.5, 72],
  legal: [2, 96],
};
/** Approvers by role; the manager by the order's department. */
const ASSIGNEE = `CASE t.role WHEN 'manager' THEN CASE f.department WHEN 'domestic' THEN 'manager1'
    ELSE 'manager2' END WHEN 'cfo' THEN 'cfo1' WHEN 'finance' THEN 'finance1' ELSE 'legal1' END`;
const REJECT_COMMENT = "Please check the prices and submit again.";

/**
 * Every order that left draft (or went back to it rejected) got there through the workflow: this
 * plan holds its route (from the order's total and contract flag, as the route node decides) and
 * when it was submitted (or cancelled).
 */
export function flowPlanSql(ctx: SampleContext): string {
  return `CREATE TEMP TABLE sample_flow ON COMMIT DROP AS
    SELECT o.n, o.id, o.stage, s.sales_person AS rep, s.department, r.route,
      CASE WHEN r.route = 'cfo_countersign' THEN o.settled ELSE 0 END AS settled,
      o.created + make_interval(mins => 30 + ${ctx.hash.pick(60, "o.n", 240)}) AS submitted
    FROM sample_order o JOIN app.sales_order s ON s.id = o.id
    CROSS JOIN LATERAL (SELECT CASE WHEN o.stage <> 'cancelled'
      THEN ${routeSql("s.total", "s.is_contract")} END AS route) r
    WHERE o.stage <> 'draft'`;
}

/** How long task kind `kind` of flow `n` took: seeded, skewed to short waits. */
function duration(ctx: SampleContext, n: string, kind: string, role: string): string {
  const cases = Object.entries(HOURS).map(
    ([name, [base, span]]) =>
      `WHEN '${name}' THEN ${base} + ${span} * power(${ctx.hash.unit(61, `${n} * 8 + ${kind}`)}, 2)`,
  );
  return `make_interval(secs => round(3600 * (CASE ${role} ${cases.join(" ")} END)))`;
}

export function taskPlanSql(ctx: SampleContext): string {
  const rows = TASKS.map(
    ([route, step, node, role, kind]) => `('${route}', ${step}, '${node}', '${role}', ${kind})`,
  );
  // a CFO-then-countersign flow's second step starts when the CFO (task kind 5) approved
  const created = `CASE t.step WHEN 1 THEN f.submitted ELSE f.submitted + ${duration(ctx, "f.n", "5", "'cfo'")} END`;
  const settledHere = `(f.stage = 'approved' OR (f.stage = 'pending' AND t.step <= f.settled)
    OR (f.stage = 'rejected' AND t.role <> 'legal'))`;
  return `CREATE TEMP TABLE sample_task ON COMMIT DROP AS
    SELECT f.n, f.id, f.route, t.kind, t.step, t.node, ${ASSIGNEE} AS assignee, c.created,
      CASE WHEN ${settledHere} THEN 'done' WHEN f.stage = 'rejected' THEN 'cancelled' ELSE 'open' END AS status,
      CASE WHEN ${settledHere} THEN CASE f.stage WHEN 'rejected' THEN 'reject' ELSE 'approve' END END AS outcome,
      CASE WHEN f.stage = 'rejected' AND t.role = 'legal'
        THEN c.created + ${duration(ctx, "f.n", "t.kind - 1", "'finance'")}
        WHEN ${settledHere} THEN c.created + ${duration(ctx, "f.n", "t.kind", "t.role")} END AS acted
    FROM sample_flow f
    JOIN (VALUES ${rows.join(", ")}) AS t(route, step, node, role, kind) ON t.route = f.route
    CROSS JOIN LATERAL (SELECT ${created} AS created) c
    WHERE f.stage = 'approved' OR (f.stage = 'pending' AND t.step <= f.settled + 1)
      OR (f.stage = 'rejected' AND t.step = 1)`;
}

/** One instance per flow, resting where its order's status says, on the installed version. */
export function instancesSql(): string {
  return `INSERT INTO ${S}."workflow_instances" ("entity", "record_id", "version", "node", "step",
      "requester", "entered_at", "created_at")
    SELECT 'sales_order', f.id, v.version,
      CASE f.stage WHEN 'cancelled' THEN 'cancelled' WHEN 'rejected' THEN 'draft'
        WHEN 'approved' THEN 'approved' ELSE a.open_node END,
      CASE f.stage WHEN 'cancelled' THEN 1 WHEN 'pending' THEN f.settled + 1
        WHEN 'approved' THEN CASE f.route WHEN 'cfo_countersign' THEN 3 ELSE 2 END ELSE 2 END,
      f.rep, COALESCE(CASE f.stage WHEN 'pending' THEN a.opened ELSE a.last_acted END, f.submitted),
      f.submitted
    FROM sample_flow f
    CROSS JOIN (SELECT "version" FROM ${S}."workflow_versions" WHERE "name" = '${SALES_WORKFLOW}'
                ORDER BY "created_at" DESC, "version" LIMIT 1) v
    LEFT JOIN (SELECT n, max(acted) FILTER (WHERE status = 'done') AS last_acted,
                 min(created) FILTER (WHERE status = 'open') AS opened,
                 min(node) FILTER (WHERE status = 'open') AS open_node
               FROM sample_task GROUP BY n) a ON a.n = f.n
    ORDER BY f.n`;
}

export function tasksSql(): string {
  return `INSERT INTO ${S}."workflow_tasks" ("instance_id", "entity", "record_id", "node", "step",
      "assignee", "status", "outcome", "comment", "acted_by", "acted_at", "escalated", "created_at")
    SELECT i."id", 'sales_order', t.id, t.node, t.step, t.assignee, t.status, t.outcome,
      CASE t.outcome WHEN 'reject' THEN '${REJECT_COMMENT}' END,
      CASE t.status WHEN 'done' THEN t.assignee END, t.acted, false, t.created
    FROM sample_task t
    JOIN ${S}."workflow_instances" i ON i."entity" = 'sales_order' AND i."record_id" = t.id
    ORDER BY t.n, t.kind`;
}

/**
 * The history the moves wrote: submit (or cancel) by the rep, then each settled task's action.
 * An approval that leaves its countersign partner still to act stays on the node.
 */
export function historySql(): string {
  // the last to act of a step moves the instance on, unless a task of the step is still open
  const next = `CASE WHEN t.outcome = 'reject' THEN 'draft'
      WHEN t.open_in_step OR t.acted < t.last_in_step THEN t.node
      WHEN t.route = 'cfo_countersign' AND t.step = 1 THEN 'countersign' ELSE 'approved' END`;
  return `INSERT INTO ${S}."workflow_history" ("instance_id", "entity", "record_id", "action",
      "from_node", "to_node", "actor", "comment", "at")
    SELECT i."id", 'sales_order', h.id, h.action, h.from_node, h.to_node, h.actor, h.comment, h.at
    FROM (
      SELECT f.n, 0 AS kind, f.id, CASE WHEN f.route IS NULL THEN 'cancel' ELSE 'submit' END AS action,
        'draft' AS from_node,
        CASE f.route WHEN 'manager' THEN 'manager_approval' WHEN 'countersign' THEN 'countersign'
          WHEN 'cfo' THEN 'cfo_approval' WHEN 'cfo_countersign' THEN 'cfo_approval'
          ELSE 'cancelled' END AS to_node,
        f.rep AS actor, NULL AS comment, f.submitted AS at
      FROM sample_flow f
      UNION ALL
      SELECT t.n, t.kind, t.id, t.outcome, t.node, ${next}, t.assignee,
        CASE t.outcome WHEN 'reject' THEN '${REJECT_COMMENT}' END, t.acted
      FROM (SELECT *, bool_or(status = 'open') OVER (PARTITION BY n, step) AS open_in_step,
              max(acted) OVER (PARTITION BY n, step) AS last_in_step
            FROM sample_task) t
      WHERE t.status = 'done'
    ) h
    JOIN ${S}."workflow_instances" i ON i."entity" = 'sales_order' AND i."record_id" = h.id
    ORDER BY h.n, h.at, h.kind`;
}
