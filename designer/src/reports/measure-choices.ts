import type { Labels } from "@loom/engine";
import type { Aggregate, Measure } from "./report-def.ts";
import { measureLabels } from "./report-edits.ts";
import { aggregatesFor, type PathChoice } from "./report-fields.ts";

/** The fields `aggregate` applies to: only numbers are summed or averaged, links only counted. */
export function pathsFor(
  aggregate: Aggregate | undefined,
  paths: readonly PathChoice[],
): PathChoice[] {
  return paths
    .filter((p) => p.type !== "link" || aggregate === "distinct" || aggregate === "count")
    .filter((p) => aggregate === undefined || aggregatesFor(p.type).includes(aggregate));
}

/**
 * `measure` computing `aggregate` of `field`: a field the aggregate cannot apply to is dropped,
 * and labels nobody has typed (still those its choices gave it) follow the new choices.
 */
export function measureWith(
  measure: Measure,
  aggregate: Aggregate | undefined,
  field: string | undefined,
  paths: readonly PathChoice[],
): Measure {
  const labelsOf = (path: string | undefined): Labels | undefined => {
    if (path === undefined) return undefined;
    return paths.find((p) => p.path === path)?.labels.at(-1) ?? { en: path };
  };
  const type = paths.find((p) => p.path === field)?.type;
  const keeps =
    field !== undefined && type !== undefined && aggregatesFor(type).includes(aggregate ?? "count");
  const defaulted =
    JSON.stringify(measure.labels) ===
    JSON.stringify(measureLabels(measure.aggregate, labelsOf(measure.field)));
  const { field: _field, labels, ...rest } = measure;
  return {
    ...rest,
    ...(aggregate !== undefined && { aggregate }),
    ...(keeps && { field }),
    ...((defaulted || labels === undefined
      ? { labels: measureLabels(aggregate, labelsOf(keeps ? field : undefined)) }
      : { labels }) as { labels: Labels }),
  };
}
