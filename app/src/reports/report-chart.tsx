import type { ReportResult } from "@loom/engine";
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { type ECElementEvent, init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useMemo, useRef } from "react";
import { type ChartVisualization, chartModel } from "./chart-options.ts";
import { useReportFormat } from "./report-format.ts";

// only the parts drawn here go into the bundle
use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export interface ReportChartProps {
  result: ReportResult;
  visualization: ChartVisualization;
  /** a short description for screen readers (the data is in a table beside the chart) */
  label: string;
  onDrill?: (rowIndex: number) => void;
}

/** A bar, line or pie chart of a result (canvas), redrawn on resize; a click drills into a row. */
export function ReportChart({ result, visualization, label, onDrill }: ReportChartProps) {
  const format = useReportFormat(result);
  const model = useMemo(
    () => chartModel(result, visualization, format),
    [result, visualization, format],
  );
  const host = useRef<HTMLDivElement>(null);
  const drill = useRef(onDrill);
  drill.current = onDrill;

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const chart = init(element, undefined, { renderer: "canvas" });
    chart.setOption(model.option);
    chart.on("click", (event: ECElementEvent) => {
      const row = model.rowOf(event.seriesIndex ?? 0, event.dataIndex);
      if (row !== undefined) drill.current?.(row);
    });
    // a tile or window resizing redraws the chart to its new size
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [model]);

  return (
    <div
      ref={host}
      className={onDrill ? "report-chart drillable" : "report-chart"}
      role="img"
      aria-label={label}
      data-testid="report-chart"
    />
  );
}
