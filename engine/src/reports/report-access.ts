import { LoomError } from "../errors.ts";
import type { AppModel } from "../model/app-model.ts";
import type { PathStep } from "./report-paths.ts";

/** A condition with `?` placeholders and its values, as the runtime's row scopes come. */
export interface SqlPart {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * What the caller may see, handed to the compiler as data (the runtime's Reader answers it): row
 * scopes are SQL over `alias`, compiled by the runtime with the caller's `$user`.
 */
export interface ReportAccess {
  /** the alias the scope SQL reads the entity's row under (the runtime's ROW_ALIAS) */
  readonly alias: string;
  /**
   * The row scope of an action on a document entity: undefined every row, null not granted.
   * Reports use `report` on the root's document and `read` on every entity a link reaches.
   */
  scope(entity: string, action: "read" | "report"): SqlPart | undefined | null;
  /** field paths of a document entity the caller may not read (`margin`, `lines.unit_price`) */
  hidden(entity: string): ReadonlySet<string>;
}

/** Every entity and field visible: for checks that need no caller (the designer's preview SQL, tests). */
export const FULL_ACCESS: ReportAccess = {
  alias: "r",
  scope: () => undefined,
  hidden: () => new Set(),
};

/** A 403 of a report: `forbidden` (an entity, naming the permission) or `field-hidden` (a path). */
export class ReportRefusal extends LoomError {
  /** forbidden: the missing permission, `<entity>.<action>` */
  readonly permission?: string;
  constructor(
    code: "forbidden" | "field-hidden",
    message: string,
    path: string,
    permission?: string,
  ) {
    super(code, message, [{ code, message, path }]);
    if (permission !== undefined) this.permission = permission;
  }
}

/** A report's 403, with the report pointer of what is refused. */
export function refusal(
  code: "forbidden" | "field-hidden",
  message: string,
  path: string,
  permission?: string,
): ReportRefusal {
  return new ReportRefusal(code, message, path, permission);
}

/**
 * Whether the field of a step is hidden to the caller: a document's own field by its name, a
 * line field by its path from the document (`lines.unit_price`, hidden too when `lines` is).
 */
export function isHidden(model: AppModel, access: ReportAccess, step: PathStep): boolean {
  const entity = model.entities[step.entity.name];
  if (!entity) return false; // $workflow_tasks: nothing of it is hidden
  const path = [step.field.name];
  let current = entity;
  while (current.parent) {
    path.unshift(current.parent.field);
    const owner = model.entities[current.parent.entity];
    if (!owner) break;
    current = owner;
  }
  const hidden = access.hidden(current.name);
  if (hidden.size === 0) return false;
  return path.some((_, i) => hidden.has(path.slice(0, i + 1).join(".")));
}
