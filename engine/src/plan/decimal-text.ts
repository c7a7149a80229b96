/**
 * A number as PostgreSQL's numeric prints it: no exponent, no `+`, no leading zeros, no `-0`.
 * Strings are accepted too (a decimal default may be written as `"12.50"`, keeping its scale).
 */
export function decimalText(value: number | string): string {
  if (typeof value === "number") return expandExponent(value);
  const text = value.trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || `${match[2]}${match[3] ?? ""}` === "") {
    const number = Number(text);
    return text !== "" && Number.isFinite(number) ? expandExponent(number) : text;
  }
  const [, sign = "", whole = "", fraction = ""] = match;
  const integer = whole.replace(/^0+(?=\d)/, "") || "0";
  const negative = sign === "-" && /[1-9]/.test(`${integer}${fraction}`);
  return `${negative ? "-" : ""}${integer}${fraction === "" ? "" : `.${fraction}`}`;
}

function expandExponent(value: number): string {
  if (Object.is(value, -0)) return "0";
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = "", whole = "", fraction = "", exponent = "0"] = match;
  const digits = `${whole}${fraction}`;
  const point = whole.length + Number(exponent);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
