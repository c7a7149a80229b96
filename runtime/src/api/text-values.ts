/** Checks of text that will be bound as a typed SQL value: PostgreSQL must never raise on input. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const INTEGER = /^-?\d{1,19}$/;
const DECIMAL = /^-?\d{1,100}(\.\d{1,100})?$/;
const INT8_MAX = 2n ** 63n - 1n;
const INT4_MAX = 2n ** 31n - 1n;

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/** `YYYY-MM-DD` naming a day that exists. */
export function isIsoDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** An ISO datetime with a zone, whose date and time exist. */
export function isIsoDateTime(text: string): boolean {
  if (!DATETIME.test(text) || !isIsoDate(text.slice(0, 10))) return false;
  const [hours, minutes, seconds] = text.slice(11, 19).split(":").map(Number);
  return hours! < 24 && minutes! < 60 && (seconds ?? 0) < 60 && !Number.isNaN(Date.parse(text));
}

export function isInt8Text(text: string): boolean {
  return INTEGER.test(text) && abs(BigInt(text)) <= INT8_MAX;
}

export function isInt4Text(text: string): boolean {
  return INTEGER.test(text) && abs(BigInt(text)) <= INT4_MAX;
}

export function isDecimalText(text: string): boolean {
  return DECIMAL.test(text);
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}
