import { entity, field } from "./packages.ts";

/** A role file as a consultant writes it. */
export function role(name: string, grants: unknown[], extra: Record<string, unknown> = {}) {
  return { kind: "role", name, labels: { en: name, "zh-CN": name }, ...extra, grants };
}

/** Orders with lines, and lines with nested batches: enough shape for every grant check. */
export const ORDER_ENTITIES = {
  "entities/sales_order.json": entity("sales_order", [
    field("order_no", "text"),
    field("customer", "link", { target: "customer" }),
    field("sales_person", "text"),
    field("department", "text"),
    field("margin", "money"),
    field("exchange_rate", "decimal"),
    field("lines", "table", { target: "sales_order_line" }),
  ]),
  "entities/sales_order_line.json": entity(
    "sales_order_line",
    [
      field("unit_price", "money"),
      field("qty", "decimal"),
      field("batches", "table", { target: "sales_order_batch" }),
    ],
    { type: "child" },
  ),
  "entities/sales_order_batch.json": entity("sales_order_batch", [field("lot", "text")], {
    type: "child",
  }),
  "entities/customer.json": entity("customer", [field("name", "text"), field("region", "text")]),
};
