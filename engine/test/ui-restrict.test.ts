import { describe, expect, it } from "vitest";
import { type AppModel, type Entity, restrictUi } from "../src/index.ts";
import { compile } from "./support/packages.ts";
import { uiPackage, validForm, validMenu, validView } from "./support/ui.ts";

const { model: full } = compile(
  uiPackage({
    "forms/sales_order.json": validForm(),
    "views/open_orders.json": validView(),
    "views/by_person.json": {
      ...validView(),
      name: "by_person",
      filter: { "==": [{ var: "sales_person" }, { var: "$user.username" }] },
    },
    "menu.json": {
      ...validMenu(),
      modules: [
        ...validMenu().modules,
        { id: "people", labels: { en: "People" }, items: [{ view: "by_person" }] },
      ],
    },
  }),
);

/** The model as a role sees it: entities it cannot read gone, hidden fields gone from the rest. */
function seenAs(hidden: Record<string, string[]>, unreadable: string[] = []): AppModel {
  const entities: Record<string, Entity> = {};
  for (const [name, entity] of Object.entries(full!.entities)) {
    if (unreadable.includes(name)) continue;
    const gone = hidden[name] ?? [];
    entities[name] = { ...entity, fields: entity.fields.filter((f) => !gone.includes(f.name)) };
  }
  return { ...full!, entities };
}

describe("restrictUi", () => {
  it("changes nothing when everything is visible", () => {
    expect(restrictUi(full!)).toEqual({ forms: full!.forms, views: full!.views, menu: full!.menu });
  });

  it("drops hidden fields from sections, table columns, view columns, sorts and searches", () => {
    const ui = restrictUi(
      seenAs({
        sales_order: ["total", "order_date", "sales_person"],
        sales_order_line: ["amount"],
      }),
    );
    const fields = ui.forms.sales_order!.tabs.flatMap((t) =>
      t.sections.flatMap((s) => s.fields.map((f) => f.field)),
    );
    expect(fields).not.toContain("total");
    expect(fields).not.toContain("order_date");
    expect(fields).toContain("order_no");
    expect(ui.forms.sales_order!.tables.lines!.columns).toEqual(["item"]);
    expect(ui.forms.sales_order!.tables["lines.batches"]!.columns).toEqual(["lot"]);
    expect(ui.views.open_orders).toMatchObject({
      columns: ["order_no", "customer", "status", "created_at"],
      sort: [{ field: "order_no", desc: false }],
      quickSearch: ["order_no"],
    });
  });

  it("drops a view whose filter reads a hidden field, and its menu item with it", () => {
    const ui = restrictUi(seenAs({ sales_order: ["sales_person"] }));
    expect(ui.views.by_person).toBeUndefined();
    expect(ui.views.open_orders).toBeDefined();
    expect(ui.menu.modules.map((m) => m.id)).toEqual(["sales"]);
  });

  it("drops sections and tabs left empty", () => {
    const ui = restrictUi(seenAs({ sales_order: ["lines", "total"] }));
    expect(ui.forms.sales_order!.tabs.map((t) => t.sections.map((s) => s.id))).toEqual([
      ["header"],
      ["other_fields"],
    ]);
  });

  it("drops the grid of a line's table the role may not see", () => {
    const ui = restrictUi(seenAs({ sales_order_line: ["batches"] }));
    expect(Object.keys(ui.forms.sales_order!.tables)).toEqual(["lines"]);
  });

  it("drops the forms, views and menu items of entities the role cannot read", () => {
    const ui = restrictUi(seenAs({}, ["customer"]));
    expect(Object.keys(ui.forms)).toEqual(["sales_order"]);
    expect(Object.keys(ui.views)).toEqual(["by_person", "open_orders", "sales_order"]);
    expect(ui.menu.modules[0]!.items).toEqual([{ view: "open_orders" }, { entity: "sales_order" }]);
    const none = restrictUi(seenAs({}, ["customer", "sales_order", "sales_order_line"]));
    expect(none).toEqual({ forms: {}, views: {}, menu: { modules: [] } });
  });
});
