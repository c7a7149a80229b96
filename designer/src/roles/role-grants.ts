import { ENTITY_ACTIONS, type EntityAction, type JsonLogic } from "@loom/engine";
import { isObject } from "../draft/design-context.ts";
import type { GrantTarget } from "./role-targets.ts";

/** The lists of field paths and action names a grant holds beside its actions. */
export const GRANT_LISTS = ["hiddenFields", "readOnlyFields", "workflowActions"] as const;
export type GrantList = (typeof GRANT_LISTS)[number];

/**
 * One grant as the matrix reads it, at its index in the role's `grants`. What is not of the
 * expected type reads as empty here; edits touch only the items they change, so nothing else of
 * the grant is lost, and the engine reports what is wrong.
 */
export interface GrantView {
  readonly index: number;
  /** "" when the grant names no entity */
  readonly entity: string;
  readonly actions: readonly string[];
  readonly where: JsonLogic | undefined;
  readonly hiddenFields: readonly string[];
  readonly readOnlyFields: readonly string[];
  readonly workflowActions: readonly string[];
}

/** A row of the matrix: an entity and its grants (several: a sub-row each; none: one empty). */
export interface MatrixRow {
  readonly entity: string;
  /** undefined: a grant names an entity that is no document of the draft (the engine says why) */
  readonly target: GrantTarget | undefined;
  readonly grants: readonly GrantView[];
}

export function readGrant(value: unknown, index: number): GrantView {
  const grant = isObject(value) ? value : {};
  const strings = (key: string) =>
    Array.isArray(grant[key])
      ? (grant[key] as unknown[]).filter((item): item is string => typeof item === "string")
      : [];
  return {
    index,
    entity: typeof grant.entity === "string" ? grant.entity : "",
    actions: strings("actions"),
    where: grant.where as JsonLogic | undefined,
    hiddenFields: strings("hiddenFields"),
    readOnlyFields: strings("readOnlyFields"),
    workflowActions: strings("workflowActions"),
  };
}

/**
 * A row per document entity, in the targets' order, holding the role's grants of it; then a row
 * for each other entity a grant names, so no grant is out of sight.
 */
export function matrixRows(
  targets: readonly GrantTarget[],
  grants: readonly unknown[],
): MatrixRow[] {
  const views = grants.map(readGrant);
  const known = new Set(targets.map((target) => target.name));
  const rows: MatrixRow[] = targets.map((target) => ({
    entity: target.name,
    target,
    grants: views.filter((grant) => grant.entity === target.name),
  }));
  const others = [...new Set(views.map((g) => g.entity).filter((e) => !known.has(e)))];
  for (const entity of others)
    rows.push({
      entity,
      target: undefined,
      grants: views.filter((grant) => grant.entity === entity),
    });
  return rows;
}

export function isEntityAction(value: string): value is EntityAction {
  return (ENTITY_ACTIONS as readonly string[]).includes(value);
}

/**
 * Where `action` goes among the actions as written so they keep the schema's order: read, create,
 * update, delete, export, import, report.
 */
export function actionSlot(actions: readonly unknown[], action: EntityAction): number {
  const rank = ENTITY_ACTIONS.indexOf(action);
  const after = actions.findIndex(
    (other) =>
      typeof other === "string" && isEntityAction(other) && ENTITY_ACTIONS.indexOf(other) > rank,
  );
  return after === -1 ? actions.length : after;
}
