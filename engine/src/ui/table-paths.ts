import type { Entity } from "../model/app-model.ts";

/** A grid of lines a form shows: a table field of the entity or, through its lines, of theirs. */
export interface TablePath {
  /** the table fields from the entity down, dot-joined: `lines`, `lines.schedule` */
  readonly path: string;
  /** the child entity holding the lines */
  readonly child: Entity;
}

/**
 * Every table field of the entity and of its lines, each before the tables of its own lines.
 * A child entity belongs to one table field, so the walk ends.
 */
export function tablePaths(
  entity: Entity,
  entities: Readonly<Record<string, Entity>>,
  prefix = "",
): TablePath[] {
  return entity.fields.flatMap((field) => {
    const child = field.type === "table" && field.target ? entities[field.target] : undefined;
    if (!child) return [];
    const path = `${prefix}${field.name}`;
    return [{ path, child }, ...tablePaths(child, entities, `${path}.`)];
  });
}
