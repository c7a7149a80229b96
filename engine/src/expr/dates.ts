/**
 * Dates are ISO strings in expressions: `YYYY-MM-DD` for a date, `toISOString()` form (UTC,
 * milliseconds, `Z`) for a datetime. All calendar arithmetic is in UTC, like the SQL side.
 */

export type TimeUnit = "day" | "week" | "month" | "year";
export const TIME_UNITS: readonly TimeUnit[] = ["day", "week", "month", "year"];

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ZONED_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A real calendar date written `YYYY-MM-DD`. */
export function isDateString(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month - 1);
}

/** An ISO datetime with a zone, rewritten in the one canonical form; undefined for anything else. */
export function canonicalDateTime(value: string): string | undefined {
  // Date.parse rolls 2024-02-30 over into March; PostgreSQL rejects it, and so do we
  if (!ZONED_DATETIME.test(value) || !isDateString(value.slice(0, 10))) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : isoDateTime(time);
}

/** Midnight UTC of a date, so a date compares with a datetime as the instant the day starts. */
export function dateAsDateTime(date: string): string {
  return `${date}T00:00:00.000Z`;
}

export function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** `date` moved by `n` units; a month step keeps the day, clamped to the month's end (Jan 31 + 1 month = Feb 28/29). */
export function addTime(value: string, n: number, unit: TimeUnit): string | undefined {
  const time = toTime(value);
  if (time === undefined || !Number.isInteger(n)) return undefined;
  const moved = isoDateTime(shift(time, n, unit));
  return isDateString(value) ? moved?.slice(0, 10) : moved;
}

/**
 * Whole units from `b` to `a` (a − b), truncated toward zero. Months count complete months as
 * `addTime` steps them, so `date_add(b, date_diff(a, b, "month"), "month")` never passes `a`.
 */
export function diffTime(a: string, b: string, unit: TimeUnit): number | undefined {
  const [ta, tb] = [toTime(a), toTime(b)];
  if (ta === undefined || tb === undefined) return undefined;
  if (unit === "day" || unit === "week")
    return truncate((ta - tb) / (unit === "day" ? DAY_MS : 7 * DAY_MS));
  const [da, db] = [new Date(ta), new Date(tb)];
  let months =
    (da.getUTCFullYear() - db.getUTCFullYear()) * 12 + (da.getUTCMonth() - db.getUTCMonth());
  if (months > 0 && shift(tb, months, "month") > ta) months -= 1;
  if (months < 0 && shift(tb, months, "month") < ta) months += 1;
  return unit === "month" ? months : truncate(months / 12);
}

/** Toward zero, without the -0 that `Math.trunc(-0.5)` gives. */
function truncate(value: number): number {
  return Math.trunc(value) + 0;
}

/** Milliseconds since the epoch of a date (midnight UTC) or a zoned datetime. */
function toTime(value: string): number | undefined {
  if (isDateString(value)) return Date.parse(dateAsDateTime(value));
  const canonical = canonicalDateTime(value);
  return canonical === undefined ? undefined : Date.parse(canonical);
}

function shift(time: number, n: number, unit: TimeUnit): number {
  if (unit === "day") return time + n * DAY_MS;
  if (unit === "week") return time + n * 7 * DAY_MS;
  const date = new Date(time);
  const months = date.getUTCFullYear() * 12 + date.getUTCMonth() + (unit === "month" ? n : n * 12);
  const [year, month] = [Math.floor(months / 12), ((months % 12) + 12) % 12];
  const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
  const moved = new Date(time);
  moved.setUTCFullYear(year, month, day);
  return moved.getTime();
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month + 1, 0);
  return date.getUTCDate();
}

/** toISOString, limited to the four-digit years both sides can write. */
function isoDateTime(time: number): string | undefined {
  const year = new Date(time).getUTCFullYear();
  return Number.isFinite(time) && year >= 0 && year <= 9999
    ? new Date(time).toISOString()
    : undefined;
}
