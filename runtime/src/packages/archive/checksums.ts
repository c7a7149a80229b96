import { createHash } from "node:crypto";

/** `sha256:<hex>` of a file's UTF-8 bytes: what the manifest's `checksums` lists per file. */
export function fileChecksum(text: string): string {
  return `sha256:${createHash("sha256").update(text, "utf8").digest("hex")}`;
}
