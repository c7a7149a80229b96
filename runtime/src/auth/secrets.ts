import { createHash, randomBytes } from "node:crypto";

/** What a credential's prefix says it is: the lookup needs no guess about which table to read. */
export type SecretKind = "session" | "token";

const PREFIX: Record<SecretKind, string> = { session: "loom_s_", token: "loom_t_" };
/** 32 random bytes: guessing one is out of reach, so a plain hash is enough to store it */
const SECRET_BYTES = 32;

export interface NewSecret {
  /** given to the client once, never stored */
  readonly secret: string;
  /** what the database keeps */
  readonly hash: string;
}

export function newSecret(kind: SecretKind): NewSecret {
  const secret = `${PREFIX[kind]}${randomBytes(SECRET_BYTES).toString("base64url")}`;
  return { secret, hash: hashSecret(secret) };
}

/** SHA-256, hex: the secret is random, so no salt or slow hash is needed (unlike a password). */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Which kind of secret `value` claims to be; undefined when it is not one of ours. */
export function secretKind(value: string): SecretKind | undefined {
  if (value.startsWith(PREFIX.session)) return "session";
  if (value.startsWith(PREFIX.token)) return "token";
  return undefined;
}

const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/**
 * A one-time password to type once: 20 characters from an alphabet without look-alikes
 * (about 117 bits). Rejection sampling keeps every character equally likely.
 */
export function oneTimePassword(length = 20): string {
  let password = "";
  const limit = 256 - (256 % PASSWORD_ALPHABET.length);
  while (password.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= limit) continue;
      password += PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length];
      if (password.length === length) break;
    }
  }
  return password;
}
