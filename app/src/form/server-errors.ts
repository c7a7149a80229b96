import type { ErrorSchema } from "@rjsf/utils";
import type { ErrorDetail } from "../api/client.ts";

/**
 * A refusal's details placed for rjsf: a detail at `/lines/0/qty` goes under that field, one at
 * `/lines/0` (a rule of the line) under that line, `/lines/0/schedule/1/qty` under the field of
 * the line's line; one at the record (`""`) or outside the form (a query parameter) is returned
 * in `general` for a banner.
 */
export function serverErrors(
  details: readonly ErrorDetail[],
  inForm: (segments: readonly string[]) => boolean,
): { schema: ErrorSchema; general: string[] } {
  const schema: Record<string, unknown> = {};
  const general: string[] = [];
  for (const detail of details) {
    const segments = pointerSegments(detail.path);
    if (segments.length === 0 || !inForm(segments)) {
      general.push(detail.message);
      continue;
    }
    let at = schema;
    for (const segment of segments) {
      at[segment] ??= {};
      at = at[segment] as Record<string, unknown>;
    }
    at.__errors = [...((at.__errors as string[] | undefined) ?? []), detail.message];
  }
  return { schema: schema as ErrorSchema, general };
}

/** RFC 6901: `/a~1b/0` → ["a/b", "0"] */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}
