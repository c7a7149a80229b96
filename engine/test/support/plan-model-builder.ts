import type { FieldType } from "../../src/metadata/types.ts";
import type { AppModel, Entity, Field, Origin } from "../../src/model/app-model.ts";

/** A tiny builder of compiled models for planner tests (independent of the compiler). */
const ORIGIN: Origin = { package: "test", file: "test.json" };

export function field(name: string, type: FieldType, extra: Partial<Field> = {}): Field {
  return {
    name,
    type,
    labels: { en: name },
    required: false,
    unique: false,
    readOnly: false,
    ...(type === "table" ? {} : { column: name }),
    origin: ORIGIN,
    ...extra,
  };
}

export function entity(
  name: string,
  fields: readonly Field[],
  extra: Partial<Entity> = {},
): Entity {
  return {
    name,
    type: "normal",
    labels: { en: name },
    titleField: "id",
    trackChanges: false,
    table: name,
    fields,
    rules: [],
    indexes: [],
    origin: ORIGIN,
    ...extra,
  };
}

/** A child entity whose lines belong to `owner` through its `table` field `ownerField`. */
export function child(
  name: string,
  owner: string,
  ownerField: string,
  fields: readonly Field[],
): Entity {
  return entity(name, fields, { type: "child", parent: { entity: owner, field: ownerField } });
}

export function model(...entities: readonly Entity[]): AppModel {
  const sorted = [...entities].sort((a, b) => a.name.localeCompare(b.name));
  return {
    packages: [],
    entities: Object.fromEntries(sorted.map((item) => [item.name, item])),
    roles: {},
    workflows: {},
    forms: {},
    views: {},
    menu: { modules: [] },
  };
}
