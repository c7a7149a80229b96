import type { Entity, JsonLogic } from "@loom/engine";
import { ApiError, query } from "../api/client.ts";
import { sortParam } from "./use-list-page.ts";

/** What a CSV export repeats of the list on screen: its columns, filter and search, and sort. */
export interface ExportRequest {
  readonly entity: Entity;
  readonly columns: readonly string[];
  readonly sort: readonly { field: string; desc: boolean }[];
  readonly where: JsonLogic | undefined;
}

/**
 * The export's address: the view's columns that have a CSV column (table fields have none, and
 * `id` is left to the server), the list's `where` and `sort`.
 */
export function exportCsvUrl(request: ExportRequest): string {
  const { entity } = request;
  const fields = request.columns.filter((name) =>
    entity.fields.some((field) => field.name === name && field.type !== "table"),
  );
  return `/api/data/${entity.name}/export.csv${query({
    fields: fields.join(","),
    sort: sortParam(request.sort),
    where: request.where === undefined ? undefined : JSON.stringify(request.where),
  })}`;
}

/**
 * Downloads the CSV as `<entity>.csv`. Fetched rather than linked, so the header row comes in the
 * app's language (a link would send the browser's) and a refusal shows as an error, not a page.
 */
export async function downloadCsv(url: string, language: string, filename: string): Promise<void> {
  const response = await fetch(url, {
    headers: { accept: "text/csv", "accept-language": language },
    credentials: "same-origin",
  });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => ({}));
    throw new ApiError(
      response.status,
      typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {},
    );
  }
  const href = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement("a");
    link.href = href;
    link.download = filename;
    link.click();
  } finally {
    // the click has handed the blob to the download; the page need not keep it
    setTimeout(() => URL.revokeObjectURL(href), 0);
  }
}
