import type { JsonLogic, Labels } from "../metadata/types.ts";
import type { Origin } from "../model/app-model.ts";

/** What a role may grant on an entity. Workflow actions are granted separately (by name). */
export const ENTITY_ACTIONS = [
  "read",
  "create",
  "update",
  "delete",
  "export",
  "import",
  "report",
] as const;
export type EntityAction = (typeof ENTITY_ACTIONS)[number];

/** A role as compiled into the AppModel (`AppModel.roles[name]`). */
export interface Role {
  readonly name: string;
  readonly labels: Labels;
  readonly description?: Labels;
  /**
   * Every action on every entity, every field, and the system's own operations (publish, users
   * and tokens of others, trash, metrics). The only way to reach those operations.
   */
  readonly administrator: boolean;
  /**
   * May open the designer, edit the draft revision of the metadata and publish it (an
   * administrator may too). Absent in models stored before the designer existed.
   */
  readonly designer?: boolean;
  readonly grants: readonly Grant[];
  readonly origin: Origin;
}

/** One grant of a role: actions on a document entity, for the rows of `where`. */
export interface Grant {
  /** a document entity (not a child entity: lines are read and written with their document) */
  readonly entity: string;
  readonly actions: readonly EntityAction[];
  /** the row scope of these actions: json-logic over the record and `$user`; absent: every row */
  readonly where?: JsonLogic;
  /** field paths this grant does not show: `margin`, `lines.unit_price` (a line field) */
  readonly hiddenFields: readonly string[];
  /** field paths this grant shows but does not let write */
  readonly readOnlyFields: readonly string[];
  /** workflow actions (by name) this grant allows on the entity's records */
  readonly workflowActions: readonly string[];
}

/** The rows an action may touch: all of them, or those matching `where` (json-logic). */
export type RowScope = { readonly all: true } | { readonly where: JsonLogic };

/**
 * What a set of roles allows on one document entity: the union of its grants. An action's scope
 * is every row if one grant has no `where`, else the `or` of the grants' `where`s; null when no
 * grant gives the action. A field is hidden when every read grant hides it; a field is not
 * writable by an action when every grant giving that action hides it or makes it read-only.
 */
export interface EntityPermissions {
  readonly entity: string;
  readonly scopes: Readonly<Record<EntityAction, RowScope | null>>;
  /** field paths (`margin`, `lines.unit_price`) the roles may not read */
  readonly hidden: ReadonlySet<string>;
  /** field paths each write action may not set */
  readonly notWritable: Readonly<Record<"create" | "update", ReadonlySet<string>>>;
  readonly workflowActions: ReadonlySet<string>;
}

/** The permissions of a set of roles in one model, compiled once per (model, role set). */
export interface Permissions {
  readonly roles: readonly string[];
  readonly administrator: boolean;
  /** may design and publish metadata: an administrator, or a role marked `designer` */
  readonly designer: boolean;
  /**
   * The permissions on a document entity; for a child entity, those of the document it belongs
   * to (lines have no permissions of their own). Unknown entity: nothing allowed.
   */
  entity(name: string): EntityPermissions;
}
