import type {
  EntityType,
  FieldDef,
  JsonLogic,
  Labels,
  Layer,
  NamingSeries,
  ParameterType,
  ParameterValue,
  ValidationRule,
} from "../metadata/types.ts";
import type { Role } from "../permissions/types.ts";
import type { Dashboard, Report } from "../reports/types.ts";
import type { Form, Menu, View } from "../ui/types.ts";
import type { Workflow } from "../workflow/types.ts";

/**
 * The compiled application: every package layered and cross-checked. Immutable (deep-frozen by
 * `compileApp`) and JSON-serializable, so a revision stores it as is and the planner diffs two.
 */
export interface AppModel {
  readonly packages: readonly PackageRef[];
  /** entity name → entity, in a stable (alphabetical) order */
  readonly entities: Readonly<Record<string, Entity>>;
  /** role name → role, alphabetical; always holds the built-in `admin` */
  readonly roles: Readonly<Record<string, Role>>;
  /**
   * entity name → the workflow its records follow, alphabetical: the packages' workflows, and the
   * built-in lifecycle (`<entity>_lifecycle`) of each submittable entity that has none
   */
  readonly workflows: Readonly<Record<string, Workflow>>;
  /** document entity → its form: the package's, else the default (every field in one section) */
  readonly forms: Readonly<Record<string, Form>>;
  /**
   * view name → list view, alphabetical: the packages' views, and the default view of every
   * document entity (named after it) that no view file replaces
   */
  readonly views: Readonly<Record<string, View>>;
  /** the packages' menus merged by module id, else one module per package */
  readonly menu: Menu;
  /**
   * parameter name → its declaration (values are the environment's, kept outside the model);
   * absent when no package declares any (models stored before parameters existed have none)
   */
  readonly parameters?: Readonly<Record<string, PackageParameter>>;
  /**
   * report name → report, alphabetical; absent when no package has any (models stored before
   * reports existed keep their checksums)
   */
  readonly reports?: Readonly<Record<string, Report>>;
  /** dashboard name → dashboard, alphabetical; absent when no package has any */
  readonly dashboards?: Readonly<Record<string, Dashboard>>;
}

/** A per-environment value a package declares: `$param.<name>` in expressions, `{ param }` in webhooks. */
export interface PackageParameter {
  /** the package that declares it */
  readonly package: string;
  readonly type: ParameterType;
  readonly labels: Labels;
  readonly description?: Labels;
  readonly default?: ParameterValue;
  readonly secret: boolean;
}

/** The model of no package at all: before anything is published, and what a plan starts from. */
export const EMPTY_MODEL: AppModel = {
  packages: [],
  entities: {},
  roles: {},
  workflows: {},
  forms: {},
  views: {},
  menu: { modules: [] },
};

export interface PackageRef {
  readonly name: string;
  readonly version: string;
  readonly layer: Layer;
  readonly dependsOn: Readonly<Record<string, string>>;
}

export interface Origin {
  readonly package: string;
  readonly file: string;
}

export interface Entity {
  readonly name: string;
  readonly type: EntityType;
  readonly labels: Labels;
  readonly description?: Labels;
  /** a field name; defaults to the naming-series field, else the first text field, else `id` */
  readonly titleField: string;
  readonly namingSeries?: NamingSeries;
  readonly trackChanges: boolean;
  /** present when records are documents; `fields` then ends with the LIFECYCLE_FIELDS */
  readonly submittable?: { readonly editableAfterSubmit: readonly string[] };
  readonly renamedFrom?: string;
  /** SQL table name inside DATA_SCHEMA (unquoted, already a validated identifier) */
  readonly table: string;
  /**
   * user fields in display order, `table` fields included (they have no column); a submittable
   * entity's lifecycle fields come last
   */
  readonly fields: readonly Field[];
  readonly rules: readonly ValidationRule[];
  readonly indexes: readonly Index[];
  /** child entities only: the owning entity and its `table` field */
  readonly parent?: { readonly entity: string; readonly field: string };
  readonly origin: Origin;
}

export interface Field extends Omit<FieldDef, "required" | "unique" | "readOnly"> {
  readonly required: boolean;
  readonly unique: boolean;
  readonly readOnly: boolean;
  /** SQL column name; absent for `table` fields, whose lines live in the child entity's table */
  readonly column?: string;
  readonly origin: Origin;
}

export interface Index {
  /** SQL index name, unique within the schema */
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
}

/** Postgres schema holding entity tables; system tables live in SYSTEM_SCHEMA. */
export const DATA_SCHEMA = "app";
export const SYSTEM_SCHEMA = "loom_sys";

/** Columns every entity table has; their names are reserved for user fields. */
export const SYSTEM_COLUMNS = [
  "id",
  "version",
  "created_at",
  "created_by",
  "updated_at",
  "updated_by",
] as const;
/** Extra columns of child entities (`parent_id`, `line_no`) and tree entities (`parent_id`). */
export const CHILD_COLUMNS = ["parent_id", "line_no"] as const;
export const TREE_COLUMNS = ["parent_id"] as const;
/**
 * The read-only fields a submittable entity gets: `docstatus` (select draft / submitted /
 * cancelled, set by the runtime from the workflow) and `amended_from` (a link to the cancelled
 * record a draft was amended from). Reserved for every entity, so making one submittable later
 * never collides with a field.
 */
export const LIFECYCLE_FIELDS = ["docstatus", "amended_from"] as const;

export type { JsonLogic };
