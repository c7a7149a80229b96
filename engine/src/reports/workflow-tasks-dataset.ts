import type { Labels, SelectOption } from "../metadata/types.ts";
import { type AppModel, SYSTEM_SCHEMA } from "../model/app-model.ts";
import type { DatasetEntity } from "./report-dataset.ts";

/** The root name of the built-in dataset over the workflow engine's approval tasks. */
export const WORKFLOW_TASKS = "$workflow_tasks";

const S = `"${SYSTEM_SCHEMA}"`;

const labels = (en: string, zh: string): Labels => ({ en, "zh-CN": zh });
const option = (value: string, en: string, zh: string): SelectOption => ({
  value,
  labels: labels(en, zh),
});

/**
 * `$workflow_tasks`: one row per approval task (loom_sys.workflow_tasks) with its workflow's name
 * and `hours`, the time from the task's creation to its action (to now while open). Read-only and
 * reachable only through reports; the row scope (tasks of records the caller may read) is added by
 * the compiler (`tasksScope`). Open tasks count their hours up to the request's clock (bound as a
 * parameter, never the database's `now()`, so tests can fix time).
 */
export const WORKFLOW_TASKS_ENTITY: DatasetEntity = {
  name: WORKFLOW_TASKS,
  type: "normal",
  labels: labels("Workflow tasks", "审批任务"),
  table: "workflow_tasks",
  titleField: "node",
  source: (now) => ({
    text: `(SELECT "t"."id", "t"."entity", "t"."record_id", "t"."node", "t"."assignee", "t"."status", "t"."outcome", "t"."created_at", "t"."acted_at", "v"."name" AS "workflow", (EXTRACT(EPOCH FROM (COALESCE("t"."acted_at", ?::timestamptz) - "t"."created_at")) / 3600)::numeric AS "hours" FROM ${S}."workflow_tasks" "t" JOIN ${S}."workflow_instances" "i" ON "i"."id" = "t"."instance_id" JOIN ${S}."workflow_versions" "v" ON "v"."version" = "i"."version")`,
    params: [now.toISOString()],
  }),
  fields: [
    { name: "workflow", type: "text", column: "workflow", labels: labels("Workflow", "流程") },
    { name: "entity", type: "text", column: "entity", labels: labels("Entity", "实体") },
    { name: "node", type: "text", column: "node", labels: labels("Step", "节点") },
    { name: "assignee", type: "text", column: "assignee", labels: labels("Assignee", "处理人") },
    {
      name: "status",
      type: "select",
      column: "status",
      labels: labels("Status", "状态"),
      options: [
        option("open", "Open", "待处理"),
        option("done", "Done", "已处理"),
        option("cancelled", "Cancelled", "已取消"),
      ],
    },
    { name: "outcome", type: "text", column: "outcome", labels: labels("Outcome", "结果") },
    {
      name: "created_at",
      type: "datetime",
      column: "created_at",
      labels: labels("Created", "创建时间"),
    },
    { name: "acted_at", type: "datetime", column: "acted_at", labels: labels("Acted", "处理时间") },
    { name: "hours", type: "decimal", column: "hours", labels: labels("Hours", "小时数") },
  ],
};

/**
 * Display labels of a `$workflow_tasks` dimension holding names: a workflow's or an entity's
 * labels in `language` (English when it has none), by name; undefined for the other fields.
 */
export function taskNameLabels(
  field: string,
  model: AppModel,
  language: "en" | "zh-CN",
): Record<string, string> | undefined {
  const named =
    field === "workflow"
      ? Object.values(model.workflows)
      : field === "entity"
        ? Object.values(model.entities)
        : undefined;
  if (!named) return undefined;
  return Object.fromEntries(named.map((n) => [n.name, n.labels[language] ?? n.labels.en]));
}
