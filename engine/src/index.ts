export { buildOpenApi, type OpenApiOptions } from "./api/build-openapi.ts";
export {
  addRecordSchemaKeywords,
  type JsonSchema,
  type JsonType,
  RECORD_SCHEMA_KEYWORDS,
} from "./api/json-schema.ts";
export type { ListLimits } from "./api/openapi-components.ts";
export type * from "./api/openapi-types.ts";
export { isServerSet, type RecordMode, recordSchema } from "./api/record-schema.ts";
export {
  type UiLayoutSection,
  type UiLayoutTab,
  type UiOptions,
  type UiSchema,
  uiSchema,
} from "./api/ui-schema.ts";
export { parameterValueProblem } from "./compile/collect-parameters.ts";
export { compileApp } from "./compile/compile-app.ts";
export { lifecycleFieldDefs } from "./compile/lifecycle-fields.ts";
export type { DataFile } from "./data/data-files.ts";
export { linkKey, linkKeyValues, rowKey } from "./data/data-keys.ts";
export { type DataLink, dataLinks } from "./data/data-links.ts";
export type { OrderedDataFile } from "./data/data-order.ts";
export { type ReferenceDataPlan, referenceDataPlan } from "./data/reference-data.ts";
export { formatIssue, type Issue, LoomError } from "./errors.ts";
export * from "./expr/index.ts";
export { OPERATORS } from "./expr/operators/registry.ts";
export { SYSTEM_FIELDS } from "./expr/system-fields.ts";
export { diffPackageFiles, type FileChange } from "./load/diff-package-files.ts";
export { joinPointer } from "./load/json-source.ts";
export { MANIFEST_FILE, parsePackage } from "./load/parse-package.ts";
export type * from "./metadata/types.ts";
export * from "./model/app-model.ts";
export { canonicalJson, checksum } from "./model/checksum.ts";
export { quoteIdent, sqlName } from "./model/sql-name.ts";
export { ADMIN_ROLE, ADMIN_ROLE_NAME } from "./permissions/admin-role.ts";
export { compilePermissions } from "./permissions/compile-permissions.ts";
export * from "./permissions/types.ts";
export { CAST_FUNCTIONS_SQL } from "./plan/cast-functions.ts";
export { physicalSchema } from "./plan/physical-schema.ts";
export type * from "./plan/physical-types.ts";
export { planMigration } from "./plan/plan-migration.ts";
export type * from "./plan/types.ts";
export * from "./reports/index.ts";
export type { CompiledUi } from "./ui/compile-ui.ts";
export { defaultUi } from "./ui/default-ui.ts";
export { restrictUi } from "./ui/restrict-ui.ts";
export { type TablePath, tablePaths } from "./ui/table-paths.ts";
export type * from "./ui/types.ts";
export { SEARCHABLE_TYPES, WIDGET_FIELD_TYPES, WIDGETS, type Widget } from "./ui/widgets.ts";
export {
  DOCUMENT_SCHEMAS,
  type DocumentKind,
  validateDocument,
} from "./validate/schema-validators.ts";
export { WORKFLOW_VARIABLES } from "./workflow/binding-scope.ts";
export { parseDuration } from "./workflow/duration.ts";
export { lifecycleWorkflowName } from "./workflow/lifecycle-workflow.ts";
export { AMEND_ACTION, APPROVE_ACTION, isResting, lifecycleOf } from "./workflow/nodes.ts";
export {
  actionEdges,
  actionsAt,
  guardHolds,
  nodeOf,
  type Route,
  type RoutedEffect,
  routeFrom,
} from "./workflow/route.ts";
export type * from "./workflow/types.ts";
