/** Postgres truncates identifiers beyond 63 bytes; two long names could then collide silently. */
const MAX_IDENTIFIER_BYTES = 63;

/**
 * Joins parts into an identifier; one that would be too long is cut and given a stable hash
 * suffix of the full name, so distinct long names stay distinct and the same input always gives
 * the same name (plans are reproducible).
 */
export function sqlName(...parts: readonly string[]): string {
  const full = parts.join("_");
  if (utf8Length(full) <= MAX_IDENTIFIER_BYTES) return full;
  const suffix = `_${fnv1a(full)}`;
  let head = full.slice(0, MAX_IDENTIFIER_BYTES - suffix.length);
  while (utf8Length(head) + suffix.length > MAX_IDENTIFIER_BYTES) head = head.slice(0, -1);
  return head + suffix;
}

/** 32-bit FNV-1a as 8 hex digits: tiny, pure, and stable across engines. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Double-quotes an identifier for SQL; names come from validated metadata, quoting is defence in depth. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
