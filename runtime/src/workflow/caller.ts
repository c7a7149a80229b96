import type { Reader } from "../access/reader.ts";
import type { SqlPart } from "../api/keyset.ts";
import type { WorkflowActor } from "./take-action.ts";

/** The caller's read scope on an entity: undefined every row, null none (no read grant). */
export function readScopeOf(reader: Reader, entity: string): SqlPart | undefined | null {
  return reader.view.permissions.entity(entity).scopes.read === null
    ? null
    : reader.scope(entity, "read");
}

/** The caller as a workflow actor: their roles, grants, `$user` and read scope. */
export function actorOf(reader: Reader, entity: string): WorkflowActor {
  const permissions = reader.view.permissions;
  return {
    username: reader.principal.username,
    roles: reader.principal.roles,
    administrator: permissions.administrator,
    granted: permissions.entity(entity).workflowActions,
    user: reader.user,
    readScope: readScopeOf(reader, entity),
  };
}
