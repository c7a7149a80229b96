/**
 * Spreadsheet programs run a CSV cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage
 * return before one) as a formula: an exported value a user typed could then run in the reader's
 * Excel ("CSV injection"). Such text is written with a leading apostrophe, which spreadsheets show
 * as plain text; an import takes that apostrophe off again, so an export re-imports as it was.
 * Numbers (`-12.5`, `+86`) are left alone: they are no formula, and a quote would change them.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d[\d,]*)(\.\d+)?%?$/;

export function guardFormula(value: unknown): unknown {
  return typeof value === "string" && FORMULA_START.test(value) && !NUMBER.test(value)
    ? `'${value}`
    : value;
}

export function unguardFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) && !NUMBER.test(cell.slice(1))
    ? cell.slice(1)
    : cell;
}
