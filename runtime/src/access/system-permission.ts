import { type AppModel, compilePermissions, EMPTY_MODEL } from "@loom/engine";
import type { Request } from "express";
import { HttpError } from "../server/http-error.ts";

/** The permissions that are not about records: the system's own operations. */
export type SystemPermission = "administrator" | "designer";

const HOLDERS: Readonly<Record<SystemPermission, string>> = {
  administrator: "the administrator role",
  designer: "a designer role (or the administrator role)",
};

/**
 * Refuses, with 403 naming the permission, a request whose roles in `model` do not hold it: the
 * system's own operations (publishing, the trash, metrics, other users) are administrators';
 * the designer's draft is designers' too.
 */
export function requireSystemPermission(
  req: Request,
  model: AppModel | null,
  permission: SystemPermission,
  operation: string,
): void {
  const principal = req.principal;
  if (!principal) throw new HttpError(401, "unauthenticated", "sign in first");
  // before anything is published there is no model, yet the built-in admin role must work
  if (compilePermissions(model ?? EMPTY_MODEL, principal.roles)[permission]) return;
  throw new HttpError(403, "forbidden", `${operation} needs ${HOLDERS[permission]}`, [], {
    permission,
  });
}

export function requireAdministrator(
  req: Request,
  model: AppModel | null,
  operation: string,
): void {
  requireSystemPermission(req, model, "administrator", operation);
}
