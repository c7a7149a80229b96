import type { FieldDef, FieldOverride } from "@loom/engine";
import { type DesignContext, isObject, readComponents } from "./design-context.ts";
import { asField, draftExtensionFile, extensionsOf, findEntity } from "./entity-catalog.ts";

/**
 * One field of an entity as the designer shows it. `own`: defined in the draft's package (the
 * entity's own file, or the draft's extension of a base entity): every property can change.
 * `base`: defined in a package the draft builds on: only what an extension's `fieldOverrides`
 * accepts can change, and the draft's overrides are already applied to `field`.
 */
export interface FieldRow {
  readonly field: FieldDef;
  readonly origin: "own" | "base";
  /** the package defining it */
  readonly package: string;
  readonly file: string;
  /** JSON pointer of its definition in `file` */
  readonly pointer: string;
  /** its index in that file's `fields`, and how many fields that array holds */
  readonly index: number;
  readonly siblings: number;
  /** base fields: where the draft overrides them (`/fieldOverrides/<name>` of its extension) */
  readonly override?: { readonly file: string; readonly pointer: string };
  /** base fields: the properties the draft overrides */
  readonly overridden: readonly (keyof FieldOverride)[];
}

/** The entity's fields in the order the app shows them: its own, then each extension's. */
export function fieldRows(ctx: DesignContext, entity: string): FieldRow[] {
  const found = findEntity(ctx, entity);
  if (!found) return [];
  const rows: FieldRow[] = [];
  const add = (
    fields: readonly unknown[],
    origin: FieldRow["origin"],
    pkg: string,
    file: string,
  ) => {
    fields.forEach((value, index) => {
      const field = asField(value);
      if (field)
        rows.push({
          field,
          origin,
          package: pkg,
          file,
          pointer: `/fields/${index}`,
          index,
          siblings: fields.length,
          overridden: [],
        });
    });
  };
  add(found.fields, found.own ? "own" : "base", found.package, found.file);
  if (found.own) return rows;
  for (const pkg of ctx.bases)
    for (const extension of extensionsOf(pkg.components, entity))
      add(extension.fields, "base", pkg.name, extension.file);
  const draftComponents = readComponents(ctx.draft.files);
  for (const extension of extensionsOf(draftComponents, entity))
    add(extension.fields, "own", ctx.draft.name, extension.file);
  return withOverrides(ctx, entity, rows);
}

/** The base rows with the draft extension's `fieldOverrides` applied. */
function withOverrides(ctx: DesignContext, entity: string, rows: FieldRow[]): FieldRow[] {
  const file = draftExtensionFile(ctx, entity);
  const extension = extensionsOf(readComponents(ctx.draft.files), entity)[0];
  const overrides = isObject(extension?.value.fieldOverrides) ? extension.value.fieldOverrides : {};
  return rows.map((row) => {
    if (row.origin === "own") return row;
    const name = row.field.name;
    const override = overrides[name];
    const pointer = `/fieldOverrides/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    if (!isObject(override)) return { ...row, override: { file, pointer } };
    return {
      ...row,
      field: { ...row.field, ...(override as FieldOverride) },
      override: { file, pointer },
      overridden: Object.keys(override) as (keyof FieldOverride)[],
    };
  });
}
