import type { AppModel, Form, UiSchema } from "@loom/engine";
import { describe, expect, it } from "vitest";
import type { MetaDocument } from "../src/server/publish/meta-documents.ts";
import { fetchWith, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";
import { useSampleServer } from "./support/sample-app.ts";

interface Meta {
  model: AppModel;
  entities: MetaDocument["entities"];
}

const formFields = (form: Form | undefined): string[] =>
  form!.tabs.flatMap((tab) =>
    tab.sections.flatMap((section) => section.fields.map((f) => f.field)),
  );
const layoutFields = (ui: UiSchema): string[] =>
  ui["ui:layout"]!.flatMap((tab) => tab.sections.flatMap((section) => section.fields));
const menuOf = (model: AppModel) =>
  Object.fromEntries(model.menu.modules.map((m) => [m.id, m.items]));

describe.each(testDatabases())("forms, views and menu in /api/meta on $name", (target) => {
  const ctx = useSampleServer(target);

  const metaAs = async (username: string, roles: string[]): Promise<Meta> => {
    const { token } = await signIn(ctx.db, { username, roles });
    const res = await fetchWith(token)(`${ctx.server.url}/api/meta`);
    expect(res.status).toBe(200);
    return (await res.json()) as Meta;
  };

  it("serves the sample's forms, views and menu to an administrator, with ui:layout", async () => {
    const meta = (await (await ctx.fetch(`${ctx.server.url}/api/meta`)).json()) as Meta;
    expect(formFields(meta.model.forms.sales_order)).toContain("margin");
    expect(Object.keys(meta.model.views)).toEqual(
      expect.arrayContaining(["open_sales_orders", "my_sales_orders", "stocked_items", "unit"]),
    );
    expect(meta.model.menu.modules.map((m) => m.labels["zh-CN"])).toEqual([
      "销售",
      "采购",
      "库存",
      "财务",
      "报表",
      "设置",
    ]);
    const ui = meta.entities.sales_order!.uiSchema;
    expect(ui["ui:layout"]!.map((tab) => tab.id)).toEqual(["order", "lines", "delivery"]);
    expect((ui.department as UiSchema)["ui:widget"]).toBe("radio");
  });

  it("leaves a sales rep's hidden margin out of the form, its layout and its order", async () => {
    const meta = await metaAs("rep.forms", ["sales_rep"]);
    expect(formFields(meta.model.forms.sales_order)).not.toContain("margin");
    expect(formFields(meta.model.forms.sales_order)).toContain("total");
    const ui = meta.entities.sales_order!.uiSchema;
    expect(layoutFields(ui)).not.toContain("margin");
    expect(ui["ui:order"]).not.toContain("margin");
    expect(ui).not.toHaveProperty("margin");
  });

  it("shows a sales rep only the views and menu items of entities they may read", async () => {
    const { model } = await metaAs("rep.forms", ["sales_rep"]);
    expect(Object.keys(model.views).sort()).toEqual([
      "customer",
      "expense_claim",
      "item",
      "my_sales_orders",
      "open_sales_orders",
      "sales_order",
      "stocked_items",
    ]);
    expect(Object.keys(model.forms).sort()).toEqual([
      "customer",
      "expense_claim",
      "item",
      "sales_order",
    ]);
    expect(menuOf(model)).toEqual({
      sales: [
        { view: "my_sales_orders" },
        { view: "open_sales_orders" },
        { entity: "sales_order" },
        { entity: "customer" },
      ],
      inventory: [{ view: "stocked_items" }, { entity: "item" }],
      finance: [{ entity: "expense_claim" }],
      // the reports their role may run (report on sales orders; the stock and purchase ones not)
      reports: [
        { dashboard: "management" },
        { report: "sales_by_month" },
        { report: "top_customers" },
        { report: "sales_total_kpi" },
        { report: "approval_cycle_time" },
      ],
    });
    // nor are the definitions of the others served: they name what the rep may not see
    expect(Object.keys(model.reports ?? {}).sort()).toEqual([
      "approval_cycle_time",
      "sales_by_month",
      "sales_total_kpi",
      "top_customers",
    ]);
    expect(model.dashboards?.management?.tiles.map((tile) => tile.report).sort()).toEqual([
      "approval_cycle_time",
      "sales_by_month",
      "sales_total_kpi",
      "top_customers",
    ]);
  });

  it("shows a warehouse clerk no prices in forms, table columns or list columns", async () => {
    const { model, entities } = await metaAs("clerk.forms", ["warehouse_clerk"]);
    expect(model.views.stocked_items!.columns).toEqual([
      "code",
      "name",
      "specification",
      "item_type",
      "unit",
    ]);
    expect(formFields(model.forms.item)).not.toContain("standard_price");
    expect(formFields(model.forms.purchase_request)).not.toContain("estimated_total");
    expect(model.forms.purchase_request!.tables.lines!.columns).toEqual([
      "item",
      "description",
      "qty",
      "unit",
    ]);
    const lines = entities.purchase_request!.uiSchema.lines as UiSchema;
    expect(lines["ui:options"]?.columns).toEqual(["item", "description", "qty", "unit"]);
    expect(formFields(model.forms.stock_move)).not.toContain("unit_cost");
    const menu = menuOf(model);
    expect(Object.keys(menu)).toEqual(["purchasing", "inventory", "finance", "reports"]);
    // reads stock moves but may not report on them: the stock report is not offered
    expect(menu.reports).toEqual([{ dashboard: "management" }, { report: "approval_cycle_time" }]);
    expect(model.views.open_sales_orders).toBeUndefined();
  });
});
