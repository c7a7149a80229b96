import type { JsonLogic } from "@loom/engine";

/**
 * An expression as the editors show it: on one line, with a space after each `:` and `,`, as
 * the sample metadata writes json-logic (`{"==": [{"var": "status"}, "rejected"]}`); none is "".
 */
export function expressionText(value: JsonLogic | undefined): string {
  if (value === undefined) return "";
  if (Array.isArray(value)) return `[${value.map(expressionText).join(", ")}]`;
  if (typeof value === "object" && value !== null)
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}: ${expressionText(item)}`)
      .join(", ")}}`;
  return JSON.stringify(value);
}

/** Whether two expressions are the same JSON (none and none included). */
export function sameExpression(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The text as an expression: undefined when empty, an error when it is not JSON. */
export function parseExpression(
  text: string,
): { ok: true; value: JsonLogic | undefined } | { ok: false; message: string } {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as JsonLogic };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
