import type { FieldDef, Labels } from "@loom/engine";
import { type Component, type DesignContext, isObject, readComponents } from "./design-context.ts";

/** An entity the designer lists: where it is defined, and whether the draft's package owns it. */
export interface EntityEntry {
  readonly name: string;
  readonly labels: Labels | null;
  readonly package: string;
  /** defined in the draft's package: edited in its own file */
  readonly own: boolean;
  readonly file: string;
  /** its `fields` as written (entries that are not objects stay, so indexes match the file) */
  readonly fields: readonly unknown[];
}

/** Every entity of the draft and the packages it builds on: the draft's own first, by name. */
export function entityCatalog(ctx: DesignContext): EntityEntry[] {
  const own = readComponents(ctx.draft.files).flatMap((c) => entry(c, ctx.draft.name, true));
  const bases = ctx.bases.flatMap((pkg) =>
    pkg.components.flatMap((c) => entry(c, pkg.name, false)),
  );
  const byName = (a: EntityEntry, b: EntityEntry) => a.name.localeCompare(b.name);
  return [...own.sort(byName), ...bases.sort(byName)];
}

export function findEntity(ctx: DesignContext, name: string): EntityEntry | undefined {
  return entityCatalog(ctx).find((entity) => entity.name === name);
}

function entry(component: Component, pkg: string, own: boolean): EntityEntry[] {
  const { value, file } = component;
  if (value.kind !== "entity" || typeof value.name !== "string") return [];
  return [
    {
      name: value.name,
      labels: isObject(value.labels) ? (value.labels as unknown as Labels) : null,
      package: pkg,
      own,
      file,
      fields: Array.isArray(value.fields) ? value.fields : [],
    },
  ];
}

/** The extensions of `entity` among the components, each with its file. */
export function extensionsOf(
  components: readonly Component[],
  entity: string,
): Array<Component & { readonly fields: readonly unknown[] }> {
  return components
    .filter(({ value }) => value.kind === "entity-extension" && value.entity === entity)
    .map((component) => ({
      ...component,
      fields: Array.isArray(component.value.fields) ? component.value.fields : [],
    }));
}

/**
 * Where the draft extends a base entity: its existing extension file, else the conventional
 * `extensions/<entity>.json` (created by the first edit that needs it).
 */
export function draftExtensionFile(ctx: DesignContext, entity: string): string {
  return (
    extensionsOf(readComponents(ctx.draft.files), entity)[0]?.file ?? `extensions/${entity}.json`
  );
}

/** A field definition as read: the object, when it is one with a name. */
export function asField(value: unknown): FieldDef | undefined {
  return isObject(value) && typeof value.name === "string"
    ? (value as unknown as FieldDef)
    : undefined;
}

/** The entity a file of `pkg` defines or extends, to lead from a problem to its entity. */
export function entityOfFile(ctx: DesignContext, pkg: string, file: string): string | undefined {
  const components =
    pkg === ctx.draft.name
      ? readComponents(ctx.draft.files)
      : ctx.bases.find((base) => base.name === pkg)?.components;
  const value = components?.find((component) => component.file === file)?.value;
  if (value?.kind === "entity" && typeof value.name === "string") return value.name;
  if (value?.kind === "entity-extension" && typeof value.entity === "string") return value.entity;
  return undefined;
}
