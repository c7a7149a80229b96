import { describe, expect, it } from "vitest";
import { compileSampleWith, salesReport } from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: each case edits the fixture where it likes, deep inside
type Change = (report: Record<string, any>) => void;

const dashboard = (tiles: unknown[], extra: Record<string, unknown> = {}) => ({
  kind: "dashboard",
  name: "management",
  labels: { en: "Management" },
  tiles,
  ...extra,
});

function issuesOf(change: Change, more: Record<string, unknown> = {}) {
  const report = salesReport();
  change(report);
  const { model, issues } = compileSampleWith({ "reports/sales_by_month.json": report, ...more });
  return {
    model,
    issues: issues.map((i) => ({ code: i.code, path: i.path, message: i.message, file: i.file })),
  };
}

describe("loading reports and dashboards", () => {
  it("loads a report and a dashboard into the model", () => {
    const { model, issues } = issuesOf(() => {}, {
      "dashboards/management.json": dashboard([
        { report: "sales_by_month", x: 0, y: 0, w: 6, h: 4 },
      ]),
    });
    expect(issues).toEqual([]);
    expect(model?.reports?.sales_by_month?.origin).toEqual({
      package: "manufacturing",
      file: "reports/sales_by_month.json",
    });
    expect(model?.dashboards?.management?.tiles).toHaveLength(1);
  });

  it("refuses an unknown property with its pointer (schema)", () => {
    const { issues } = issuesOf((r) => {
      r.colour = "red";
    });
    expect(issues).toEqual([expect.objectContaining({ code: "schema", path: "/colour" })]);
  });

  it("refuses a visualization property of another chart type", () => {
    const { issues } = issuesOf((r) => {
      r.visualization = { type: "pie", category: "month", measure: "amount", stacked: true };
    });
    expect(issues).toEqual([
      expect.objectContaining({ code: "schema", path: "/visualization/stacked" }),
    ]);
  });

  const cases: Record<string, [Change, string, string]> = {
    "an unknown entity": [
      (r) => {
        r.entity = "nope";
      },
      "unknown-entity",
      "/entity",
    ],
    "an unknown field in a path": [
      (r) => {
        r.dimensions[1].field = "parent.nope";
      },
      "unknown-field",
      "/dimensions/1/field",
    ],
    "a path through a non-link": [
      (r) => {
        r.dimensions[1].field = "amount.x";
      },
      "unknown-field",
      "/dimensions/1/field",
    ],
    "a bucket on a non-date field": [
      (r) => {
        r.dimensions[1].bucket = "month";
      },
      "bucket-not-date",
      "/dimensions/1/bucket",
    ],
    "grouping by a table field": [
      (r) => {
        r.dimensions[1].field = "schedule";
      },
      "not-groupable",
      "/dimensions/1/field",
    ],
    "a sum of text": [
      (r) => {
        r.measures[0].field = "description";
      },
      "not-aggregatable",
      "/measures/0/aggregate",
    ],
    "an avg of a link": [
      (r) => {
        r.measures[0] = { ...r.measures[0], aggregate: "avg", field: "item" };
      },
      "not-aggregatable",
      "/measures/0/aggregate",
    ],
    "a sum without a field": [
      (r) => {
        delete r.measures[0].field;
      },
      "missing-field",
      "/measures/0",
    ],
    "a name used twice": [
      (r) => {
        r.measures[1].name = "month";
      },
      "duplicate-name",
      "/measures/1/name",
    ],
    "a sort by an unknown name": [
      (r) => {
        r.sort = [{ by: "nope" }];
      },
      "unknown-name",
      "/sort/0/by",
    ],
    "a chart's unknown dimension": [
      (r) => {
        r.visualization.x = "nope";
      },
      "unknown-dimension",
      "/visualization/x",
    ],
    "a chart's unknown measure": [
      (r) => {
        r.visualization.measures = ["nope"];
      },
      "unknown-measure",
      "/visualization/measures/0",
    ],
    "a kpi compare without a period": [
      (r) => {
        delete r.period;
        r.visualization = { type: "kpi", measure: "amount", compare: "previous-period" };
      },
      "missing-period",
      "/visualization/compare",
    ],
    "a period bounded by a non-date parameter": [
      (r) => {
        r.period.to = "customer";
      },
      "not-date-parameter",
      "/period/to",
    ],
    "a period on a non-date field": [
      (r) => {
        r.period.field = "amount";
      },
      "not-date",
      "/period/field",
    ],
    "a filter reading an unknown parameter": [
      (r) => {
        r.filter.and[0][">="][1] = { var: "$report.nope" };
      },
      "unknown-parameter",
      "/filter/and/0/>=/1/var",
    ],
    "a filter reading an unknown field": [
      (r) => {
        r.filter.and[0][">="][0] = { var: "parent.nope" };
      },
      "unknown-field",
      "/filter/and/0/>=/0/var",
    ],
    "a filter comparing a date with text": [
      (r) => {
        r.filter = { "==": [{ var: "parent.order_date" }, { var: "$report.customer" }] };
      },
      "type-mismatch",
      "/filter",
    ],
    "a link parameter without target": [
      (r) => {
        delete r.parameters[2].target;
      },
      "missing-target",
      "/parameters/2",
    ],
    "a default of the wrong type": [
      (r) => {
        r.parameters[0].default = "yesterday";
      },
      "invalid-default",
      "/parameters/0/default",
    ],
    "a drill to a view of another entity": [
      (r) => {
        r.drill = { view: "customer" };
      },
      "drill-entity",
      "/drill/view",
    ],
    "a drill to an unknown view": [
      (r) => {
        r.drill = { view: "nope" };
      },
      "unknown-view",
      "/drill/view",
    ],
  };
  for (const [name, [change, code, path]] of Object.entries(cases))
    it(`refuses ${name} (${code})`, () => {
      const { issues, model } = issuesOf(change);
      expect(model).toBeUndefined();
      expect(issues).toContainEqual(
        expect.objectContaining({
          code,
          path: expect.stringMatching(new RegExp(`^${path.replace(/[/$^*+?.()|[\]{}]/g, "\\$&")}`)),
          file: "reports/sales_by_month.json",
        }),
      );
    });

  it("refuses a tile naming an unknown report and one past the grid", () => {
    const { issues } = issuesOf(() => {}, {
      "dashboards/management.json": dashboard([
        { report: "nope", x: 0, y: 0, w: 6, h: 4 },
        { report: "sales_by_month", x: 8, y: 0, w: 6, h: 4 },
      ]),
    });
    expect(issues).toEqual([
      expect.objectContaining({ code: "unknown-report", path: "/tiles/0/report" }),
      expect.objectContaining({ code: "tile-too-wide", path: "/tiles/1/w" }),
    ]);
  });

  it("refuses a shared parameter of another type than the tile report's", () => {
    const { issues } = issuesOf(() => {}, {
      "dashboards/management.json": dashboard(
        [{ report: "sales_by_month", x: 0, y: 0, w: 6, h: 4 }],
        {
          parameters: [{ name: "from", type: "text", labels: { en: "From" } }],
        },
      ),
    });
    expect(issues).toEqual([
      expect.objectContaining({ code: "parameter-type-mismatch", path: "/tiles/0/report" }),
    ]);
  });

  it("refuses two reports of one name", () => {
    const { issues } = issuesOf(() => {}, { "reports/again.json": salesReport() });
    expect(issues).toEqual([expect.objectContaining({ code: "duplicate-report", path: "/name" })]);
  });

  it("checks menu items naming reports and dashboards", () => {
    const { issues } = issuesOf(() => {}, {
      "menu.json": {
        kind: "menu",
        modules: [
          {
            id: "reports",
            labels: { en: "Reports" },
            items: [{ report: "sales_by_month" }, { dashboard: "nope" }, { report: "nope" }],
          },
        ],
      },
    });
    expect(issues).toEqual([
      expect.objectContaining({ code: "unknown-dashboard", path: "/modules/0/items/1/dashboard" }),
      expect.objectContaining({ code: "unknown-report", path: "/modules/0/items/2/report" }),
    ]);
  });
});
