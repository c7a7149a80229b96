import { describe, expect, it } from "vitest";
import type { Issue } from "../src/index.ts";
import { compile } from "./support/packages.ts";
import {
  type FormFile,
  type MenuFile,
  uiCustomization,
  uiPackage,
  type ViewFile,
  validForm,
  validMenu,
  validView,
} from "./support/ui.ts";

const FORM = "forms/sales_order.json";
const VIEW = "views/open_orders.json";
const MENU = "menu.json";

interface Case {
  readonly file: string;
  readonly code: string;
  readonly path: string;
  /** what the message must name */
  readonly names: string;
  readonly change: (files: { form: FormFile; view: ViewFile; menu: MenuFile }) => void;
}

const header = (f: FormFile) => f.tabs[0]!.sections[0]!;

const CASES: Record<string, Case> = {
  "a form of an unknown entity": {
    file: FORM,
    code: "unknown-entity",
    path: "/entity",
    names: '"nope"',
    change: ({ form }) => {
      form.entity = "nope";
    },
  },
  "a form of a child entity": {
    file: FORM,
    code: "form-on-child",
    path: "/entity",
    names: '"sales_order"',
    change: ({ form }) => {
      form.entity = "sales_order_line";
    },
  },
  "an unknown field in a section": {
    file: FORM,
    code: "unknown-field",
    path: "/tabs/0/sections/0/fields/5",
    names: '"shipping"',
    change: ({ form }) => {
      header(form).fields.push("shipping");
    },
  },
  "an unknown field written as an object": {
    file: FORM,
    code: "unknown-field",
    path: "/tabs/0/sections/0/fields/5/field",
    names: '"shipping"',
    change: ({ form }) => {
      header(form).fields.push({ field: "shipping", widget: "text" });
    },
  },
  "a field placed twice": {
    file: FORM,
    code: "duplicate-form-field",
    path: "/tabs/1/sections/0/fields/2",
    names: '"order_date" is already placed at /tabs/0/sections/0/fields/2',
    change: ({ form }) => {
      form.tabs[1]!.sections[0]!.fields.push("order_date");
    },
  },
  "a widget that does not fit the field": {
    file: FORM,
    code: "bad-widget",
    path: "/tabs/0/sections/0/fields/2/widget",
    names: '"radio" cannot edit "order_date", a date field',
    change: ({ form }) => {
      header(form).fields[2] = { field: "order_date", widget: "radio" };
    },
  },
  "a widget on a table field": {
    file: FORM,
    code: "bad-widget",
    path: "/tabs/1/sections/0/fields/0/widget",
    names: "a table field",
    change: ({ form }) => {
      form.tabs[1]!.sections[0]!.fields[0] = { field: "lines", widget: "text" };
    },
  },
  "two tabs with one id": {
    file: FORM,
    code: "duplicate-tab",
    path: "/tabs/1/id",
    names: '"order"',
    change: ({ form }) => {
      form.tabs[1]!.id = "order";
    },
  },
  "two sections with one id, in different tabs": {
    file: FORM,
    code: "duplicate-section",
    path: "/tabs/1/sections/0/id",
    names: '"header"',
    change: ({ form }) => {
      form.tabs[1]!.sections[0]!.id = "header";
    },
  },
  "table columns of a field that is not a table": {
    file: FORM,
    code: "not-a-table",
    path: "/tables/customer",
    names: '"customer" is a link field',
    change: ({ form }) => {
      form.tables.customer = { columns: ["name"] };
    },
  },
  "table columns of an unknown field": {
    file: FORM,
    code: "unknown-field",
    path: "/tables/rows",
    names: '"rows"',
    change: ({ form }) => {
      form.tables.rows = { columns: ["item"] };
    },
  },
  "an unknown child column": {
    file: FORM,
    code: "unknown-field",
    path: "/tables/lines/columns/1",
    names: 'line entity "sales_order_line" has no field "price"',
    change: ({ form }) => {
      form.tables.lines!.columns[1] = "price";
    },
  },
  "a child table as a column": {
    file: FORM,
    code: "table-column",
    path: "/tables/lines/columns/2",
    names: 'lay them out as "lines.batches"',
    change: ({ form }) => {
      form.tables.lines!.columns.push("batches");
    },
  },
  "a table path through an unknown field of the lines": {
    file: FORM,
    code: "unknown-field",
    path: "/tables/lines.rows",
    names: 'entity "sales_order_line" has no field "rows"',
    change: ({ form }) => {
      form.tables["lines.rows"] = { columns: ["lot"] };
    },
  },
  "a table path ending at a field that is not a table": {
    file: FORM,
    code: "not-a-table",
    path: "/tables/lines.qty",
    names: '"qty" is a decimal field',
    change: ({ form }) => {
      form.tables["lines.qty"] = { columns: ["lot"] };
    },
  },
  "an unknown column of a line's table": {
    file: FORM,
    code: "unknown-field",
    path: "/tables/lines.batches/columns/0",
    names: 'line entity "sales_order_batch" has no field "qty"',
    change: ({ form }) => {
      form.tables["lines.batches"] = { columns: ["qty"] };
    },
  },
  "a view of an unknown entity": {
    file: VIEW,
    code: "unknown-entity",
    path: "/entity",
    names: '"orders"',
    change: ({ view }) => {
      view.entity = "orders";
    },
  },
  "a view of a child entity": {
    file: VIEW,
    code: "view-on-child",
    path: "/entity",
    names: '"sales_order"',
    change: ({ view }) => {
      view.entity = "sales_order_line";
    },
  },
  "a view named after another entity": {
    file: VIEW,
    code: "view-name-clash",
    path: "/name",
    names: 'default view of entity "customer"',
    change: ({ view, menu }) => {
      view.name = "customer";
      menu.modules[0]!.items.shift();
    },
  },
  "an unknown column": {
    file: VIEW,
    code: "unknown-field",
    path: "/columns/1",
    names: '"client"',
    change: ({ view }) => {
      view.columns[1] = "client";
    },
  },
  "a table field as a column": {
    file: VIEW,
    code: "table-column",
    path: "/columns/6",
    names: '"lines"',
    change: ({ view }) => {
      view.columns.push("lines");
    },
  },
  "a sort by an unknown field": {
    file: VIEW,
    code: "unknown-field",
    path: "/sort/0/field",
    names: '"date"',
    change: ({ view }) => {
      view.sort[0]!.field = "date";
    },
  },
  "a sort by a multiselect": {
    file: VIEW,
    code: "not-sortable",
    path: "/sort/1/field",
    names: '"tags", a multiselect field',
    change: ({ view }) => {
      view.sort[1]!.field = "tags";
    },
  },
  "a sort by a table field": {
    file: VIEW,
    code: "not-sortable",
    path: "/sort/2/field",
    names: '"lines"',
    change: ({ view }) => {
      view.sort.push({ field: "lines" });
    },
  },
  "a sort naming a field twice": {
    file: VIEW,
    code: "duplicate-sort",
    path: "/sort/2/field",
    names: '"order_date"',
    change: ({ view }) => {
      view.sort.push({ field: "order_date" });
    },
  },
  "a quick search in an unknown field": {
    file: VIEW,
    code: "unknown-field",
    path: "/quickSearch/1",
    names: '"seller"',
    change: ({ view }) => {
      view.quickSearch[1] = "seller";
    },
  },
  "a quick search in a field that is not text": {
    file: VIEW,
    code: "not-searchable",
    path: "/quickSearch/2",
    names: '"status" is a select field',
    change: ({ view }) => {
      view.quickSearch.push("status");
    },
  },
  "a quick search in a table field": {
    file: VIEW,
    code: "not-searchable",
    path: "/quickSearch/2",
    names: '"lines" is a table field',
    change: ({ view }) => {
      view.quickSearch.push("lines");
    },
  },
  "a filter reading an unknown field": {
    file: VIEW,
    code: "unknown-field",
    path: "/filter/!=/0/var",
    names: '"state"',
    change: ({ view }) => {
      view.filter = { "!=": [{ var: "state" }, "done"] };
    },
  },
  "a filter a database cannot run": {
    file: VIEW,
    code: "not-filterable",
    path: "/filter/>/0",
    names: "sum_lines",
    change: ({ view }) => {
      view.filter = { ">": [{ sum_lines: ["lines", "amount"] }, 100] };
    },
  },
  "a menu item naming an unknown view": {
    file: MENU,
    code: "unknown-view",
    path: "/modules/0/items/0/view",
    names: '"closed_orders"',
    change: ({ menu }) => {
      menu.modules[0]!.items[0] = { view: "closed_orders" };
    },
  },
  "a menu item naming an unknown entity": {
    file: MENU,
    code: "unknown-entity",
    path: "/modules/0/items/2/entity",
    names: '"invoice"',
    change: ({ menu }) => {
      menu.modules[0]!.items[2] = { entity: "invoice" };
    },
  },
  "a menu item naming a child entity": {
    file: MENU,
    code: "menu-child-entity",
    path: "/modules/0/items/2/entity",
    names: '"sales_order"',
    change: ({ menu }) => {
      menu.modules[0]!.items[2] = { entity: "sales_order_line" };
    },
  },
  "a module id given twice in one menu": {
    file: MENU,
    code: "duplicate-module",
    path: "/modules/1/id",
    names: '"sales"',
    change: ({ menu }) => {
      menu.modules.push({ id: "sales", labels: { en: "Sales again" }, items: [] });
    },
  },
  "a new module without labels": {
    file: MENU,
    code: "module-without-labels",
    path: "/modules/1",
    names: '"purchasing"',
    change: ({ menu }) => {
      menu.modules.push({ id: "purchasing", items: [{ entity: "customer" }] });
    },
  },
};

function issuesOf(change: Case["change"]): Issue[] {
  const files = { form: validForm(), view: validView(), menu: validMenu() };
  change(files);
  const { model, issues } = compile(
    uiPackage({ [FORM]: files.form, [VIEW]: files.view, [MENU]: files.menu }),
  );
  expect(model).toBeUndefined();
  return issues;
}

describe("refusing a malformed form, view or menu", () => {
  it("accepts the valid fixtures", () => {
    const { model, issues } = compile(
      uiPackage({ [FORM]: validForm(), [VIEW]: validView(), [MENU]: validMenu() }),
    );
    expect(issues).toEqual([]);
    expect(model).toBeDefined();
  });

  it.each(Object.entries(CASES))("refuses %s", (_name, { file, code, path, names, change }) => {
    const issues = issuesOf(change);
    const found = issues.find((i) => i.code === code && i.path === path);
    expect(found, JSON.stringify(issues, null, 2)).toBeDefined();
    expect(found!.message).toContain(names);
    expect(found).toMatchObject({ package: "base-pkg", file });
    expect(found!.line).toBeGreaterThan(1);
  });

  it("reports every problem of every file at once", () => {
    const issues = issuesOf(({ form, view, menu }) => {
      header(form).fields.push("shipping");
      view.columns[1] = "client";
      menu.modules[0]!.items[0] = { view: "closed_orders" };
    });
    expect(issues.map((i) => `${i.file} ${i.code}`).sort()).toEqual([
      `${FORM} unknown-field`,
      `${MENU} unknown-view`,
      `${VIEW} unknown-field`,
    ]);
  });

  it("accepts $user in a view filter, as in a role's row scope", () => {
    const view = validView();
    view.filter = { "==": [{ var: "sales_person" }, { var: "$user.username" }] };
    expect(compile(uiPackage({ [VIEW]: view })).issues).toEqual([]);
  });

  it("refuses two forms of one entity in one package, naming the first file", () => {
    const { issues } = compile(
      uiPackage({ [FORM]: validForm(), "forms/order_again.json": validForm() }),
    );
    expect(issues).toMatchObject([
      { code: "duplicate-form", path: "/entity", file: "forms/sales_order.json" },
    ]);
    expect(issues[0]!.message).toContain("forms/order_again.json");
  });

  it("refuses a second menu in one package", () => {
    const { issues } = compile(uiPackage({ [MENU]: validMenu(), "menu2.json": validMenu() }));
    expect(issues).toMatchObject([{ code: "duplicate-menu", path: "", file: "menu2.json" }]);
  });

  it("lets no base package replace a view of another base package", () => {
    const other = uiCustomization({ [VIEW]: validView() });
    other["loom-package.json"] = other["loom-package.json"]!.replace('"customization"', '"base"');
    const { issues } = compile(uiPackage({ [VIEW]: validView() }), other);
    expect(issues).toMatchObject([
      { code: "duplicate-view", path: "/name", package: "custom-pkg" },
    ]);
    expect(issues[0]!.message).toContain("base-pkg/views/open_orders.json");
  });

  it("lets a later package extend a module without labels, and checks its items", () => {
    const { issues } = compile(
      uiPackage({ [VIEW]: validView(), [MENU]: validMenu() }),
      uiCustomization({
        [MENU]: { kind: "menu", modules: [{ id: "sales", items: [{ view: "nowhere" }] }] },
      }),
    );
    expect(issues).toMatchObject([
      { code: "unknown-view", package: "custom-pkg", path: "/modules/0/items/0/view" },
    ]);
  });
});
