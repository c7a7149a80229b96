import type { Knex } from "knex";
import { preparedStatement, runStatement } from "../db/prepared-statement.ts";
import type { Principal } from "./principal.ts";
import { hashSecret, secretKind } from "./secrets.ts";

/** A request's credential, resolved: who it acts for and what the credential itself allows. */
export interface Credential {
  readonly principal: Principal;
  /** the session's or API token's id */
  readonly id: string;
  /** a one-time password is still in use: only changing it is allowed */
  readonly mustChangePassword: boolean;
}

/**
 * last_seen / last_used are written at most once a minute per credential, inside the lookup
 * itself: a read then costs no extra statement, and idle expiry is exact to the minute.
 */
const TOUCH_SECONDS = 60;

// One statement per request, prepared: found by the hash's unique index, joined to the user
// (whose roles, attributes and `active` are read fresh, so a change applies on the next
// request), with the throttled touch as a data-modifying CTE (run whether read or not).
const SESSION = preparedStatement(`WITH "found" AS (
    SELECT s."id", s."last_seen_at", u."id" AS "user_id", u."username", u."roles", u."attributes",
           u."must_change_password"
    FROM "loom_sys"."sessions" s JOIN "loom_sys"."users" u ON u."id" = s."user_id"
    WHERE s."token_hash" = ? AND s."expires_at" > now()
      AND s."last_seen_at" > now() - ?::integer * interval '1 minute' AND u."active"
  ), "touched" AS (
    UPDATE "loom_sys"."sessions" SET "last_seen_at" = now()
    WHERE "id" = (SELECT "id" FROM "found")
      AND (SELECT "last_seen_at" FROM "found") < now() - interval '${TOUCH_SECONDS} seconds'
  )
  SELECT "id"::text AS "id", "user_id"::text AS "user_id", "username", "roles", "attributes",
         "must_change_password", NULL::text[] AS "token_roles"
  FROM "found"`);

const TOKEN = preparedStatement(`WITH "found" AS (
    SELECT t."id", t."last_used_at", t."roles" AS "token_roles", u."id" AS "user_id",
           u."username", u."roles", u."attributes", u."must_change_password"
    FROM "loom_sys"."api_tokens" t JOIN "loom_sys"."users" u ON u."id" = t."user_id"
    WHERE t."token_hash" = ? AND t."revoked_at" IS NULL AND t."expires_at" > now() AND u."active"
  ), "touched" AS (
    UPDATE "loom_sys"."api_tokens" SET "last_used_at" = now()
    WHERE "id" = (SELECT "id" FROM "found")
      AND coalesce((SELECT "last_used_at" FROM "found") < now() - interval '${TOUCH_SECONDS} seconds', true)
  )
  SELECT "id"::text AS "id", "user_id"::text AS "user_id", "username", "roles", "attributes",
         "must_change_password", "token_roles"
  FROM "found"`);

/**
 * The credential a bearer token or session cookie stands for; undefined when it is unknown,
 * expired, idle too long, revoked, or its user is deactivated (all the same to the client).
 */
export async function resolveCredential(
  conn: Knex,
  secret: string,
  idleMinutes: number,
): Promise<Credential | undefined> {
  const kind = secretKind(secret);
  if (!kind) return undefined;
  const hash = hashSecret(secret);
  const [row] = await (kind === "session"
    ? runStatement(conn, SESSION, [hash, idleMinutes])
    : runStatement(conn, TOKEN, [hash]));
  if (!row) return undefined;
  const userRoles = row.roles as string[];
  const tokenRoles = row.token_roles as string[] | null;
  return {
    id: row.id as string,
    mustChangePassword: row.must_change_password as boolean,
    principal: {
      userId: row.user_id as string,
      username: row.username as string,
      // a token acts with its roles the user still has: taking a role from the user takes it
      // from their tokens too
      roles: tokenRoles ? tokenRoles.filter((role) => userRoles.includes(role)) : userRoles,
      attributes: row.attributes as Record<string, unknown>,
      via: kind,
    },
  };
}
