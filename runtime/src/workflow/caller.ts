import type { Reader } from "../access/reader.ts";
import type { WorkflowActor } from "./take-action.ts";

/** The caller as a workflow actor: their roles, grants, `$user` and read scope. */
export function actorOf(reader: Reader, entity: string): WorkflowActor {
  const permissions = reader.view.permissions;
  return {
    username: reader.principal.username,
    roles: reader.principal.roles,
    administrator: permissions.administrator,
    granted: permissions.entity(entity).workflowActions,
    user: reader.user,
    readScope: reader.readScope(entity),
  };
}
