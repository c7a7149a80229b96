/**
 * Numbers written by people and spreadsheets. The point is the only decimal separator; thousands
 * may be grouped by commas, spaces (also no-break and thin ones) or apostrophes, one kind per
 * number and in groups of three: `1234.5`, `1,234.50`, `1 234.50`, `1'234.5`, `-12`, `1.5e3`.
 * A comma is never read as a decimal separator: `1 234,50` and `1,5` are refused rather than
 * guessed (`1,500` would be one and a half in half of Europe and fifteen hundred elsewhere).
 * A trailing `%` divides by 100 — except for a percent field, which stores 5 for 5 %.
 */

const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(([, \u00a0\u202f\u2009'])\d{3})(\2\d{3})*(\.\d+)?$/;

export type NumberText =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly message: string };

export function parseNumberText(text: string, percentField: boolean): NumberText {
  let body = text.trim();
  const percent = body.endsWith("%");
  if (percent) body = body.slice(0, -1).trimEnd();
  let digits: string | undefined;
  if (PLAIN.test(body)) digits = body;
  else if (GROUPED.test(body)) digits = body.replace(/[, \u00a0\u202f\u2009']/g, "");
  if (digits === undefined)
    return {
      ok: false,
      message: `"${text.trim()}" is not a number: write it with a point for decimals (1234.5 or 1,234.50); a comma only groups thousands`,
    };
  // shifting the exponent, not multiplying: 0.07 stays 0.07 (7 * 0.01 is 0.07000000000000001)
  const value = Number(percent && !percentField ? `${digits}e-2` : digits);
  if (!Number.isFinite(value)) return { ok: false, message: `"${text.trim()}" is too large` };
  return { ok: true, value };
}
