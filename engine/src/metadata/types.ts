import type { EntityAction } from "../permissions/types.ts";
import type { DashboardDef, ReportDef } from "../reports/types.ts";
import type { FormDef, MenuDef, ViewDef } from "../ui/types.ts";
import type { WorkflowDef } from "../workflow/types.ts";

/**
 * Metadata as consultants write it: one JSON file per component in a package folder.
 * These types mirror `schemas/*.schema.json`; the schemas are what is enforced (ajv), these
 * types are what the engine reads after validation.
 */

/** A JSON-logic expression (json-logic.com) as stored in metadata. */
export type JsonLogic =
  | null
  | boolean
  | number
  | string
  | JsonLogic[]
  | { [op: string]: JsonLogic };

/** Labels in every language the product ships; `en` is always present. */
export interface Labels {
  en: string;
  "zh-CN"?: string;
}

export type Layer = "base" | "customization";

export interface PackageManifest {
  kind: "package";
  name: string;
  version: string;
  layer: Layer;
  labels: Labels;
  description?: Labels;
  /** package name → semver range */
  dependsOn?: Record<string, string>;
  /** the package format it was written in (absent: 1) */
  formatVersion?: number;
  /** per-environment values, by name (unique across installed packages) */
  parameters?: Record<string, ParameterDef>;
  /** written by `loom export`: package-relative path → `sha256:<hex>` of the file's bytes */
  checksums?: Record<string, string>;
}

export type ParameterType = "text" | "integer" | "decimal" | "boolean" | "url" | "email";
export type ParameterValue = string | number | boolean;

export interface ParameterDef {
  type: ParameterType;
  labels: Labels;
  description?: Labels;
  default?: ParameterValue;
  secret?: boolean;
}

export type FieldType =
  | "text"
  | "longtext"
  | "integer"
  | "decimal"
  | "money"
  | "percent"
  | "boolean"
  | "date"
  | "datetime"
  | "select"
  | "multiselect"
  | "email"
  | "phone"
  | "url"
  | "json"
  | "link"
  | "table";

export interface SelectOption {
  value: string;
  labels: Labels;
}

export interface FieldDef {
  name: string;
  type: FieldType;
  labels: Labels;
  help?: Labels;
  required?: boolean;
  unique?: boolean;
  /** a constant; becomes the column default so adding the field never rewrites the table */
  default?: unknown;
  /** a json-logic default computed when a record is created, e.g. `{ "today": [] }` */
  defaultExpr?: JsonLogic;
  readOnly?: boolean;
  computed?: JsonLogic;
  visibleIf?: JsonLogic;
  requiredIf?: JsonLogic;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** decimal only: total digits and digits after the point */
  precision?: number;
  scale?: number;
  options?: SelectOption[];
  /** link / table: the entity referred to (for table: the child entity holding the lines) */
  target?: string;
  /** link only: what happens to this record when the target is deleted */
  onDelete?: "restrict" | "set-null";
  /** the field's previous name: the planner renames the column instead of dropping it */
  renamedFrom?: string;
}

export type EntityType = "normal" | "single" | "tree" | "child";

export interface NamingSeries {
  /** a text field of this entity that receives the number */
  field: string;
  /** e.g. `SO-{YYYY}-{#####}`: {YYYY} {YY} {MM} {DD} date parts, {###…} the zero-padded counter */
  pattern: string;
}

export interface ValidationRule {
  name: string;
  /** must evaluate truthy for the record to be saved */
  assert: JsonLogic;
  message: Labels;
}

export interface IndexDef {
  name?: string;
  fields: string[];
  unique?: boolean;
}

/**
 * A submittable entity's records are documents: draft → submitted → cancelled, and `amend` copies
 * a cancelled one into a new draft. The compiled entity gets the lifecycle fields (LIFECYCLE_FIELDS).
 */
export interface SubmittableDef {
  /** the fields users may still change after submit; absent: none */
  editableAfterSubmit?: string[];
}

export interface EntityDef {
  kind: "entity";
  name: string;
  type?: EntityType;
  labels: Labels;
  description?: Labels;
  titleField?: string;
  namingSeries?: NamingSeries;
  trackChanges?: boolean;
  submittable?: SubmittableDef;
  renamedFrom?: string;
  fields: FieldDef[];
  rules?: ValidationRule[];
  indexes?: IndexDef[];
}

/** Properties of a base field a customization may change (never its name or type). */
export type FieldOverride = Partial<
  Pick<
    FieldDef,
    | "labels"
    | "help"
    | "required"
    | "default"
    | "defaultExpr"
    | "readOnly"
    | "computed"
    | "visibleIf"
    | "requiredIf"
    | "min"
    | "max"
    | "minLength"
    | "maxLength"
    | "pattern"
    | "options"
  >
>;

/** A customization package's change to an entity of a package it depends on. */
export interface EntityExtensionDef {
  kind: "entity-extension";
  /** the entity being extended */
  entity: string;
  labels?: Labels;
  description?: Labels;
  titleField?: string;
  namingSeries?: NamingSeries;
  trackChanges?: boolean;
  /** makes the entity submittable, or replaces its setting as a whole */
  submittable?: SubmittableDef;
  fields?: FieldDef[];
  fieldOverrides?: Record<string, FieldOverride>;
  rules?: ValidationRule[];
  indexes?: IndexDef[];
}

/** One grant of a role file (see `schemas/role.schema.json`). */
export interface GrantDef {
  entity: string;
  actions: EntityAction[];
  where?: JsonLogic;
  hiddenFields?: string[];
  readOnlyFields?: string[];
  workflowActions?: string[];
}

/** A role as written: a whole document, never extended by another package. */
export interface RoleDef {
  kind: "role";
  name: string;
  labels: Labels;
  description?: Labels;
  administrator?: boolean;
  /** may open the designer, edit the draft and publish it */
  designer?: boolean;
  /** absent: none (an administrator role needs none) */
  grants?: GrantDef[];
}

/**
 * What an import does with reference rows that already exist (see `schemas/data.schema.json`):
 * `always` writes the package's values, `create-only` only creates missing rows, `never` writes a
 * row the first time the package brings it and never again.
 */
export type DataPolicy = "always" | "create-only" | "never";

/** A reference-data row as written: field → value, a link holding the linked row's natural key. */
export type DataRow = Record<string, unknown>;

/** Reference data a package brings: rows of one entity, found by their natural key. */
export interface DataDef {
  kind: "data";
  entity: string;
  /** the fields whose values find a row: one unique field, or the fields of a unique index */
  key: string[];
  policy: DataPolicy;
  rows: DataRow[];
}

export type ComponentDef =
  | EntityDef
  | EntityExtensionDef
  | RoleDef
  | WorkflowDef
  | FormDef
  | ViewDef
  | MenuDef
  | DataDef
  | ReportDef
  | DashboardDef;
export type ComponentKind = ComponentDef["kind"];

/** A package as loaded: the manifest plus its components, each remembering its file. */
export interface LoadedPackage {
  manifest: PackageManifest;
  components: LoadedComponent[];
  /** file path (relative to the package folder) → original text, kept so errors can show line/column */
  files: Record<string, string>;
}

export interface LoadedComponent {
  file: string;
  def: ComponentDef;
}
