import type { WorkingEntity } from "../layer/working-model.ts";
import type { EntityDef, FieldDef } from "../metadata/types.ts";
import type { Entity, Field, Index } from "../model/app-model.ts";
import { sqlName } from "../model/sql-name.ts";

/** One checked working entity → its immutable compiled form. `owners` maps child entity → owner. */
export function compileEntity(
  entity: WorkingEntity,
  owners: ReadonlyMap<string, { entity: string; field: string }>,
): Entity {
  const { def } = entity;
  const fields: Field[] = entity.fields.map(({ def: field, loc }) => {
    const { required, unique, readOnly, ...rest } = field;
    return {
      ...rest,
      required: required === true,
      unique: unique === true,
      readOnly: isReadOnly(field, def),
      ...(field.type !== "table" && { column: field.name }),
      origin: { package: loc.package, file: loc.file },
    };
  });
  const indexes: Index[] = entity.indexes.map(({ value }) => ({
    name: sqlName("ix", def.name, value.name ?? value.fields.join("_")),
    columns: [...value.fields],
    unique: value.unique === true,
  }));
  const owner = owners.get(def.name);
  return {
    name: def.name,
    type: def.type ?? "normal",
    labels: def.labels,
    ...(def.description && { description: def.description }),
    titleField: def.titleField ?? defaultTitleField(entity),
    ...(def.namingSeries && { namingSeries: def.namingSeries }),
    trackChanges: def.trackChanges === true,
    ...(def.submittable && {
      submittable: { editableAfterSubmit: [...(def.submittable.editableAfterSubmit ?? [])] },
    }),
    ...(def.renamedFrom && { renamedFrom: def.renamedFrom }),
    table: def.name,
    fields,
    rules: entity.rules.map(({ value }) => value),
    indexes,
    ...(owner && { parent: owner }),
    origin: { package: entity.loc.package, file: entity.loc.file },
  };
}

/** A computed field is never typed in; neither is a number the naming series assigns. */
export function isReadOnly(field: FieldDef, entity: Pick<EntityDef, "namingSeries">): boolean {
  return (
    field.readOnly === true ||
    field.computed !== undefined ||
    entity.namingSeries?.field === field.name
  );
}

function defaultTitleField(entity: WorkingEntity): string {
  if (entity.def.namingSeries) return entity.def.namingSeries.field;
  return entity.fields.find((f) => f.def.type === "text")?.def.name ?? "id";
}
