import { entity, field, packageFiles } from "./packages.ts";

const option = (value: string) => ({ value, labels: { en: value } });
const labels = (en: string) => ({ en, "zh-CN": en });

/** Orders with lines (and lines with batches), customers: every kind of field a layout names. */
export const UI_ENTITIES = {
  "entities/sales_order.json": entity(
    "sales_order",
    [
      field("order_no", "text"),
      field("customer", "link", { target: "customer" }),
      field("order_date", "date"),
      field("status", "select", { default: "draft", options: ["draft", "done"].map(option) }),
      field("is_urgent", "boolean"),
      field("tags", "multiselect", { options: ["a", "b"].map(option) }),
      field("sales_person", "text"),
      field("note", "longtext"),
      field("extra", "json"),
      field("lines", "table", { target: "sales_order_line" }),
      field("total", "money", { computed: { sum_lines: ["lines", "amount"] } }),
    ],
    { namingSeries: { field: "order_no", pattern: "SO-{#####}" } },
  ),
  "entities/sales_order_line.json": entity(
    "sales_order_line",
    [
      field("item", "text"),
      field("qty", "decimal"),
      field("amount", "money"),
      field("batches", "table", { target: "sales_order_batch" }),
    ],
    { type: "child" },
  ),
  "entities/sales_order_batch.json": entity("sales_order_batch", [field("lot", "text")], {
    type: "child",
  }),
  "entities/customer.json": entity("customer", [field("name", "text"), field("region", "text")]),
};

/** Form, view and menu files loosely typed, so a test can break them any way it likes. */
export interface FormFile extends Record<string, unknown> {
  tabs: {
    id: string;
    labels: unknown;
    sections: { id: string; labels?: unknown; columns?: number; fields: unknown[] }[];
  }[];
  tables: Record<string, { columns: string[] }>;
}
export interface ViewFile extends Record<string, unknown> {
  columns: string[];
  sort: { field?: string; desc?: boolean }[];
  quickSearch: string[];
}
export interface MenuFile extends Record<string, unknown> {
  modules: { id: string; labels?: unknown; icon?: string; items: Record<string, string>[] }[];
}

/** A valid form using tabs, sections, widgets, placeholders and table columns. */
export function validForm(): FormFile {
  return {
    kind: "form",
    entity: "sales_order",
    tabs: [
      {
        id: "order",
        labels: labels("Order"),
        sections: [
          {
            id: "header",
            labels: labels("Header"),
            columns: 2,
            fields: [
              "order_no",
              { field: "customer", widget: "link-picker" },
              "order_date",
              { field: "status", widget: "radio" },
              { field: "sales_person", placeholder: labels("who sells") },
            ],
          },
        ],
      },
      {
        id: "lines",
        labels: labels("Lines"),
        sections: [{ id: "lines", fields: ["lines", { field: "total", widget: "money" }] }],
      },
    ],
    tables: { lines: { columns: ["item", "amount"] } },
  };
}

/** A valid view with every property. */
export function validView(): ViewFile {
  return {
    kind: "view",
    name: "open_orders",
    entity: "sales_order",
    labels: labels("Open Orders"),
    columns: ["order_no", "customer", "order_date", "status", "total", "created_at"],
    sort: [{ field: "order_date", desc: true }, { field: "order_no" }],
    filter: { "!=": [{ var: "status" }, "done"] },
    quickSearch: ["order_no", "sales_person"],
    pageSize: 25,
  };
}

/** A valid menu naming a view, the default view of an entity and an entity. */
export function validMenu(): MenuFile {
  return {
    kind: "menu",
    modules: [
      {
        id: "sales",
        labels: labels("Sales"),
        icon: "shopping-cart",
        items: [{ view: "open_orders" }, { view: "customer" }, { entity: "sales_order" }],
      },
    ],
  };
}

/** One base package "base-pkg" with the entities and the given extra files. */
export function uiPackage(files: Record<string, unknown>): Record<string, string> {
  return packageFiles({ name: "base-pkg" }, { ...UI_ENTITIES, ...files });
}

/** A customization "custom-pkg" of "base-pkg". */
export function uiCustomization(files: Record<string, unknown>): Record<string, string> {
  return packageFiles(
    {
      name: "custom-pkg",
      layer: "customization",
      labels: { en: "Custom", "zh-CN": "定制" },
      dependsOn: { "base-pkg": "^1.0.0" },
    },
    files,
  );
}
