import {
  type BasePackage,
  type Component,
  type DesignContext,
  readComponents,
} from "../draft/design-context.ts";
import { type EntityEntry, entityCatalog } from "../draft/entity-catalog.ts";

/**
 * Where the form of an entity comes from, and so where an edit of it goes. The engine lets a
 * customization package replace the form of a package it depends on with its own file for the
 * same entity (engine/src/ui/collect-ui.ts): so a base package's form is never edited in place,
 * its first edit copies it into the draft's `forms/<entity>.json`, which replaces it from then
 * on. A base upgrade then keeps the consultant's layout, and the fields it adds later appear in
 * the compiled form's "Other Fields" (fields a form does not place are never lost).
 */
export type FormSource =
  /** the draft's own file; `replaces`: the base package's form it stands in for */
  | { readonly kind: "draft"; readonly file: string; readonly replaces?: BaseForm }
  /** a base package's file: read-only, copied into the draft by the first edit */
  | ({ readonly kind: "base" } & BaseForm)
  /** no file anywhere: the engine's default (one section holding every field) */
  | { readonly kind: "default" };

export interface BaseForm {
  readonly package: string;
  readonly file: string;
}

export interface FormInEffect {
  readonly source: FormSource;
  /** the form file's parsed JSON; undefined for the default form */
  readonly value: Readonly<Record<string, unknown>> | undefined;
}

/** The entities a form lays out: every entity but the child ones (their lines are a table's). */
export function formEntities(ctx: DesignContext): EntityEntry[] {
  const children = new Set(
    [readComponents(ctx.draft.files), ...ctx.bases.map((pkg) => pkg.components)]
      .flat()
      .filter(({ value }) => value.kind === "entity" && value.type === "child")
      .map(({ value }) => value.name),
  );
  return entityCatalog(ctx).filter((entity) => !children.has(entity.name));
}

/** The form of `entity` the app would show: the draft's, else the last base package's, else none. */
export function formInEffect(ctx: DesignContext, entity: string): FormInEffect {
  const own = formOf(readComponents(ctx.draft.files), entity);
  const base = baseForm(ctx.bases, entity);
  const replaces = base && { package: base.package, file: base.component.file };
  if (own)
    return {
      source: { kind: "draft", file: own.file, ...(replaces && { replaces }) },
      value: own.value,
    };
  if (base) return { source: { kind: "base", ...replaces! }, value: base.component.value };
  return { source: { kind: "default" }, value: undefined };
}

/** The draft's file of the entity's form: the one it has, else `forms/<entity>.json`. */
export function draftFormFile(ctx: DesignContext, entity: string): string {
  return formOf(readComponents(ctx.draft.files), entity)?.file ?? `forms/${entity}.json`;
}

function formOf(components: readonly Component[], entity: string): Component | undefined {
  return components.find(({ value }) => value.kind === "form" && value.entity === entity);
}

/**
 * The form a base package gives the entity. Of several, a customization package's wins over a
 * base package's, as it replaces it in the engine; among equals the one listed last.
 */
function baseForm(
  bases: readonly BasePackage[],
  entity: string,
): { package: string; component: Component } | undefined {
  const rank = (pkg: BasePackage) => (pkg.layer === "customization" ? 1 : 0);
  let found: { package: string; component: Component; rank: number } | undefined;
  for (const pkg of bases) {
    const component = formOf(pkg.components, entity);
    if (component && (!found || rank(pkg) >= found.rank))
      found = { package: pkg.name, component, rank: rank(pkg) };
  }
  return found && { package: found.package, component: found.component };
}
