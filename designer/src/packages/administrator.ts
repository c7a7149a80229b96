import { useReady } from "@loom/app/session";
import { compilePermissions } from "@loom/engine";
import { useMemo } from "react";

/**
 * Whether the signed-in user's roles make them an administrator, read as the server reads them
 * (the roles /api/meta gives, and the built-in admin): packages are administrators' only, so
 * others get neither the page's link nor its page. The server refuses them anyway (403).
 */
export function useAdministrator(): boolean {
  const { user, model } = useReady();
  return useMemo(() => compilePermissions(model, user.roles).administrator, [model, user.roles]);
}
