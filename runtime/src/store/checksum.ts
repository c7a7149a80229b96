import { createHash } from "node:crypto";
import { canonicalJson } from "@loom/engine";

export { canonicalJson };

/**
 * sha256 (hex) of the canonical JSON: identifies a model independently of how it was stored. The
 * engine's `checksum` gives the same value; this one hashes with Node's native sha256, several
 * times faster on a large model.
 */
export function checksum(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}
