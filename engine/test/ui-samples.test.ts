import { describe, expect, it } from "vitest";
import { evaluate, type Labels } from "../src/index.ts";
import { sampleModel } from "./support/sample-model.ts";

const base = sampleModel("manufacturing");
const model = sampleModel("manufacturing", "manufacturing-custom");

/** Every Labels object inside a value, with where it is. */
function labelsIn(value: unknown, at = ""): [string, Labels][] {
  if (typeof value !== "object" || value === null) return [];
  if ("en" in value) return [[at, value as Labels]];
  return Object.entries(value).flatMap(([key, child]) => labelsIn(child, `${at}/${key}`));
}

describe("the sample's forms, views and menu", () => {
  it("lay out the main documents with form files", () => {
    const fromFiles = Object.values(model.forms)
      .filter((form) => form.origin)
      .map((form) => form.entity);
    expect(fromFiles).toEqual([
      "customer",
      "expense_claim",
      "item",
      "purchase_request",
      "sales_order",
    ]);
  });

  it("speak English and Chinese everywhere", () => {
    const found = labelsIn({ forms: model.forms, views: model.views, menu: model.menu });
    expect(found.length).toBeGreaterThan(50);
    for (const [at, labels] of found) expect(labels["zh-CN"], at).toBeTruthy();
  });

  it("group the app into Sales, Purchasing, Inventory, Finance, Reports and Settings", () => {
    expect(model.menu.modules.map((m) => [m.id, m.labels["zh-CN"]])).toEqual([
      ["sales", "销售"],
      ["purchasing", "采购"],
      ["inventory", "库存"],
      ["finance", "财务"],
      ["reports", "报表"],
      ["settings", "设置"],
    ]);
    const items = model.menu.modules.flatMap((m) => m.items);
    for (const item of items)
      expect(
        "dashboard" in item
          ? model.dashboards?.[item.dashboard]
          : "report" in item
            ? model.reports?.[item.report]
            : model.views["view" in item ? item.view : item.entity],
        JSON.stringify(item),
      ).toBeDefined();
  });

  it("add the customization's regions to the base's Sales module", () => {
    expect(base.menu.modules[0]!.items).not.toContainEqual({ entity: "sales_region" });
    expect(model.menu.modules[0]!.items.at(-1)).toEqual({ entity: "sales_region" });
  });

  it("let the customization replace the customer list with one showing regions", () => {
    expect(base.views.customer!.columns).not.toContain("region");
    expect(model.views.customer).toMatchObject({
      columns: expect.arrayContaining(["region", "credit_rating"]),
      origin: { package: "acme-custom", file: "views/customer.json" },
    });
  });

  it("list open orders: neither approved nor cancelled, latest order date first", () => {
    const view = model.views.open_sales_orders!;
    expect(view.sort).toEqual([{ field: "order_date", desc: true }]);
    const open = (status: string) => evaluate(view.filter!, { status });
    expect(["draft", "pending_manager", "rejected"].map(open)).toEqual([true, true, true]);
    expect(["approved", "cancelled"].map(open)).toEqual([false, false]);
  });

  it("list my orders: those whose salesperson is the signed-in user", () => {
    const { filter } = model.views.my_sales_orders!;
    const user = { username: "li.wei" };
    expect(evaluate(filter!, { sales_person: "li.wei" }, { user })).toBe(true);
    expect(evaluate(filter!, { sales_person: "zhang.san" }, { user })).toBe(false);
  });

  it("list stock items that are active", () => {
    const { filter, entity } = model.views.stocked_items!;
    expect(entity).toBe("item");
    expect(evaluate(filter!, { is_stock_item: true, is_active: true })).toBe(true);
    expect(evaluate(filter!, { is_stock_item: false, is_active: true })).toBe(false);
  });
});
