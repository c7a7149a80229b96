import type { ExprModel } from "../../src/expr/index.ts";

/** A small sales model for expression tests: links two levels deep, lines, most field types. */
export const salesModel: ExprModel = {
  entities: {
    sales_order: {
      table: "sales_order",
      fields: [
        { name: "qty", type: "integer", column: "qty" },
        { name: "status", type: "select", column: "status" },
        { name: "total", type: "money", column: "total" },
        { name: "note", type: "text", column: "note" },
        { name: "urgent", type: "boolean", column: "urgent" },
        { name: "due", type: "date", column: "due" },
        { name: "shipped_at", type: "datetime", column: "shipped_at" },
        { name: "tags", type: "multiselect", column: "tags" },
        { name: "customer", type: "link", target: "customer", column: "customer" },
        { name: "lines", type: "table", target: "sales_order_line" },
      ],
    },
    sales_order_line: {
      table: "sales_order_line",
      fields: [
        { name: "amount", type: "money", column: "amount" },
        { name: "item", type: "link", target: "item", column: "item" },
      ],
    },
    customer: {
      table: "customer",
      fields: [
        { name: "region", type: "text", column: "region" },
        { name: "territory", type: "link", target: "territory", column: "territory" },
      ],
    },
    territory: {
      table: "territory",
      fields: [
        { name: "manager", type: "text", column: "manager" },
        { name: "parent", type: "link", target: "territory", column: "parent" },
      ],
    },
    item: { table: "item", fields: [{ name: "code", type: "text", column: "code" }] },
  },
};
