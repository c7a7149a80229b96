/** Who a request acts for, once authenticated (session cookie or bearer token). */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  /**
   * The roles the request acts with: the user's roles, narrowed to a token's roles when the
   * request came with an API token scoped to some of them.
   */
  readonly roles: readonly string[];
  /** the user's attributes (department, manager, any custom one), read by `$user.*` */
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly via: "session" | "token";
}

/**
 * What expressions see as `$user`: the attributes, then `id`, `username` and `roles`, which an
 * attribute of the same name cannot override.
 */
export function userContext(principal: Principal): Readonly<Record<string, unknown>> {
  return {
    ...principal.attributes,
    id: principal.userId,
    username: principal.username,
    roles: principal.roles,
  };
}
