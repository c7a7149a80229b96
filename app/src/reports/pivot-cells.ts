import type { Aggregate, ReportResult } from "@loom/engine";

/** A pivot of one measure: the rows' and columns' dimension values, and the result row of each cell. */
export interface PivotCells {
  readonly rowKeys: readonly unknown[];
  readonly columnKeys: readonly unknown[];
  /** the result row of (row key, column key), if any */
  rowOf(rowKey: number, columnKey: number): number | undefined;
  value(rowKey: number, columnKey: number): number | null;
  /** a row's (or column's) total, where the aggregate adds up across cells; null where it does not */
  rowTotal(rowKey: number): number | null;
  columnTotal(columnKey: number): number | null;
}

export function pivotCells(
  result: ReportResult,
  rows: string,
  columns: string,
  measure: string,
): PivotCells {
  const ri = indexOf(result, rows);
  const ci = indexOf(result, columns);
  const mi = indexOf(result, measure);
  const rowKeys = [...new Set(result.rows.map((row) => row[ri]))];
  const columnKeys = [...new Set(result.rows.map((row) => row[ci]))];
  if (result.columns[ci]?.bucket) columnKeys.sort((a, b) => String(a).localeCompare(String(b)));
  const cells = new Map<string, number>();
  result.rows.forEach((row, index) => {
    cells.set(`${rowKeys.indexOf(row[ri])}:${columnKeys.indexOf(row[ci])}`, index);
  });
  const value = (r: number, c: number): number | null => {
    const index = cells.get(`${r}:${c}`);
    const raw = index === undefined ? null : result.rows[index]![mi];
    return raw === null || raw === undefined ? null : Number(raw);
  };
  const combine = combiner(result.columns[mi]?.aggregate);
  const total = (values: (number | null)[]) => {
    const present = values.filter((v): v is number => v !== null);
    return combine && present.length > 0 ? combine(present) : null;
  };
  return {
    rowKeys,
    columnKeys,
    rowOf: (r, c) => cells.get(`${r}:${c}`),
    value,
    rowTotal: (r) => total(columnKeys.map((_k, c) => value(r, c))),
    columnTotal: (c) => total(rowKeys.map((_k, r) => value(r, c))),
  };
}

/**
 * How cells of an aggregate combine into a subtotal: counts and sums add, minima and maxima
 * stay extremes; an average or a distinct count of parts is not the whole's, so none.
 */
function combiner(aggregate: Aggregate | undefined): ((values: number[]) => number) | undefined {
  switch (aggregate) {
    case "count":
    case "sum":
      return (values) => values.reduce((sum, v) => sum + v, 0);
    case "min":
      return (values) => Math.min(...values);
    case "max":
      return (values) => Math.max(...values);
    default:
      return undefined;
  }
}

function indexOf(result: ReportResult, name: string): number {
  const index = result.columns.findIndex((c) => c.name === name);
  if (index < 0) throw new Error(`the report has no column "${name}"`);
  return index;
}
