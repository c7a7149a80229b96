import { decimalText } from "./decimal-text.ts";
import { utf8Bytes } from "./utf8.ts";

/**
 * A JSON value written exactly as PostgreSQL prints it back as jsonb: keys ordered by byte length
 * then bytes, `": "` and `", "` separators, numbers without exponent. A default written this way
 * reads back unchanged, so the planner sees no difference where there is none.
 */
export function jsonbText(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return Number.isFinite(value) ? decimalText(value) : "null";
  if (typeof value === "string") return jsonString(value);
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .map(([key, item]) => ({ key, bytes: utf8Bytes(key), item }))
    .sort((a, b) => compareBytes(a.bytes, b.bytes));
  return `{${entries.map(({ key, item }) => `${jsonString(key)}: ${jsonbText(item)}`).join(", ")}}`;
}

function compareBytes(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i += 1) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

function jsonString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.charCodeAt(0);
    out += ESCAPES[char] ?? (code < 0x20 ? `\\u${code.toString(16).padStart(4, "0")}` : char);
  }
  return `${out}"`;
}
