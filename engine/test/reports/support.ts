import { compileApp, parsePackage } from "../../src/index.ts";
import { samplePackageFiles } from "../support/sample-model.ts";

/** A report over sales order lines that uses every part of the format. */
export function salesReport(): Record<string, unknown> {
  return {
    kind: "report",
    name: "sales_by_month",
    labels: { en: "Sales by month", "zh-CN": "月度销售" },
    entity: "sales_order_line",
    parameters: [
      {
        name: "from",
        type: "date",
        labels: { en: "From" },
        default: { relative: "start-of-year" },
      },
      { name: "to", type: "date", labels: { en: "To" }, default: { relative: "today" } },
      { name: "customer", type: "link", target: "customer", labels: { en: "Customer" } },
    ],
    filter: {
      and: [
        { ">=": [{ var: "parent.order_date" }, { var: "$report.from" }] },
        { "<=": [{ var: "parent.order_date" }, { var: "$report.to" }] },
      ],
    },
    dimensions: [
      { name: "month", field: "parent.order_date", bucket: "month" },
      { name: "customer", field: "parent.customer" },
    ],
    measures: [
      {
        name: "amount",
        labels: { en: "Amount" },
        aggregate: "sum",
        field: "amount",
        format: "money",
      },
      { name: "lines", labels: { en: "Lines" }, aggregate: "count" },
    ],
    sort: [{ by: "month" }],
    period: { field: "parent.order_date", from: "from", to: "to" },
    visualization: { type: "bar", x: "month", measures: ["amount"], series: "customer" },
  };
}

/** The manufacturing sample with extra files (`reports/x.json` → definition), compiled. */
export function compileSampleWith(extra: Record<string, unknown>) {
  const files = { ...samplePackageFiles("manufacturing") };
  for (const [file, value] of Object.entries(extra)) files[file] = JSON.stringify(value, null, 2);
  const parsed = parsePackage(files);
  if (!parsed.package) return { issues: parsed.issues };
  return compileApp([parsed.package]);
}
