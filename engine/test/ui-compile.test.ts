import { describe, expect, it } from "vitest";
import { type AppModel, defaultUi, type Form } from "../src/index.ts";
import { compile, entity, field } from "./support/packages.ts";
import { uiCustomization, uiPackage, validForm, validMenu, validView } from "./support/ui.ts";

function modelOf(...filesets: Record<string, string>[]): AppModel {
  const { model, issues } = compile(...filesets);
  expect(issues).toEqual([]);
  return model!;
}

const layout = (form: Form) =>
  form.tabs.map((tab) => ({
    tab: tab.id,
    sections: tab.sections.map(
      (s) => `${s.id}/${s.columns}: ${s.fields.map((f) => f.field).join(" ")}`,
    ),
  }));

describe("default forms, views and menu", () => {
  const model = modelOf(uiPackage({}));

  it("gives every document entity a form with its fields in one section of one tab", () => {
    expect(Object.keys(model.forms)).toEqual(["customer", "sales_order"]);
    expect(layout(model.forms.sales_order!)).toEqual([
      {
        tab: "main",
        sections: [
          "main/2: order_no customer order_date status is_urgent tags sales_person note extra lines total",
        ],
      },
    ]);
    expect(model.forms.sales_order!.tabs[0]!.labels).toEqual({
      en: "sales_order",
      "zh-CN": "sales_order",
    });
    expect(model.forms.sales_order!.origin).toBeUndefined();
  });

  it("lays out six fields or fewer in one column", () => {
    expect(layout(model.forms.customer!)).toEqual([
      { tab: "main", sections: ["main/1: name region"] },
    ]);
  });

  it("shows a table's lines with every child field that is not itself a table", () => {
    expect(model.forms.sales_order!.tables).toEqual({
      lines: { columns: ["item", "qty", "amount"] },
      "lines.batches": { columns: ["lot"] },
    });
  });

  it("gives every document entity a view named after it: title field and five more, newest first", () => {
    expect(Object.keys(model.views)).toEqual(["customer", "sales_order"]);
    expect(model.views.sales_order).toEqual({
      name: "sales_order",
      entity: "sales_order",
      labels: { en: "sales_order", "zh-CN": "sales_order" },
      // long text, json and tables make poor columns
      columns: ["order_no", "customer", "order_date", "status", "is_urgent", "tags"],
      sort: [{ field: "created_at", desc: true }],
      quickSearch: ["order_no"],
    });
  });

  it("puts the title field first and searches it only when it holds text", () => {
    const files = uiPackage({});
    files["entities/customer.json"] = JSON.stringify(
      entity("customer", [field("since", "date"), field("name", "text")], { titleField: "since" }),
    );
    const views = modelOf(files).views;
    expect(views.customer).toMatchObject({ columns: ["since", "name"], quickSearch: [] });
  });

  it("gives no form or view to child entities", () => {
    expect(model.forms.sales_order_line).toBeUndefined();
    expect(model.views.sales_order_line).toBeUndefined();
  });

  it("without a menu file, lists each package's document entities in a module of its own", () => {
    const withCustom = modelOf(
      uiPackage({}),
      uiCustomization({ "entities/region.json": entity("region", [field("name", "text")]) }),
    );
    expect(withCustom.menu).toEqual({
      modules: [
        {
          id: "base_pkg",
          labels: { en: "Test" },
          items: [{ entity: "customer" }, { entity: "sales_order" }],
        },
        {
          id: "custom_pkg",
          labels: { en: "Custom", "zh-CN": "定制" },
          items: [{ entity: "region" }],
        },
      ],
    });
  });
});

describe("compiling form files", () => {
  it("keeps the file's tabs, sections, widgets and placeholders, and appends what it leaves out", () => {
    const form = modelOf(uiPackage({ "forms/sales_order.json": validForm() })).forms.sales_order!;
    expect(layout(form)).toEqual([
      { tab: "order", sections: ["header/2: order_no customer order_date status sales_person"] },
      {
        tab: "lines",
        sections: ["lines/1: lines total", "other_fields/1: is_urgent tags note extra"],
      },
    ]);
    expect(form.tabs[1]!.sections[1]!.labels).toEqual({ en: "Other Fields", "zh-CN": "其他字段" });
    expect(form.tabs[0]!.sections[0]!.fields).toContainEqual({
      field: "sales_person",
      placeholder: { en: "who sells", "zh-CN": "who sells" },
    });
    expect(form.tables).toEqual({
      lines: { columns: ["item", "amount"] },
      "lines.batches": { columns: ["lot"] },
    });
    expect(form.origin).toEqual({ package: "base-pkg", file: "forms/sales_order.json" });
  });

  it("appends left-out fields to the form's own other_fields section, wherever it is", () => {
    const def = validForm();
    def.tabs[0]!.sections.push({ id: "other_fields", fields: ["note"] });
    const form = modelOf(uiPackage({ "forms/sales_order.json": def })).forms.sales_order!;
    expect(layout(form)).toEqual([
      {
        tab: "order",
        sections: [
          "header/2: order_no customer order_date status sales_person",
          "other_fields/1: note is_urgent tags extra",
        ],
      },
      { tab: "lines", sections: ["lines/1: lines total"] },
    ]);
  });

  it("makes a form of sections one tab, titled by the form's labels", () => {
    const def = {
      kind: "form",
      entity: "customer",
      labels: { en: "Client", "zh-CN": "客户" },
      sections: [{ id: "who", columns: 3, fields: ["region", "name"] }],
    };
    const form = modelOf(uiPackage({ "forms/customer.json": def })).forms.customer!;
    expect(form.labels).toEqual({ en: "Client", "zh-CN": "客户" });
    expect(form.tabs).toEqual([
      {
        id: "main",
        labels: { en: "Client", "zh-CN": "客户" },
        sections: [{ id: "who", columns: 3, fields: [{ field: "region" }, { field: "name" }] }],
      },
    ]);
  });

  it("keeps the default layout for a form that only sets table columns", () => {
    const def = { kind: "form", entity: "sales_order", tables: { lines: { columns: ["qty"] } } };
    const form = modelOf(uiPackage({ "forms/sales_order.json": def })).forms.sales_order!;
    expect(form.tabs).toHaveLength(1);
    expect(form.tabs[0]!.sections[0]!.fields).toHaveLength(11);
    expect(form.tables).toEqual({
      lines: { columns: ["qty"] },
      "lines.batches": { columns: ["lot"] },
    });
  });

  it("takes the columns of a line's own table from the file, by its path", () => {
    const files = uiPackage({
      "entities/sales_order_batch.json": entity(
        "sales_order_batch",
        [field("lot", "text"), field("expires", "date")],
        { type: "child" },
      ),
      "forms/sales_order.json": {
        kind: "form",
        entity: "sales_order",
        tables: { "lines.batches": { columns: ["expires"] } },
      },
    });
    expect(modelOf(files).forms.sales_order!.tables).toEqual({
      lines: { columns: ["item", "qty", "amount"] },
      "lines.batches": { columns: ["expires"] },
    });
  });

  it("places a customization's new fields, required ones included, in other_fields", () => {
    const model = modelOf(
      uiPackage({ "forms/sales_order.json": validForm() }),
      uiCustomization({
        "extensions/sales_order.json": {
          kind: "entity-extension",
          entity: "sales_order",
          fields: [field("channel", "text", { required: true })],
        },
      }),
    );
    const other = model.forms.sales_order!.tabs[1]!.sections[1]!;
    expect(other.fields.map((f) => f.field)).toEqual([
      "is_urgent",
      "tags",
      "note",
      "extra",
      "channel",
    ]);
  });
});

describe("compiling view files", () => {
  it("makes the defaults explicit and keeps the rest", () => {
    const view = validView();
    view.sort = [{ field: "order_date" }];
    delete (view as Record<string, unknown>).pageSize;
    const compiled = modelOf(uiPackage({ "views/open_orders.json": view })).views.open_orders;
    expect(compiled).toEqual({
      name: "open_orders",
      entity: "sales_order",
      labels: { en: "Open Orders", "zh-CN": "Open Orders" },
      columns: ["order_no", "customer", "order_date", "status", "total", "created_at"],
      sort: [{ field: "order_date", desc: false }],
      filter: { "!=": [{ var: "status" }, "done"] },
      quickSearch: ["order_no", "sales_person"],
      origin: { package: "base-pkg", file: "views/open_orders.json" },
    });
  });

  it("sorts newest first and searches the title field when the file says nothing", () => {
    const { sort, quickSearch, ...view } = validView();
    const compiled = modelOf(uiPackage({ "views/open_orders.json": view })).views.open_orders;
    expect(compiled).toMatchObject({
      sort: [{ field: "created_at", desc: true }],
      quickSearch: ["order_no"],
    });
  });

  it("replaces an entity's default view with a view file of its name", () => {
    const view = { ...validView(), name: "sales_order" };
    const { views } = modelOf(uiPackage({ "views/sales_order.json": view }));
    expect(Object.keys(views)).toEqual(["customer", "sales_order"]);
    expect(views.sales_order!.columns).toEqual(validView().columns);
  });

  it("lets a customization replace a view and a form of its base", () => {
    const replacement = { ...validView(), columns: ["order_no", "total"] };
    const form = {
      kind: "form",
      entity: "sales_order",
      sections: [{ id: "all", fields: ["total"] }],
    };
    const model = modelOf(
      uiPackage({ "views/open_orders.json": validView(), "forms/sales_order.json": validForm() }),
      uiCustomization({
        "views/open_orders.json": replacement,
        "views/customer.json": {
          ...validView(),
          name: "customer",
          entity: "customer",
          columns: ["region"],
          sort: [],
          quickSearch: [],
          filter: undefined,
        },
        "forms/sales_order.json": form,
      }),
    );
    expect(model.views.open_orders).toMatchObject({
      columns: ["order_no", "total"],
      origin: { package: "custom-pkg", file: "views/open_orders.json" },
    });
    expect(model.views.customer).toMatchObject({
      columns: ["region"],
      origin: { package: "custom-pkg" },
    });
    expect(model.forms.sales_order!.tabs[0]!.sections[0]!.fields[0]).toEqual({ field: "total" });
    expect(model.forms.sales_order!.origin).toEqual({
      package: "custom-pkg",
      file: "forms/sales_order.json",
    });
  });
});

describe("merging menus", () => {
  it("merges by module id in package order: items added once, labels and icon replaced", () => {
    const model = modelOf(
      uiPackage({ "views/open_orders.json": validView(), "menu.json": validMenu() }),
      uiCustomization({
        "entities/region.json": entity("region", [field("name", "text")]),
        "menu.json": {
          kind: "menu",
          modules: [
            { id: "regions", labels: { en: "Regions" }, items: [{ entity: "region" }] },
            {
              id: "sales",
              icon: "badge-dollar-sign",
              items: [{ entity: "sales_order" }, { entity: "region" }],
            },
          ],
        },
      }),
    );
    expect(model.menu).toEqual({
      modules: [
        {
          id: "sales",
          labels: { en: "Sales", "zh-CN": "Sales" },
          icon: "badge-dollar-sign",
          items: [
            { view: "open_orders" },
            { view: "customer" },
            { entity: "sales_order" },
            { entity: "region" },
          ],
        },
        { id: "regions", labels: { en: "Regions" }, items: [{ entity: "region" }] },
      ],
    });
  });
});

describe("defaultUi", () => {
  it("gives a model stored before forms existed the default forms, views and menu", () => {
    const { forms, views, menu, ...stored } = modelOf(
      uiPackage({ "views/open_orders.json": validView(), "menu.json": validMenu() }),
    );
    const ui = defaultUi(stored);
    expect(ui.forms).toEqual(modelOf(uiPackage({})).forms);
    expect(Object.keys(ui.views)).toEqual(["customer", "sales_order"]);
    expect(ui.menu).toEqual({
      modules: [
        {
          id: "base_pkg",
          labels: { en: "base-pkg" },
          items: [{ entity: "customer" }, { entity: "sales_order" }],
        },
      ],
    });
  });
});
