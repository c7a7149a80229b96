import type { Database } from "../db/database.ts";
import { hashPassword } from "./passwords.ts";
import { oneTimePassword } from "./secrets.ts";
import { countUsers, insertUser } from "./users.ts";

export const FIRST_ADMIN = "admin";
/** serializes first starts on one server: only one of them creates (and prints) the admin */
const FIRST_ADMIN_LOCK_KEY = 0x100_ad01;

/**
 * On a database without users, creates `admin` (role admin) with a one-time password and returns
 * it, for the caller to show once; undefined when users exist.
 */
export async function createFirstAdmin(
  db: Database,
): Promise<{ username: string; password: string } | undefined> {
  // the common case, users exist, costs one count and no hashing
  if ((await db.run(countUsers)) > 0) return undefined;
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    await tx.raw("SELECT pg_advisory_xact_lock(?)", [FIRST_ADMIN_LOCK_KEY]);
    if ((await countUsers(tx)) > 0) return undefined;
    await insertUser(tx, {
      username: FIRST_ADMIN,
      displayName: "Administrator",
      roles: ["admin"],
      passwordHash,
      mustChangePassword: true,
    });
    return { username: FIRST_ADMIN, password };
  });
}

/** The one-time password in a box that stands out from log lines. */
export function passwordBox(title: string, username: string, password: string): string {
  const lines = [
    title,
    "",
    `  username: ${username}`,
    `  password: ${password}`,
    "",
    "Shown once. Sign in with it at /app/ (or POST /api/auth/login)",
    "and choose your own password: it is needed before anything else.",
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const bar = "─".repeat(width + 2);
  return [`┌${bar}┐`, ...lines.map((line) => `│ ${line.padEnd(width)} │`), `└${bar}┘`, ""].join(
    "\n",
  );
}
