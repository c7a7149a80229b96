import { randomBytes } from "node:crypto";
import argon2 from "argon2";

export const MIN_PASSWORD_LENGTH = 12;
/** argon2 hashes whatever it is given: a cap keeps one request from costing megabytes of work */
export const MAX_PASSWORD_LENGTH = 1024;

/**
 * argon2id at OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): ~55 ms here and a
 * bounded memory cost per concurrent login. The parameters travel inside each hash, so raising
 * them later re-hashes passwords as their owners sign in (see `needsRehash`).
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password);
}

export function needsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, OPTIONS);
}

let dummy: Promise<string> | undefined;

/**
 * Spends what checking a real password costs, for a username that does not exist: the answer's
 * timing then does not tell which usernames do.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(await dummy, password);
  return false;
}

/** Why `password` cannot be a new password; undefined when it can. */
export function weakPasswordReason(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `a password has at most ${MAX_PASSWORD_LENGTH} characters`;
  return undefined;
}
