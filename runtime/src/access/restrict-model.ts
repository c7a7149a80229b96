import type { AppModel, Entity, Permissions } from "@loom/engine";

/**
 * The model as a set of roles sees it: the fields they may not read are gone from every entity
 * (a line field `lines.unit_price` from the line entity). Reads are compiled from this model, so
 * no path of the API — selection, `where`, `sort`, `expand`, lines, the meta document — can name
 * a hidden field: it answers as for a field that does not exist, which tells nothing of its value.
 */
export function restrictModel(model: AppModel, permissions: Permissions): AppModel {
  if (permissions.administrator) return model;
  const entities: Record<string, Entity> = {};
  for (const [name, entity] of Object.entries(model.entities)) {
    const hidden = permissions.entity(name).hidden;
    const prefix = pathInDocument(model, entity);
    const fields = entity.fields.filter((field) => !hidden.has(`${prefix}${field.name}`));
    entities[name] = fields.length === entity.fields.length ? entity : { ...entity, fields };
  }
  return { ...model, entities };
}

/** How a document's permissions name this entity's fields: `` for a document, `lines.` for its lines. */
function pathInDocument(model: AppModel, entity: Entity): string {
  let prefix = "";
  for (let at = entity; at.parent; at = model.entities[at.parent.entity]!)
    prefix = `${at.parent.field}.${prefix}`;
  return prefix;
}
