import type { ReportResult } from "@loom/engine";
import { useLanguage } from "../i18n/language.tsx";
import { navigate, paths } from "../router/router.tsx";
import { type ReportFormat, reportFormat } from "./report-format.ts";

/**
 * Where a click on a result's row leads: the drill view's list narrowed to that row's records,
 * named for the chip there ("Sales by Month: Mar 2026"); undefined when the result has no
 * drill-down (or no condition for that row).
 */
export function drillPath(
  result: ReportResult,
  rowIndex: number,
  format: ReportFormat,
  title: string,
): string | undefined {
  const drill = result.drill;
  const where = drill?.where[rowIndex];
  const row = result.rows[rowIndex];
  if (!drill || where === undefined || !row) return undefined;
  const values = result.columns
    .map((column, index) => (column.kind === "dimension" ? format.value(column, row[index]) : null))
    .filter((text): text is string => text !== null);
  return paths.list(
    drill.view,
    where,
    values.length > 0 ? format.labelled(title, values.join(", ")) : title,
  );
}

/** What a click on a row of `result` does (opens its records), or undefined without drill-down. */
export function useDrill(
  result: ReportResult | null,
  title: string,
): ((rowIndex: number) => void) | undefined {
  const { language, t, label } = useLanguage();
  if (!result?.drill) return undefined;
  return (rowIndex) => {
    const to = drillPath(result, rowIndex, reportFormat(language, t, label, result.labels), title);
    if (to) navigate(to);
  };
}
