import { type AppModel, compilePermissions, EMPTY_MODEL } from "@loom/engine";
import type { Request } from "express";
import { HttpError } from "../server/http-error.ts";

/**
 * Refuses, with 403 naming the permission, a request whose roles are not administrators in
 * `model`: the system's own operations (publishing, the trash, metrics, other users) are theirs.
 */
export function requireAdministrator(
  req: Request,
  model: AppModel | null,
  operation: string,
): void {
  const principal = req.principal;
  if (!principal) throw new HttpError(401, "unauthenticated", "sign in first");
  // before anything is published there is no model, yet the built-in admin role must work
  if (compilePermissions(model ?? EMPTY_MODEL, principal.roles).administrator) return;
  throw new HttpError(403, "forbidden", `${operation} needs the administrator role`, [], {
    permission: "administrator",
  });
}
