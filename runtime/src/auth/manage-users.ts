import { LoomError } from "@loom/engine";
import type { Database } from "../db/database.ts";
import { hashPassword, weakPasswordReason } from "./passwords.ts";
import { oneTimePassword } from "./secrets.ts";
import { endUserSessions } from "./sessions.ts";
import { findUserForLogin, insertUser, setPasswordHash, type User } from "./users.ts";

export interface AddUserRequest {
  readonly username: string;
  readonly displayName?: string;
  readonly roles: readonly string[];
  readonly attributes: Readonly<Record<string, unknown>>;
  /** the user's own password; without one a one-time password is made and returned */
  readonly password?: string;
}

/** what `$user` takes from the user itself: an attribute of that name would never be read */
const RESERVED_ATTRIBUTES = new Set(["id", "username", "roles"]);
const ATTRIBUTE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `name` cannot name an attribute; undefined when it can. */
export function badAttributeReason(name: string): string | undefined {
  if (!ATTRIBUTE_NAME.test(name))
    return `"${name}" is not an attribute name: letters, digits and '_', not starting with a digit`;
  if (RESERVED_ATTRIBUTES.has(name))
    return `"${name}" is the user's own ${name}, not an attribute ($user.${name} always reads it)`;
  return undefined;
}

export async function addUser(
  db: Database,
  request: AddUserRequest,
): Promise<{ user: User; oneTimePassword?: string }> {
  for (const name of Object.keys(request.attributes)) {
    const reason = badAttributeReason(name);
    if (reason) throw new LoomError("invalid-attribute", reason);
  }
  const generated = request.password === undefined ? oneTimePassword() : undefined;
  const password = request.password ?? generated!;
  const weak = weakPasswordReason(password);
  if (weak) throw new LoomError("weak-password", weak);
  const user = await db.run(async (conn) =>
    insertUser(conn, {
      username: request.username,
      displayName: request.displayName,
      roles: [...new Set(request.roles)],
      attributes: request.attributes,
      passwordHash: await hashPassword(password),
      mustChangePassword: generated !== undefined,
    }),
  );
  return generated === undefined ? { user } : { user, oneTimePassword: generated };
}

/**
 * Gives the user a new one-time password (to change at the next sign-in) and signs them out
 * everywhere; their API tokens stay, refused until the password is changed.
 */
export async function resetPassword(db: Database, username: string): Promise<string> {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const user = await findUserForLogin(tx, username);
    if (!user) throw new LoomError("unknown-user", `there is no user named "${username}"`);
    await setPasswordHash(tx, user.id, passwordHash, true);
    await endUserSessions(tx, user.id);
  });
  return password;
}
