import { canonicalDateTime, dateAsDateTime, isDateString } from "./dates.ts";

/** json-logic truthiness: null, false, 0, NaN, "" and [] are false; everything else is true. */
export function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "number") return value !== 0 && !Number.isNaN(value);
  return Boolean(value);
}

/**
 * The value comparisons see: missing is null, a Date or a zoned ISO datetime string becomes the
 * canonical `toISOString()` text, and a linked record (an object with an `id`) stands for its id.
 */
export function normalize(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string") return canonicalDateTime(value) ?? value;
  if (isRecord(value) && Object.hasOwn(value, "id")) return normalize(value.id);
  return value;
}

/** `==`: strict equality of normalized values; null equals only null. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  const [x, y] = comparablePair(a, b);
  return x === y && (x === null || ["number", "string", "boolean"].includes(typeof x));
}

/**
 * Order of two values: numbers numerically, strings by code point (SQL `COLLATE "C"`);
 * undefined when they cannot be ordered (a null, or different kinds).
 */
export function compareValues(a: unknown, b: unknown): number | undefined {
  const [x, y] = comparablePair(a, b);
  if (typeof x === "number" && typeof y === "number") {
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : undefined;
  }
  if (typeof x === "string" && typeof y === "string") return compareCodePoints(x, y);
  return undefined;
}

/** `cat` and string containment read values as text; null is the empty string. */
export function toText(value: unknown): string {
  const normal = normalize(value);
  if (normal === null) return "";
  if (typeof normal === "string") return normal;
  if (typeof normal === "number" || typeof normal === "boolean") return String(normal);
  return JSON.stringify(normal);
}

/** A number operand: null for anything else (strings are not read as numbers). */
export function toNumberOrNull(value: unknown): number | null {
  const normal = normalize(value);
  return typeof normal === "number" && Number.isFinite(normal) ? normal : null;
}

/** Reads a dotted path (`customer.region`) through nested objects; anything missing is null. */
export function readPath(data: unknown, path: string): unknown {
  if (path === "") return data ?? null;
  let current: unknown = data;
  for (const segment of path.split(".")) {
    if (!isObject(current) || !Object.hasOwn(current, segment)) return null;
    current = (current as Record<string, unknown>)[segment];
  }
  return current ?? null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return isObject(value) && !Array.isArray(value);
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

/** Normalizes both; a date meeting a datetime is read as the instant its day starts (UTC). */
function comparablePair(a: unknown, b: unknown): [unknown, unknown] {
  const [x, y] = [normalize(a), normalize(b)];
  if (typeof x === "string" && typeof y === "string") {
    if (isDateString(x) && isDateTimeString(y)) return [dateAsDateTime(x), y];
    if (isDateTimeString(x) && isDateString(y)) return [x, dateAsDateTime(y)];
  }
  return [x, y];
}

function isDateTimeString(value: string): boolean {
  return canonicalDateTime(value) === value;
}

/** Code point order equals UTF-8 byte order, which is what PostgreSQL's "C" collation compares. */
function compareCodePoints(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length) {
    const [ca, cb] = [a.codePointAt(i)!, b.codePointAt(i)!];
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
  }
  return i < a.length ? 1 : i < b.length ? -1 : 0;
}
