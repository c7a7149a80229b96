import { type SampleHash, sampleHash } from "./sample-hash.ts";
import { type SampleOptions, type SampleSizes, sampleSizes } from "./sample-options.ts";

/** What every statement builder reads: the checked options, the sizes, the seeded hash. */
export interface SampleContext {
  readonly options: SampleOptions;
  readonly sizes: SampleSizes;
  readonly hash: SampleHash;
  /** the anchor as a SQL date literal */
  readonly anchor: string;
  /** a deterministic uuid for row number `row` (an integer SQL expression) of `kind` */
  id(kind: SampleKind, row: string): string;
}

export function sampleContext(options: SampleOptions): SampleContext {
  return {
    options,
    sizes: sampleSizes(options.orders),
    hash: sampleHash(options.seed),
    anchor: `DATE '${options.anchor}'`,
    id: (kind, row) => {
      const prefix = `${hex(options.seed, 8)}-${hex(KINDS.indexOf(kind) + 1, 4)}-4000-8000-`;
      return `('${prefix}' || lpad(to_hex(${row}), 12, '0'))::uuid`;
    },
  };
}

/**
 * The tables the generator writes ids for. An id is seed, table and row number
 * (`00000001-0005-4000-8000-00000000002a`): the same on every run, unique per seed, and rising
 * with the row number so each primary key index is filled in order.
 */
const KINDS = [
  "unit",
  "item_category",
  "customer",
  "supplier",
  "item",
  "warehouse",
  "sales_order",
  "sales_order_line",
  "purchase_order",
  "purchase_order_line",
  "stock_move",
  "sales_region",
] as const;
export type SampleKind = (typeof KINDS)[number];

const hex = (value: number, width: number) => value.toString(16).padStart(width, "0");

/**
 * The day (0 = two years before the anchor, 729 = the anchor) of document `row` of `count`: in
 * number order, denser towards the anchor (the business grows: the last months hold about three
 * times the orders of the first), so numbers rise with dates as a real series would.
 */
export function dayOf(row: string, count: number): string {
  const p = `((${row}) - 1)::float8 / ${count}`;
  return `least(729, floor(730 * (sqrt(1 + 8 * ${p}) - 1) / 2))::int`;
}

/** The date of that day. */
export function dateOf(ctx: SampleContext, row: string, count: number): string {
  return `(${ctx.anchor} - 729 + ${dayOf(row, count)})`;
}

/** 'PREFIX' followed by the row number padded to `width` digits: codes and document numbers. */
export function numbered(prefix: string, row: string, width: number): string {
  return `'${prefix}' || lpad((${row})::text, ${width}, '0')`;
}
