import {
  type AppModel,
  compileFilter,
  DATA_SCHEMA,
  type EntityAction,
  type Permissions,
} from "@loom/engine";
import type { SqlPart } from "../api/keyset.ts";
import { ROW_ALIAS } from "../api/read-plan.ts";
import { HttpError } from "../server/http-error.ts";

/**
 * The rows of `entity` an action may touch, as an SQL condition over ROW_ALIAS with the user's
 * attributes bound as parameters; undefined when every row is in scope. Compiled against the full
 * model: a scope may read fields its users cannot. An action not granted at all is a 403 that
 * names the missing permission.
 */
export function rowScope(
  model: AppModel,
  permissions: Permissions,
  entity: string,
  action: EntityAction,
  user: Readonly<Record<string, unknown>>,
): SqlPart | undefined {
  const scope = permissions.entity(entity).scopes[action];
  if (scope === null)
    throw new HttpError(
      403,
      "forbidden",
      `your roles do not allow ${action} on ${entity} (permission ${entity}.${action})`,
      [],
      { permission: `${entity}.${action}` },
    );
  if ("all" in scope) return undefined;
  return compileFilter(scope.where, {
    model,
    entity,
    alias: ROW_ALIAS,
    schema: DATA_SCHEMA,
    user,
  });
}
