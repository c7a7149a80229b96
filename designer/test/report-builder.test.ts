import { beforeAll, describe, expect, it } from "vitest";
import { applyChanges, type FileChanges, type Files } from "../src/draft/design-context.ts";
import type { DocumentEditResult } from "../src/draft/document-files.ts";
import { documentCatalog } from "../src/draft/document-files.ts";
import { expressionModel } from "../src/expressions/expression-model.ts";
import { measureWith, pathsFor } from "../src/reports/measure-choices.ts";
import { readReport } from "../src/reports/report-def.ts";
import {
  addReport,
  addToList,
  newDimension,
  REPORT,
  removeFromList,
  renameMember,
  setChartType,
  setReportValue,
  visualizationOf,
} from "../src/reports/report-edits.ts";
import {
  aggregatesFor,
  reportEntities,
  reportPaths,
  WORKFLOW_TASKS,
} from "../src/reports/report-fields.ts";
import {
  builderPlaces,
  placeProblems,
  previewProblems,
} from "../src/reports/report-problem-places.ts";
import { contextOf, sampleDraft } from "./sample-draft.ts";

const FILE = "reports/sales_by_customer.json";

let custom: Files;
let base: Files;

beforeAll(async () => {
  ({ custom, base } = await sampleDraft());
});

function applied(files: Files, result: DocumentEditResult): Files {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.refusal)}`);
  return applyChanges(files, result.changes as FileChanges);
}

const reportIn = (files: Files) => JSON.parse(files[FILE]!) as Record<string, unknown>;

describe("the report builder's edits", () => {
  it("adds a report over an entity counting its rows, and refuses a taken or bad name", () => {
    const ctx = contextOf(custom, base);
    const files = applied(
      custom,
      addReport(ctx, "sales_by_customer", { en: "Sales by customer" }, "sales_order"),
    );
    expect(reportIn(files)).toEqual({
      kind: "report",
      name: "sales_by_customer",
      labels: { en: "Sales by customer" },
      entity: "sales_order",
      measures: [{ name: "count", labels: { en: "Count", "zh-CN": "数量" }, aggregate: "count" }],
      visualization: { type: "table", totals: true },
    });
    const again = addReport(contextOf(files, base), "sales_by_customer", { en: "x" }, "item");
    expect(again).toMatchObject({ ok: false, refusal: { code: "exists" } });
    expect(addReport(ctx, "Bad-Name", { en: "x" }, "item")).toMatchObject({
      ok: false,
      refusal: { code: "bad-name" },
    });
    // the draft's own first, editable; the base package's after it, read only
    const catalog = documentCatalog(contextOf(files, base), REPORT);
    expect(catalog[0]).toMatchObject({ name: "sales_by_customer", own: true, file: FILE });
    expect(catalog.slice(1).every((entry) => !entry.own && entry.package === "manufacturing")).toBe(
      true,
    );
  });

  it("builds sum of total by customer as a bar chart, renaming a measure everywhere it is named", () => {
    let files = applied(
      custom,
      addReport(contextOf(custom, base), "sales_by_customer", { en: "Sales" }, "sales_order"),
    );
    const step = (make: (ctx: ReturnType<typeof contextOf>) => DocumentEditResult) => {
      files = applied(files, make(contextOf(files, base)));
    };
    const report = () => readReport(reportIn(files));
    step((ctx) =>
      addToList(ctx, "sales_by_customer", "dimensions", newDimension(report(), "customer", false)),
    );
    step((ctx) =>
      setReportValue(ctx, "sales_by_customer", ["measures", 0], {
        name: "count",
        labels: { en: "Total" },
        aggregate: "sum",
        field: "total",
      }),
    );
    step((ctx) => setChartType(ctx, "sales_by_customer", "bar"));
    expect(report().visualization).toEqual({ type: "bar", x: "customer" });
    step((ctx) => addToList(ctx, "sales_by_customer", "sort", { by: "count", desc: true }));
    step((ctx) =>
      setReportValue(ctx, "sales_by_customer", ["visualization", "measures"], ["count"]),
    );
    step((ctx) => renameMember(ctx, "sales_by_customer", "measures", 0, "total_sum"));
    expect(report().sort).toEqual([{ by: "total_sum", desc: true }]);
    // emptied while retyped: the references wait for the name to come back
    step((ctx) => renameMember(ctx, "sales_by_customer", "measures", 0, ""));
    expect(report().sort).toEqual([{ by: "total_sum", desc: true }]);
    step((ctx) => renameMember(ctx, "sales_by_customer", "measures", 0, "total_sum"));
    expect(report().visualization).toEqual({ type: "bar", x: "customer", measures: ["total_sum"] });
    // a pie takes its slices from the bar's categories
    step((ctx) => setChartType(ctx, "sales_by_customer", "pie"));
    expect(report().visualization).toEqual({
      type: "pie",
      category: "customer",
      measure: "total_sum",
    });
    // removing the only sort key drops the optional list with it
    step((ctx) => removeFromList(ctx, "sales_by_customer", "sort", 0));
    expect("sort" in reportIn(files)).toBe(false);
  });

  it("names a new dimension after its path, unique among the report's names", () => {
    const report = readReport({
      dimensions: [{ name: "order_date", field: "parent.order_date" }],
      measures: [{ name: "count" }],
    });
    expect(newDimension(report, "parent.order_date", true)).toEqual({
      name: "order_date_2",
      field: "parent.order_date",
      bucket: "month",
    });
    expect(newDimension(report, "item.category", false)).toEqual({
      name: "item_category",
      field: "item.category",
    });
  });

  it("fills a pivot's rows and columns from two different dimensions", () => {
    const report = readReport({
      dimensions: [{ name: "month" }, { name: "region" }],
      measures: [{ name: "amount" }],
    });
    expect(visualizationOf("pivot", report)).toEqual({
      type: "pivot",
      rows: "month",
      columns: "region",
      measure: "amount",
      totals: true,
    });
    expect(visualizationOf("kpi", report)).toEqual({ type: "kpi", measure: "amount" });
  });

  it("refuses to edit a base package's report", () => {
    const withBase = {
      ...base,
      "reports/top.json": JSON.stringify({ kind: "report", name: "top", labels: { en: "Top" } }),
    };
    const ctx = contextOf(custom, withBase);
    expect(setReportValue(ctx, "top", ["limit"], 10)).toMatchObject({
      ok: false,
      refusal: { code: "base", package: "manufacturing" },
    });
    const copied = applied(custom, addReport(ctx, "top_copy", { en: "Copy" }, "", "top"));
    expect(JSON.parse(copied["reports/top_copy.json"]!)).toEqual({
      kind: "report",
      name: "top_copy",
      labels: { en: "Copy" },
    });
  });
});

describe("the paths a report offers", () => {
  it("offers a line's fields, its links' fields and its document's through parent.", () => {
    const model = expressionModel(contextOf(custom, base));
    const paths = reportPaths(model, "sales_order_line").map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["qty", "amount", "item", "item.category"]));
    expect(paths).toEqual(
      expect.arrayContaining(["parent.order_date", "parent.customer", "parent.customer.name"]),
    );
    // lines of lines and free JSON are not reportable
    expect(paths).not.toContain("schedule");
    expect(paths.filter((p) => p.split(".").length > 3)).toEqual([]);
    const order = reportPaths(model, "sales_order");
    expect(order.find((p) => p.path === "customer.name")?.via).toBe("customer");
    expect(order.some((p) => p.path.startsWith("parent."))).toBe(false);
  });

  it("gives a measure labels from its choices until someone types their own", () => {
    const paths = reportPaths(expressionModel(contextOf(custom, base)), "sales_order");
    const count = {
      name: "count",
      labels: { en: "Count", "zh-CN": "数量" },
      aggregate: "count",
    } as const;
    const sum = measureWith(count, "sum", "total", paths);
    expect(sum).toEqual({
      ...count,
      aggregate: "sum",
      field: "total",
      labels: { en: "Order Total", "zh-CN": "订单金额" },
    });
    expect(measureWith(sum, "avg", "total", paths).labels).toEqual({
      en: "Average Order Total",
      "zh-CN": "订单金额平均",
    });
    // a date is not averaged: the field goes, the rows are counted again
    expect(measureWith(sum, "avg", "order_date", paths)).toEqual({
      ...count,
      aggregate: "avg",
      labels: { en: "Average", "zh-CN": "平均" },
    });
    const typed = { ...sum, labels: { en: "Sales" } };
    expect(measureWith(typed, "max", "total", paths).labels).toEqual({ en: "Sales" });
  });

  it("sums and averages numbers only", () => {
    const model = expressionModel(contextOf(custom, base));
    const paths = reportPaths(model, "sales_order");
    const summable = pathsFor("sum", paths).map((p) => p.path);
    expect(summable).toEqual(expect.arrayContaining(["total", "margin", "exchange_rate"]));
    expect(summable).not.toContain("customer");
    expect(summable).not.toContain("order_date");
    expect(pathsFor("distinct", paths).map((p) => p.path)).toContain("customer");
    expect(aggregatesFor("date")).toEqual(["min", "max", "distinct", "count"]);
  });

  it("offers documents, lines and the workflow tasks, whose hours can be averaged", () => {
    const model = expressionModel(contextOf(custom, base));
    const entities = reportEntities(model);
    expect(entities.find((e) => e.name === "sales_order_line")?.line).toBe(true);
    expect(entities.some((e) => e.name === "company_settings")).toBe(false);
    expect(entities.at(-1)?.name).toBe(WORKFLOW_TASKS);
    const tasks = reportPaths(model, WORKFLOW_TASKS);
    expect(pathsFor("avg", tasks).map((p) => p.path)).toEqual(["hours"]);
    expect(tasks.find((p) => p.path === "created_at")?.type).toBe("datetime");
  });
});

describe("where the builder shows a problem", () => {
  const report = readReport({
    dimensions: [{ name: "customer", field: "customr" }],
    measures: [{ name: "total", aggregate: "sum", field: "total" }],
  });

  it("shows each at the most specific input it points into, the rest above the builder", () => {
    const placed = placeProblems(builderPlaces(report), [
      { path: "/dimensions/0/field", message: "no field customr" },
      { path: "/measures/0", message: "needs labels" },
      { path: "/visualization/x/0", message: "odd" },
      { path: "/nonsense", message: "not a property" },
    ]);
    expect(placed.at("/dimensions/0/field")).toEqual(["no field customr"]);
    expect(placed.at("/measures/0")).toEqual(["needs labels"]);
    expect(placed.at("/visualization/x")).toEqual(["odd"]);
    expect(placed.rest).toEqual([{ path: "/nonsense", message: "not a property" }]);
  });

  it("reads the preview's details as pointers into the report", () => {
    expect(
      previewProblems([
        { path: "/report/dimensions/0/field", message: "a" },
        { path: "/report", message: "b" },
        { path: "/measures/0/field", message: "c" },
      ]).map((p) => p.path),
    ).toEqual(["/dimensions/0/field", "", "/measures/0/field"]);
  });
});
