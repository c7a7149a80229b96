import type { DashboardDef, ReportResult, ReportSummary } from "@loom/engine";
import { api } from "../api/client.ts";

/** `GET /api/reports`: the reports and dashboards the user may run. */
export interface ReportCatalog {
  readonly reports: ReportSummary[];
  readonly dashboards: DashboardDef[];
}

/** Parameter values as the address and the API carry them: name → text, empty ones left out. */
export type ParameterValues = Readonly<Record<string, string>>;

/** `?name=value…` of the values that are set ("" when none). */
export function parameterSearch(values: ParameterValues): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== "") search.set(name, value);
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

/** The values an address carries (`?from=2026-01-01&region=north`). */
export function valuesOf(search: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(search));
}

const reportPath = (name: string) => `/api/reports/${encodeURIComponent(name)}`;

/** Runs a report with these parameter values (the server resolves defaults and checks types). */
export function runReport(
  name: string,
  values: ParameterValues,
  signal?: AbortSignal,
): Promise<ReportResult> {
  return api<ReportResult>(`${reportPath(name)}${parameterSearch(values)}`, { signal });
}

/** The reports and dashboards the user may run. */
export function reportCatalog(signal?: AbortSignal): Promise<ReportCatalog> {
  return api<ReportCatalog>("/api/reports", { signal });
}

/** The address of a report's export with these values: a plain link downloads it. */
export function exportHref(name: string, format: "csv" | "xlsx", values: ParameterValues): string {
  return `${reportPath(name)}/export.${format}${parameterSearch(values)}`;
}
