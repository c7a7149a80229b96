import { describe, expect, it } from "vitest";
import { type AppModel, restrictUi } from "../../src/index.ts";
import { compileSampleWith, salesReport } from "./support.ts";

const marginReport = {
  ...salesReport(),
  name: "margins",
  entity: "sales_order",
  parameters: [],
  filter: { ">": [{ var: "margin" }, 0] },
  dimensions: [{ name: "customer", field: "customer" }],
  measures: [{ name: "orders", labels: { en: "Orders" }, aggregate: "count" }],
  period: undefined,
  sort: undefined,
  visualization: { type: "table" },
};

describe("report menu items for roles that may not read everything", () => {
  const { model, issues } = compileSampleWith({
    "reports/sales_by_month.json": salesReport(),
    "reports/margins.json": marginReport,
    "dashboards/board.json": {
      kind: "dashboard",
      name: "board",
      labels: { en: "Board" },
      tiles: [{ report: "margins", x: 0, y: 0, w: 12, h: 4 }],
    },
    "menu.json": {
      kind: "menu",
      modules: [
        {
          id: "reports",
          labels: { en: "Reports" },
          items: [{ report: "sales_by_month" }, { report: "margins" }, { dashboard: "board" }],
        },
      ],
    },
  });

  it("keeps every item for a model that hides nothing", () => {
    expect(issues).toEqual([]);

    expect(restrictUi(model!).menu.modules[0]?.items).toHaveLength(3);
  });

  it("drops a report reading a hidden field, and a dashboard left without a report", () => {
    const order = model!.entities.sales_order!;
    const restricted: AppModel = {
      ...model!,
      entities: {
        ...model!.entities,
        sales_order: { ...order, fields: order.fields.filter((f) => f.name !== "margin") },
      },
    };
    expect(restrictUi(restricted).menu.modules[0]?.items).toEqual([{ report: "sales_by_month" }]);
  });
});
