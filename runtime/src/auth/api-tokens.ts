import type { Knex } from "knex";
import { newSecret } from "./secrets.ts";

const TOKENS = `"loom_sys"."api_tokens"`;

/** An API token as listed: never its secret, which only its creation returns. */
export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

export interface NewApiToken {
  readonly name: string;
  /** the roles it acts with: a subset of its user's (checked by the caller) */
  readonly roles: readonly string[];
  readonly expiresInDays: number;
}

const COLUMNS = `"id"::text AS "id", "name", "roles", "created_at", "expires_at", "revoked_at",
  "last_used_at"`;

export async function createApiToken(
  conn: Knex,
  userId: string,
  token: NewApiToken,
): Promise<{ secret: string; token: ApiToken }> {
  const { secret, hash } = newSecret("token");
  const { rows } = await conn.raw(
    `INSERT INTO ${TOKENS} ("user_id", "name", "token_hash", "roles", "expires_at")
     VALUES (?, ?, ?, ?, now() + ? * interval '1 day')
     RETURNING ${COLUMNS}`,
    [userId, token.name, hash, [...token.roles] as unknown as Knex.Value, token.expiresInDays],
  );
  return { secret, token: tokenOf(rows[0]) };
}

/** The user's tokens, newest first, revoked and expired ones included (they say so). */
export async function listApiTokens(conn: Knex, userId: string): Promise<ApiToken[]> {
  const { rows } = await conn.raw(
    `SELECT ${COLUMNS} FROM ${TOKENS} WHERE "user_id" = ? ORDER BY "created_at" DESC, "id"`,
    [userId],
  );
  return rows.map(tokenOf);
}

/** Revokes one of the user's tokens; false when the user has no live token with that id. */
export async function revokeApiToken(
  conn: Knex,
  userId: string,
  tokenId: string,
): Promise<boolean> {
  const { rows } = await conn.raw(
    `UPDATE ${TOKENS} SET "revoked_at" = now()
     WHERE "id" = ? AND "user_id" = ? AND "revoked_at" IS NULL RETURNING 1`,
    [tokenId, userId],
  );
  return rows.length > 0;
}

const iso = (value: unknown): string | null =>
  value === null || value === undefined ? null : new Date(value as string).toISOString();

function tokenOf(row: Record<string, unknown>): ApiToken {
  return {
    id: row.id as string,
    name: row.name as string,
    roles: row.roles as string[],
    createdAt: iso(row.created_at)!,
    expiresAt: iso(row.expires_at)!,
    revokedAt: iso(row.revoked_at),
    lastUsedAt: iso(row.last_used_at),
  };
}
