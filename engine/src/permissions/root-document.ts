/** Where a child entity's lines live: the entity and the table field of its owner. */
export type OwnerOf = (entity: string) => { entity: string; field: string } | undefined;

/**
 * The document whose lines a child entity holds, through nested tables, and the table-field path
 * from the document to them (`["lines"]`); an entity that is no child is its own document.
 */
export function rootDocument(entity: string, ownerOf: OwnerOf): { entity: string; path: string[] } {
  const path: string[] = [];
  const seen = new Set<string>();
  let current = entity;
  for (let owner = ownerOf(current); owner && !seen.has(current); owner = ownerOf(current)) {
    seen.add(current);
    path.unshift(owner.field);
    current = owner.entity;
  }
  return { entity: current, path };
}
