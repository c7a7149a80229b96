import type { Labels } from "../metadata/types.ts";
import type { JsonSchema } from "./json-schema.ts";

/**
 * `title` and `description` in English (what generic tools show), plus `x-labels`/`x-help` in
 * every language. `note` adds a sentence about how the API treats the value.
 */
export function labelAnnotations(labels: Labels, help?: Labels, note?: string): JsonSchema {
  const description = [help?.en, note].filter((part) => part !== undefined).join(" ");
  return {
    title: labels.en,
    ...(description === "" ? {} : { description }),
    "x-labels": labels,
    ...(help === undefined ? {} : { "x-help": help }),
  };
}

/**
 * A value the server owns (computed, read-only, numbered, system): accepted in a write body so a
 * client may send back what it read, but of any type, because the server ignores it.
 */
export function serverSet(labels: Labels, help: Labels | undefined, note: string): JsonSchema {
  return { ...labelAnnotations(labels, help, note), readOnly: true };
}
