import type { Knex } from "knex";
import { newSecret } from "./secrets.ts";

const SESSIONS = `"loom_sys"."sessions"`;

/** How long a session lives: refused after `idleMinutes` without a request, or `maxHours` after sign-in. */
export interface SessionLimits {
  readonly idleMinutes: number;
  readonly maxHours: number;
}

/** a working day's sign-in; a lunch break does not end it, an evening away does */
export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMinutes: 120, maxHours: 12 };

export interface StartedSession {
  readonly id: string;
  /** the cookie's value and bearer token: returned once, stored only as its hash */
  readonly secret: string;
  readonly expiresAt: Date;
}

/** A new session for `userId`; the user's ended sessions are cleared on the way. */
export async function startSession(
  conn: Knex,
  userId: string,
  limits: SessionLimits,
): Promise<StartedSession> {
  const { secret, hash } = newSecret("session");
  await conn.raw(
    `DELETE FROM ${SESSIONS} WHERE "user_id" = ?
       AND ("expires_at" <= now() OR "last_seen_at" <= now() - ? * interval '1 minute')`,
    [userId, limits.idleMinutes],
  );
  const { rows } = await conn.raw(
    `INSERT INTO ${SESSIONS} ("token_hash", "user_id", "expires_at")
     VALUES (?, ?, now() + ? * interval '1 hour')
     RETURNING "id"::text AS "id", "expires_at"`,
    [hash, userId, limits.maxHours],
  );
  return { id: rows[0].id, secret, expiresAt: new Date(rows[0].expires_at) };
}

export async function endSession(conn: Knex, sessionId: string): Promise<void> {
  await conn.raw(`DELETE FROM ${SESSIONS} WHERE "id" = ?`, [sessionId]);
}

/** Signs the user out everywhere but `keep` (the session that changed the password, if any). */
export async function endUserSessions(
  conn: Knex,
  userId: string,
  keep: string | null = null,
): Promise<void> {
  await conn.raw(`DELETE FROM ${SESSIONS} WHERE "user_id" = ? AND "id" IS DISTINCT FROM ?::uuid`, [
    userId,
    keep,
  ]);
}
