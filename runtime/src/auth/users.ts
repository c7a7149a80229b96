import { LoomError } from "@loom/engine";
import type { Knex } from "knex";

const USERS = `"loom_sys"."users"`;

/** A user as the API and the CLI show it: never the password hash. */
export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string | null;
  readonly roles: readonly string[];
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly active: boolean;
  readonly mustChangePassword: boolean;
}

export interface NewUser {
  readonly username: string;
  readonly displayName?: string;
  readonly roles: readonly string[];
  readonly attributes?: Readonly<Record<string, unknown>>;
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Why `name` cannot be a username; undefined when it can. */
export function badUsernameReason(name: string): string | undefined {
  return USERNAME.test(name)
    ? undefined
    : "a username is 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit";
}

const COLUMNS = `"id"::text AS "id", "username", "display_name", "roles", "attributes", "active",
  "must_change_password"`;

/** Adds a user; a username taken in any letter case is refused (`user-exists`). */
export async function insertUser(conn: Knex, user: NewUser): Promise<User> {
  const reason = badUsernameReason(user.username);
  if (reason) throw new LoomError("invalid-username", `"${user.username}": ${reason}`);
  const { rows } = await conn.raw(
    `INSERT INTO ${USERS} ("username", "display_name", "password_hash", "roles", "attributes", "must_change_password")
     VALUES (?, ?, ?, ?, ?::jsonb, ?)
     ON CONFLICT (lower("username")) DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      user.username,
      user.displayName ?? null,
      user.passwordHash,
      [...user.roles] as unknown as Knex.Value,
      JSON.stringify(user.attributes ?? {}),
      user.mustChangePassword,
    ],
  );
  if (rows.length === 0)
    throw new LoomError("user-exists", `a user named "${user.username}" already exists`);
  return userOf(rows[0]);
}

/** The user with this username in any letter case, with the password hash to check. */
export async function findUserForLogin(
  conn: Knex,
  username: string,
): Promise<(User & { passwordHash: string }) | undefined> {
  const { rows } = await conn.raw(
    `SELECT ${COLUMNS}, "password_hash" FROM ${USERS} WHERE lower("username") = lower(?)`,
    [username],
  );
  return rows[0] && { ...userOf(rows[0]), passwordHash: rows[0].password_hash as string };
}

export async function userById(conn: Knex, id: string): Promise<User | undefined> {
  const { rows } = await conn.raw(`SELECT ${COLUMNS} FROM ${USERS} WHERE "id" = ?`, [id]);
  return rows[0] && userOf(rows[0]);
}

export async function listUsers(conn: Knex): Promise<User[]> {
  const { rows } = await conn.raw(`SELECT ${COLUMNS} FROM ${USERS} ORDER BY lower("username")`);
  return rows.map(userOf);
}

export async function countUsers(conn: Knex): Promise<number> {
  const { rows } = await conn.raw(`SELECT count(*) AS "n" FROM ${USERS}`);
  return Number(rows[0].n);
}

/** Replaces a password; `mustChange` makes it one-time (the next sign-in must change it). */
export async function setPasswordHash(
  conn: Knex,
  userId: string,
  passwordHash: string,
  mustChange: boolean,
): Promise<void> {
  await conn.raw(
    `UPDATE ${USERS} SET "password_hash" = ?, "must_change_password" = ?, "updated_at" = now()
     WHERE "id" = ?`,
    [passwordHash, mustChange, userId],
  );
}

function userOf(row: Record<string, unknown>): User {
  return {
    id: row.id as string,
    username: row.username as string,
    displayName: (row.display_name as string | null) ?? null,
    roles: row.roles as string[],
    attributes: row.attributes as Record<string, unknown>,
    active: row.active as boolean,
    mustChangePassword: row.must_change_password as boolean,
  };
}
