import type { Issue } from "@loom/engine";
import { issuesByPlace } from "../forms/form-issues.ts";
import type { ReportDraft } from "./report-def.ts";

/** A problem of the report at a JSON pointer into it: from the draft's check or the preview. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

export interface PlacedProblems {
  /** the problems at a place of the builder (a pointer `places` lists) */
  at(pointer: string): readonly string[];
  /** those at no place of the builder: listed above it */
  readonly rest: readonly Problem[];
}

const ITEM_PROPERTIES = {
  dimensions: ["name", "labels", "field", "bucket"],
  measures: ["name", "labels", "aggregate", "field", "format"],
  parameters: ["name", "labels", "type", "options", "target", "default", "required"],
  sort: ["by", "desc"],
} as const;
const TOP = ["labels", "description", "entity", "filter", "limit", "drill", "period"];
const VISUAL = [
  "type",
  "x",
  "series",
  "measures",
  "rows",
  "columns",
  "measure",
  "category",
  "compare",
];

/**
 * The places the builder shows problems at: each input's pointer. A problem is shown at the most
 * specific place it points into (`/dimensions/0/field/…` at the field's picker), so none is shown
 * twice and none is lost.
 */
export function builderPlaces(report: ReportDraft): string[] {
  const places = [
    ...TOP.map((p) => `/${p}`),
    "/period/field",
    "/period/from",
    "/period/to",
    "/drill/view",
    "/visualization",
  ];
  places.push(...VISUAL.map((p) => `/visualization/${p}`));
  for (const [list, properties] of Object.entries(ITEM_PROPERTIES))
    places.push(
      `/${list}`,
      ...listPlaces(list, report[list as keyof typeof ITEM_PROPERTIES], properties),
    );
  return places;
}

/**
 * The preview's refusal details as problems of the report: a pointer into the request body
 * (`/report/dimensions/0/field`) points into the report.
 */
export function previewProblems(details: readonly Problem[]): Problem[] {
  return details.map((d) => ({ ...d, path: d.path.replace(/^\/report(?=\/|$)/, "") }));
}

/** The parameters' places, for a report's and a dashboard's shared ones alike. */
export function parameterPlaces(parameters: readonly unknown[] | undefined): string[] {
  return ["/parameters", ...listPlaces("parameters", parameters, ITEM_PROPERTIES.parameters)];
}

/** `/<list>/<i>` and each of its `properties`' pointers, per entry of the list. */
export function listPlaces(
  list: string,
  items: readonly unknown[] | undefined,
  properties: readonly string[],
): string[] {
  return (items ?? []).flatMap((_, i) => [
    `/${list}/${i}`,
    ...properties.map((p) => `/${list}/${i}/${p}`),
  ]);
}

/** `problems` at the most specific of `places` each points into (a JSON pointer), or in `rest`. */
export function placeProblems(
  places: readonly string[],
  problems: readonly Problem[],
): PlacedProblems {
  const asIssues: Issue[] = problems.map((p) => ({ code: "", message: p.message, path: p.path }));
  const { at, rest } = issuesByPlace(asIssues, places);
  const unique = (messages: string[]) => [...new Set(messages)];
  return {
    at: (pointer) => unique((at.get(pointer) ?? []).map((issue) => issue.message)),
    rest: rest.map((issue) => ({ path: issue.path ?? "", message: issue.message })),
  };
}
