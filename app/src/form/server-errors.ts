import type { ErrorSchema } from "@rjsf/utils";
import type { ErrorDetail } from "../api/client.ts";

/**
 * A refusal's details placed for rjsf: a detail at `/lines/0/qty` goes under that field; one at
 * the record (`""`), at a line as a whole (a rule of the line) or outside the form (a query
 * parameter) is returned in `general` for a banner, with the line named.
 */
export function serverErrors(
  details: readonly ErrorDetail[],
  isField: (segments: readonly string[]) => boolean,
): { schema: ErrorSchema; general: string[] } {
  const schema: Record<string, unknown> = {};
  const general: string[] = [];
  for (const detail of details) {
    const segments = pointerSegments(detail.path);
    if (segments.length === 0 || !isField(segments)) {
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
