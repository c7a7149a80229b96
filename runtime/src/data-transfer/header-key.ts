/**
 * How headers are compared: Unicode-compatible forms folded (full-width letters and digits, as
 * Chinese input methods type them, equal the ASCII ones), letter case ignored, white space and
 * underscores dropped, so `Customer Code`, `customer_code` and `CUSTOMERCODE` are one header.
 */
export function headerKey(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_]+/g, "");
}
