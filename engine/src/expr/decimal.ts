/**
 * Exact decimal arithmetic on the numbers people write. A JS number is read as its shortest
 * decimal form (`String(0.1)` is "0.1"), the operation is done exactly on BigInt digits, and the
 * result is rounded to a number once — so 0.1 + 0.2 is 0.3 and round(1.005, 2) is 1.01, the
 * answers PostgreSQL's numeric gives.
 */

/** value = digits × 10^-scale */
interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

export function addExact(a: number, b: number): number | null {
  const [x, y] = aligned(a, b);
  return toNumber({ digits: x.digits + y.digits, scale: x.scale });
}

export function subtractExact(a: number, b: number): number | null {
  const [x, y] = aligned(a, b);
  return toNumber({ digits: x.digits - y.digits, scale: x.scale });
}

export function multiplyExact(a: number, b: number): number | null {
  const [x, y] = [toDecimal(a), toDecimal(b)];
  return toNumber({ digits: x.digits * y.digits, scale: x.scale + y.scale });
}

/** Remainder with the sign of the dividend (as JS `%` and SQL); null for a zero divisor. */
export function remainderExact(a: number, b: number): number | null {
  const [x, y] = aligned(a, b);
  return y.digits === 0n ? null : toNumber({ digits: x.digits % y.digits, scale: x.scale });
}

/** Rounds to `places` digits after the point (negative: before it), halves away from zero. */
export function roundExact(value: number, places: number): number | null {
  const x = toDecimal(value);
  if (x.scale <= places) return value;
  const divisor = 10n ** BigInt(x.scale - places);
  let digits = x.digits / divisor;
  const rest = x.digits % divisor;
  if ((rest < 0n ? -rest : rest) * 2n >= divisor) digits += x.digits < 0n ? -1n : 1n;
  return toNumber({ digits, scale: places });
}

function aligned(a: number, b: number): [Decimal, Decimal] {
  const [x, y] = [toDecimal(a), toDecimal(b)];
  const scale = Math.max(x.scale, y.scale);
  return [rescale(x, scale), rescale(y, scale)];
}

function rescale(x: Decimal, scale: number): Decimal {
  return { digits: x.digits * 10n ** BigInt(scale - x.scale), scale };
}

function toDecimal(value: number): Decimal {
  const [mantissa = "0", exponent = "0"] = String(value).split("e");
  const [whole = "0", fraction = ""] = mantissa.split(".");
  const scale = fraction.length - Number(exponent);
  const digits = BigInt(whole + fraction);
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

function toNumber(x: Decimal): number | null {
  // string → number conversion is correctly rounded, so this is the one rounding step; `+ 0` drops -0
  const value = Number(`${x.digits}e${-x.scale}`);
  return Number.isFinite(value) ? value + 0 : null;
}
