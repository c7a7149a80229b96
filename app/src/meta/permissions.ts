import type { AppModel, EntityAction } from "@loom/engine";

/**
 * What the user's roles allow on an entity, read from the roles /api/meta gives (their own
 * only). The server decides every request; this only keeps the UI from offering what it refuses.
 */
export interface EntityAccess {
  may(action: EntityAction): boolean;
  /** fields the user may not set on update (every grant giving update makes them read-only) */
  readonly readOnly: ReadonlySet<string>;
}

export function accessTo(model: AppModel, roles: readonly string[], entity: string): EntityAccess {
  const held = roles.map((name) => model.roles[name]).filter((role) => role !== undefined);
  if (held.some((role) => role.administrator)) return { may: () => true, readOnly: new Set() };
  const grants = held.flatMap((role) => role.grants.filter((grant) => grant.entity === entity));
  const updating = grants.filter((grant) => grant.actions.includes("update"));
  const readOnly = new Set<string>();
  for (const path of new Set(updating.flatMap((g) => [...g.readOnlyFields, ...g.hiddenFields])))
    if (updating.every((g) => g.readOnlyFields.includes(path) || g.hiddenFields.includes(path)))
      readOnly.add(path);
  return {
    may: (action) => grants.some((grant) => grant.actions.includes(action)),
    readOnly,
  };
}
