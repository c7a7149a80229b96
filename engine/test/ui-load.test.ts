import { describe, expect, it } from "vitest";
import { parsePackage } from "../src/index.ts";
import { packageFiles } from "./support/packages.ts";
import { validForm, validMenu, validView } from "./support/ui.ts";

const parse = (components: Record<string, unknown>) =>
  parsePackage(packageFiles({ name: "shop" }, components));
const schemaIssues = (components: Record<string, unknown>) =>
  parse(components).issues.map(({ code, path, message }) => ({ code, path, message }));

describe("parsePackage with form, view and menu files", () => {
  it("loads them as components of their kind", () => {
    const { package: pkg, issues } = parse({
      "forms/sales_order.json": validForm(),
      "menu.json": validMenu(),
      "views/open_orders.json": validView(),
    });
    expect(issues).toEqual([]);
    expect(pkg?.components.map((c) => [c.file, c.def.kind])).toEqual([
      ["forms/sales_order.json", "form"],
      ["menu.json", "menu"],
      ["views/open_orders.json", "view"],
    ]);
  });

  it("refuses a widget the app does not have, naming the ones it has", () => {
    const form = validForm();
    form.tabs[0]!.sections[0]!.fields[1] = { field: "customer", widget: "slider" };
    const [issue, ...rest] = schemaIssues({ "forms/sales_order.json": form });
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ code: "schema", path: "/tabs/0/sections/0/fields/1/widget" });
    expect(issue!.message).toContain('"link-picker", "money"');
  });

  it("refuses sections beside tabs, saying where they belong", () => {
    const form = { ...validForm(), sections: [{ id: "x", fields: ["order_no"] }] };
    expect(schemaIssues({ "forms/sales_order.json": form })).toEqual([
      {
        code: "schema",
        path: "/sections",
        message:
          '"sections" is not allowed here: `sections` belongs inside a tab when the form has `tabs`.',
      },
    ]);
  });

  it("refuses a section of four columns and a misspelt section property", () => {
    const form = validForm();
    form.tabs[0]!.sections[0]!.columns = 4;
    (form.tabs[1]!.sections[0] as Record<string, unknown>).colums = 2;
    expect(schemaIssues({ "forms/sales_order.json": form }).map((i) => i.path)).toEqual([
      "/tabs/0/sections/0/columns",
      "/tabs/1/sections/0/colums",
    ]);
  });

  it("refuses a page larger than the API's and a sort key without a field", () => {
    const view = { ...validView(), pageSize: 501, sort: [{ desc: true }] };
    expect(schemaIssues({ "views/open_orders.json": view })).toEqual([
      { code: "schema", path: "/sort/0", message: 'missing required property "field"' },
      { code: "schema", path: "/pageSize", message: "must be <= 500" },
    ]);
  });

  it("asks a menu item for exactly one of a view, an entity, a dashboard and a report", () => {
    const menu = validMenu();
    menu.modules[0]!.items[0] = { view: "open_orders", entity: "sales_order" };
    expect(schemaIssues({ "menu.json": menu })).toEqual([
      {
        code: "schema",
        path: "/modules/0/items/0",
        message: 'needs exactly one of "view", "entity", "dashboard", "report"',
      },
    ]);
  });

  it("locates a misspelt view property by file, pointer, line and column", () => {
    const files = packageFiles({ name: "shop" }, {});
    files["views/open_orders.json"] = `{
  "kind": "view",
  "name": "open_orders",
  "entity": "sales_order",
  "labels": { "en": "Open Orders" },
  "columns": ["order_no"],
  "quicksearch": ["order_no"]
}
`;
    expect(parsePackage(files).issues).toEqual([
      {
        code: "schema",
        message: 'unknown property "quicksearch"',
        file: "views/open_orders.json",
        path: "/quicksearch",
        line: 7,
        column: 3,
        package: "shop",
      },
    ]);
  });
});
