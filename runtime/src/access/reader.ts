import type { AppModel, EntityAction } from "@loom/engine";
import type { Request } from "express";
import type { ReadScopes } from "../api/expand.ts";
import type { SqlPart } from "../api/keyset.ts";
import type { ReadPlans } from "../api/read-plan.ts";
import { type Principal, userContext } from "../auth/principal.ts";
import { HttpError } from "../server/http-error.ts";
import { type AccessView, accessViews } from "./access-view.ts";
import { rowScope } from "./row-scope.ts";

/** What one request may see and do, from its principal's roles and attributes. */
export interface Reader {
  readonly principal: Principal;
  readonly view: AccessView;
  /** the model and read plans without the fields the roles may not read */
  readonly model: AppModel;
  readonly plans: ReadPlans;
  /** `$user` of expressions */
  readonly user: Readonly<Record<string, unknown>>;
  /** an action's row scope on an entity (undefined: every row); 403 when not granted */
  scope(entity: string, action: EntityAction): SqlPart | undefined;
  /** the read scope of an entity, for expanding links into it */
  readonly readScopes: ReadScopes;
  /** the read scope of an entity: undefined every row, null none (no read grant, no 403) */
  readScope(entity: string): SqlPart | undefined | null;
}

/** How many compiled scopes a revision keeps per role set (users × entities × actions). */
const SCOPES_KEPT = 4096;

/**
 * The readers of one revision: a request's reader comes from its principal's role set, whose
 * view is compiled once, and its scopes, compiled once per user and entity from the full model
 * (a scope may read fields its users cannot).
 */
export function readers(fullModel: AppModel, fullPlans: ReadPlans): Readers {
  const views = accessViews(fullModel, fullPlans);
  const scopes = new Map<string, SqlPart | undefined>();
  const forPrincipal = (principal: Principal) => readerOf(principal, views, fullModel, scopes);
  return {
    model: fullModel,
    plans: fullPlans,
    of: (req) => {
      if (!req.principal) throw new HttpError(401, "unauthenticated", "sign in first");
      return forPrincipal(req.principal);
    },
    forPrincipal,
  };
}

/** The readers of a revision, and its full model and plans (for writes and audits). */
export interface Readers {
  readonly model: AppModel;
  readonly plans: ReadPlans;
  of(req: Request): Reader;
  /** the reader of a principal met outside a request (the CLI acting as a user) */
  forPrincipal(principal: Principal): Reader;
}

function readerOf(
  principal: Principal,
  views: (roles: readonly string[]) => AccessView,
  fullModel: AppModel,
  scopes: Map<string, SqlPart | undefined>,
): Reader {
  const view = views(principal.roles);
  const user = userContext(principal);
  const userKey = JSON.stringify(user);
  const scope = (entity: string, action: EntityAction): SqlPart | undefined => {
    const key = `${view.permissions.roles.join(",")}\0${entity}\0${action}\0${userKey}`;
    if (scopes.has(key)) return scopes.get(key);
    const compiled = rowScope(fullModel, view.permissions, entity, action, user);
    if (scopes.size >= SCOPES_KEPT) scopes.clear();
    scopes.set(key, compiled);
    return compiled;
  };
  return {
    principal,
    view,
    model: view.model,
    plans: view.plans,
    user,
    scope,
    readScopes: (entity) => scope(entity, "read"),
    readScope: (entity) =>
      view.permissions.entity(entity).scopes.read === null ? null : scope(entity, "read"),
  };
}
