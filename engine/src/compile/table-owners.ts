import type { WorkingEntity } from "../layer/working-model.ts";

export type TableOwners = ReadonlyMap<string, { entity: string; field: string }>;

/** child entity → the entity and table field whose lines it holds. */
export function tableOwners(entities: ReadonlyMap<string, WorkingEntity>): TableOwners {
  const owners = new Map<string, { entity: string; field: string }>();
  for (const entity of entities.values()) {
    for (const field of entity.fields) {
      if (field.def.type === "table" && field.def.target)
        owners.set(field.def.target, { entity: entity.def.name, field: field.def.name });
    }
  }
  return owners;
}
