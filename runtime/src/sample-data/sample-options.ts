import { LoomError } from "@loom/engine";

/**
 * What to generate. Every value is checked here, before it reaches SQL: the statements inline
 * these numbers and the anchor date (they never come from anything but these checks).
 */
export interface SampleOptions {
  /** sales orders to generate; each has 1 to 19 lines, 10 on average */
  orders: number;
  /** the PRNG seed: the same seed gives the same rows */
  seed: number;
  /** the last day of the two years the documents are dated in (YYYY-MM-DD) */
  anchor: string;
}

/** A fixed date, so the same command gives the same rows on any day (README.md). */
export const DEFAULT_ANCHOR = "2026-10-31";
export const DEFAULT_SEED = 1;
export const MAX_ORDERS = 5_000_000;
const MAX_SEED = 2_147_483_647;

/** How many of each master record a run makes: enough variety, growing with the orders. */
export interface SampleSizes {
  orders: number;
  customers: number;
  suppliers: number;
  /** a multiple of 5: items cycle through the five leaf categories */
  items: number;
  purchaseOrders: number;
  stockMoves: number;
}

export function sampleSizes(orders: number): SampleSizes {
  const clamp = (value: number, min: number, max: number) =>
    Math.min(max, Math.max(min, Math.round(value)));
  return {
    orders,
    customers: clamp(orders / 50, 20, 2000),
    suppliers: clamp(orders / 500, 10, 200),
    items: 5 * clamp(orders / 500, 10, 200),
    purchaseOrders: Math.max(10, Math.round(orders / 5)),
    stockMoves: orders,
  };
}

/** Checks raw option values (from the command line or a test); throws `invalid-option` with details. */
export function sampleOptions(raw: {
  orders?: unknown;
  seed?: unknown;
  anchor?: unknown;
}): SampleOptions {
  const issues: { path: string; message: string }[] = [];
  const orders = wholeNumber(raw.orders, "orders", 1, MAX_ORDERS, issues);
  const seed =
    raw.seed === undefined ? DEFAULT_SEED : wholeNumber(raw.seed, "seed", 0, MAX_SEED, issues);
  const anchor = raw.anchor === undefined ? DEFAULT_ANCHOR : String(raw.anchor);
  if (!isDate(anchor))
    issues.push({
      path: "/anchor",
      message: `--anchor ${anchor} is no date: write it as YYYY-MM-DD`,
    });
  if (issues.length > 0)
    throw new LoomError(
      "invalid-option",
      issues.map((issue) => issue.message).join("; "),
      issues.map((issue) => ({ code: "invalid-option", ...issue })),
    );
  return { orders, seed, anchor };
}

function wholeNumber(
  value: unknown,
  name: string,
  min: number,
  max: number,
  issues: { path: string; message: string }[],
): number {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value : "";
  const number = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    issues.push({
      path: `/${name}`,
      message: `--${name} must be a whole number from ${min} to ${max.toLocaleString("en")}, not ${text === "" ? "nothing" : JSON.stringify(text)}`,
    });
    return min;
  }
  return number;
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
