import type { JsonLogic } from "../metadata/types.ts";
import type { AppModel } from "../model/app-model.ts";
import { ADMIN_ROLE } from "./admin-role.ts";
import { coveredByAll } from "./field-paths.ts";
import { rootDocument } from "./root-document.ts";
import {
  ENTITY_ACTIONS,
  type EntityAction,
  type EntityPermissions,
  type Grant,
  type Permissions,
  type Role,
  type RowScope,
} from "./types.ts";

const WRITE_ACTIONS = ["create", "update"] as const;
const EMPTY: ReadonlySet<string> = new Set();

/**
 * The union of the named roles' grants in `model` (semantics on `EntityPermissions`). Names the
 * model does not define grant nothing. Roles are taken in name order, so the result does not
 * depend on the order they are given in. Entities are compiled on first use, then kept.
 */
export function compilePermissions(model: AppModel, roleNames: readonly string[]): Permissions {
  // the built-in admin also where a model has no roles: revisions stored before roles existed
  const defined: Readonly<Record<string, Role>> = { ...model.roles, [ADMIN_ROLE.name]: ADMIN_ROLE };
  const roles = [...new Set(roleNames)]
    .filter((name) => Object.hasOwn(defined, name))
    .sort()
    .map((name) => defined[name]!);
  const administrator = roles.some((role) => role.administrator);
  const designer = administrator || roles.some((role) => role.designer === true);
  const cache = new Map<string, EntityPermissions>();
  return {
    roles: roles.map((role) => role.name),
    administrator,
    designer,
    entity(name: string): EntityPermissions {
      const document = Object.hasOwn(model.entities, name)
        ? rootDocument(name, (child) => model.entities[child]?.parent).entity
        : undefined;
      if (document === undefined) return nothingAllowed(name);
      let found = cache.get(document);
      if (!found) {
        found = administrator ? everythingAllowed(document) : unionOf(document, roles);
        cache.set(document, found);
      }
      return found;
    },
  };
}

function unionOf(entity: string, roles: readonly Role[]): EntityPermissions {
  const grants = roles.flatMap((role) => role.grants.filter((grant) => grant.entity === entity));
  const giving = (action: EntityAction): Grant[] =>
    grants.filter((grant) => grant.actions.includes(action));
  const scopes = {} as Record<EntityAction, RowScope | null>;
  for (const action of ENTITY_ACTIONS) scopes[action] = scopeOf(giving(action));
  const notWritable = {} as Record<"create" | "update", ReadonlySet<string>>;
  for (const action of WRITE_ACTIONS)
    notWritable[action] = coveredByAll(
      giving(action).map((grant) => [...grant.hiddenFields, ...grant.readOnlyFields]),
    );
  return {
    entity,
    scopes,
    hidden: coveredByAll(giving("read").map((grant) => grant.hiddenFields)),
    notWritable,
    workflowActions: new Set(grants.flatMap((grant) => grant.workflowActions)),
  };
}

/** Every row once a grant has no `where`; else the `or` of the distinct `where`s. */
function scopeOf(grants: readonly Grant[]): RowScope | null {
  if (grants.length === 0) return null;
  if (grants.some((grant) => grant.where === undefined)) return { all: true };
  const distinct = new Map<string, JsonLogic>();
  for (const grant of grants) distinct.set(JSON.stringify(grant.where), grant.where!);
  const wheres = [...distinct.values()];
  return { where: wheres.length === 1 ? wheres[0]! : { or: wheres } };
}

function everythingAllowed(entity: string): EntityPermissions {
  return permissionsWith(entity, { all: true });
}

function nothingAllowed(entity: string): EntityPermissions {
  return permissionsWith(entity, null);
}

function permissionsWith(entity: string, scope: RowScope | null): EntityPermissions {
  const scopes = {} as Record<EntityAction, RowScope | null>;
  for (const action of ENTITY_ACTIONS) scopes[action] = scope;
  return {
    entity,
    scopes,
    hidden: EMPTY,
    notWritable: { create: EMPTY, update: EMPTY },
    workflowActions: EMPTY,
  };
}
