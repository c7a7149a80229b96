export { checkDashboard, GRID_COLUMNS } from "./check-dashboard.ts";
export { checkReport, type ReportIssue } from "./check-report.ts";
export {
  type CompiledDimension,
  type CompiledReport,
  compileReport,
  MAX_REPORT_ROWS,
  type ReportRequest,
} from "./compile-report.ts";
export { decodeReport, drillWheres, type Language } from "./decode-report.ts";
export { bucketEnd, drillEntities } from "./drill-where.ts";
export { FULL_ACCESS, type ReportAccess, ReportRefusal } from "./report-access.ts";
export { reportColumns } from "./report-columns.ts";
export {
  type DatasetEntity,
  type DatasetField,
  type DatasetModel,
  datasetModel,
} from "./report-dataset.ts";
export {
  coerceParameter,
  defaultValue,
  type ParameterProblem,
  relativeDate,
  resolveParameters,
} from "./report-parameters.ts";
export { resolveReportPath } from "./report-paths.ts";
export { REPORT_ROOT, reportRefs, withReportValues } from "./report-variables.ts";
export type * from "./types.ts";
export { BUCKETS } from "./types.ts";
export { WORKFLOW_TASKS, WORKFLOW_TASKS_ENTITY } from "./workflow-tasks-dataset.ts";
