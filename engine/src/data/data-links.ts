import type { Entity } from "../model/app-model.ts";

/** A field of a data row that names another row by its key: a link, or a tree's `parent_id`. */
export interface DataLink {
  readonly field: string;
  readonly target: string;
}

export function dataLinks(entity: Entity): DataLink[] {
  const links: DataLink[] = entity.fields.flatMap((field) =>
    field.type === "link" && field.target !== undefined
      ? [{ field: field.name, target: field.target }]
      : [],
  );
  if (entity.type === "tree") links.push({ field: "parent_id", target: entity.name });
  return links;
}
