import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex } from "@noble/hashes/utils";
import { utf8Bytes } from "../plan/utf8.ts";

/** JSON with object keys sorted at every level: equal values give equal text, whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, current: unknown) =>
    current !== null && typeof current === "object" && !Array.isArray(current)
      ? Object.fromEntries(Object.entries(current).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : current,
  );
}

/**
 * sha256 (hex) of the canonical JSON. A synchronous pure-JS hash (an audited library), because the
 * engine compiles synchronously in Node and in browsers alike; the bytes are encoded here since a
 * bare JS context has no TextEncoder.
 */
export function checksum(value: unknown): string {
  return bytesToHex(sha256(Uint8Array.from(utf8Bytes(canonicalJson(value)))));
}
