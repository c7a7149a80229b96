import type { ReportColumn, ReportResult, Visualization } from "@loom/engine";
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from "echarts/charts";
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";
import type { ReportFormat } from "./report-format.ts";

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

export type ChartVisualization = Extract<Visualization, { type: "bar" | "line" | "pie" }>;

/** An echarts option for a result, and the result row behind each drawn item (for drill-down). */
export interface ChartModel {
  readonly option: ChartOption;
  rowOf(seriesIndex: number, dataIndex: number): number | undefined;
}

/** The class of the tooltip's element: tests and styles find it by it. */
export const TOOLTIP_CLASS = "report-tooltip";

export function chartModel(
  result: ReportResult,
  visualization: ChartVisualization,
  format: ReportFormat,
): ChartModel {
  return visualization.type === "pie"
    ? pieModel(result, visualization, format)
    : axisModel(result, visualization, format);
}

function pieModel(
  result: ReportResult,
  visualization: Extract<Visualization, { type: "pie" }>,
  format: ReportFormat,
): ChartModel {
  const category = column(result, visualization.category);
  const measure = column(result, visualization.measure);
  const data = result.rows.map((row) => ({
    name: format.value(category.column, row[category.index]),
    value: numberOr(row[measure.index]),
  }));
  return {
    option: {
      legend: { type: "scroll", bottom: 0 },
      tooltip: {
        trigger: "item",
        className: TOOLTIP_CLASS,
        confine: true,
        formatter: (params) => {
          const item = Array.isArray(params) ? params[0] : params;
          if (!item) return "";
          const value = format.value(measure.column, item.value);
          return `<div class="tooltip-head">${item.marker ?? ""}${escapeHtml(item.name)}</div>${tooltipLine(
            format,
            escapeHtml(format.title(measure.column)),
            `${value} (${item.percent ?? 0} %)`,
            true,
          )}`;
        },
      },
      series: [
        {
          type: "pie",
          name: format.title(measure.column),
          radius: ["38%", "70%"],
          center: ["50%", "45%"],
          data,
          // names in the legend and the tooltip: labels around a pie do not fit a narrow tile
          label: { show: false },
          labelLine: { show: false },
        },
      ],
    },
    rowOf: (_series, dataIndex) => (dataIndex < result.rows.length ? dataIndex : undefined),
  };
}

/**
 * Bars or lines along the x dimension. With a series dimension, one series per its value (of the
 * first measure); otherwise one series per measure. Each (series, category) cell is one row.
 */
function axisModel(
  result: ReportResult,
  visualization: Extract<Visualization, { type: "bar" | "line" }>,
  format: ReportFormat,
): ChartModel {
  const x = column(result, visualization.x);
  const allMeasures = result.columns.filter((c) => c.kind === "measure");
  // measures unnamed: the first one only (a count beside a sum of money would be a flat line);
  // the tooltip shows the others
  const measureNames =
    visualization.measures && visualization.measures.length > 0
      ? visualization.measures
      : allMeasures.slice(0, 1).map((c) => c.name);
  const measures = (visualization.series ? measureNames.slice(0, 1) : measureNames).map((name) =>
    column(result, name),
  );
  const categories = distinct(result.rows.map((row) => row[x.index]));
  const seriesColumn = visualization.series ? column(result, visualization.series) : undefined;
  const seriesKeys = seriesColumn
    ? distinct(result.rows.map((row) => row[seriesColumn.index]))
    : measures.map((m) => m.column.name);
  // (series, category) → result row
  const cells = new Map<string, number>();
  result.rows.forEach((row, rowIndex) => {
    const category = categories.indexOf(row[x.index]);
    if (seriesColumn)
      cells.set(`${seriesKeys.indexOf(row[seriesColumn.index])}:${category}`, rowIndex);
    else for (let s = 0; s < measures.length; s++) cells.set(`${s}:${category}`, rowIndex);
  });
  const measureOf = (seriesIndex: number) => measures[seriesColumn ? 0 : seriesIndex]!;
  const type = visualization.type;
  const series = seriesKeys.map((key, s) => {
    const measure = measureOf(s);
    const data = categories.map((_c, ci) => {
      const rowIndex = cells.get(`${s}:${ci}`);
      return rowIndex === undefined ? null : numberOr(result.rows[rowIndex]![measure.index]);
    });
    const name = seriesColumn
      ? format.value(seriesColumn.column, key)
      : format.title(measure.column);
    const stack = visualization.stacked ? "total" : undefined;
    return type === "bar"
      ? ({ type, name, data, stack, barMaxWidth: 48 } satisfies BarSeriesOption)
      : ({ type, name, data, stack, symbolSize: 7 } satisfies LineSeriesOption);
  });
  const categoryAxis = {
    type: "category" as const,
    data: categories.map((value) => format.value(x.column, value)),
    inverse: visualization.horizontal === true,
    axisLabel: { hideOverlap: true },
  };
  const valueAxis = {
    type: "value" as const,
    axisLabel: { formatter: (value: number) => format.axis(value) },
  };
  return {
    option: {
      grid: {
        left: 8,
        right: 16,
        top: series.length > 1 ? 36 : 16,
        bottom: 8,
        outerBoundsMode: "same",
        outerBoundsContain: "axisLabel",
      },
      legend: series.length > 1 ? { type: "scroll", top: 0 } : { show: false },
      tooltip: {
        trigger: "item",
        className: TOOLTIP_CLASS,
        confine: true,
        formatter: (params) => {
          const item = Array.isArray(params) ? params[0] : params;
          if (!item) return "";
          const seriesIndex = item.seriesIndex ?? 0;
          const drawn = measureOf(seriesIndex);
          const rowIndex = cells.get(`${seriesIndex}:${item.dataIndex}`);
          const row = rowIndex === undefined ? undefined : result.rows[rowIndex];
          const lines = [
            tooltipLine(
              format,
              `${item.marker ?? ""}${escapeHtml(item.seriesName ?? "")}`,
              format.value(drawn.column, item.value),
              true,
            ),
          ];
          // the row's other measures are worth reading too, drawn or not
          if (row)
            result.columns.forEach((c, index) => {
              if (c.kind === "measure" && c.name !== drawn.column.name)
                lines.push(
                  tooltipLine(format, escapeHtml(format.title(c)), format.value(c, row[index])),
                );
            });
          return `<div class="tooltip-head">${escapeHtml(item.name)}</div>${lines.join("")}`;
        },
      },
      xAxis: visualization.horizontal ? valueAxis : categoryAxis,
      yAxis: visualization.horizontal ? categoryAxis : valueAxis,
      series,
    },
    rowOf: (seriesIndex, dataIndex) => cells.get(`${seriesIndex}:${dataIndex}`),
  };
}

function column(result: ReportResult, name: string): { column: ReportColumn; index: number } {
  const index = result.columns.findIndex((c) => c.name === name);
  if (index < 0) throw new Error(`the report has no column "${name}"`);
  return { column: result.columns[index]!, index };
}

/** The values in first-seen order, each once (the API sorts rows as the report asks). */
function distinct(values: readonly unknown[]): unknown[] {
  return [...new Set(values)];
}

/** Postgres numerics may come as strings; a missing value draws as 0 only in a pie. */
function numberOr(value: unknown): number {
  const number = typeof value === "number" ? value : Number(value);
  return Number.isFinite(number) ? number : 0;
}

/** A tooltip line "name: value" (`name` already HTML); the drawn value in bold. */
function tooltipLine(format: ReportFormat, name: string, value: string, drawn = false): string {
  const shown = drawn ? `<b>${escapeHtml(value)}</b>` : escapeHtml(value);
  const line = format.labelled(name, `<span class="tooltip-value">${shown}</span>`);
  return `<div class="tooltip-line">${line}</div>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
