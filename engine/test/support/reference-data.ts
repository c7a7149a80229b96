import { entity, field, packageFiles } from "./packages.ts";

const labels = (en: string) => ({ en, "zh-CN": en });
const option = (value: string) => ({ value, labels: labels(value) });
const at = (x: number, y: number) => ({ x, y });

/**
 * Lookup entities reference data may fill (units, currencies, a category tree, price bands with
 * a two-field key, approval limits linking to them) beside entities it may not: business records
 * (submittable, with a workflow, numbered, lines) and entities without a usable key.
 */
export function stockEntities(): Record<string, unknown> {
  return {
    "entities/unit.json": entity("unit", [
      field("code", "text", { required: true, unique: true, maxLength: 10 }),
      field("name", "text", { required: true }),
      field("decimals", "integer", { required: true, default: 0, min: 0, max: 6 }),
      field("builtin", "boolean", { readOnly: true }),
      field("display", "text", { computed: { cat: [{ var: "code" }, " ", { var: "name" }] } }),
    ]),
    "entities/currency.json": entity("currency", [
      field("code", "text", { required: true, unique: true }),
      field("name", "text"),
    ]),
    "entities/item_category.json": entity(
      "item_category",
      [field("code", "text", { required: true, unique: true }), field("name", "text")],
      { type: "tree" },
    ),
    "entities/price_band.json": entity(
      "price_band",
      [
        field("company", "text", { required: true }),
        field("code", "text", { required: true }),
        field("ceiling", "decimal", { precision: 12, scale: 2 }),
      ],
      { indexes: [{ fields: ["company", "code"], unique: true }] },
    ),
    "entities/approval_limit.json": entity("approval_limit", [
      field("code", "text", { required: true, unique: true }),
      field("currency", "link", { target: "currency" }),
      field("band", "link", { target: "price_band" }),
      field("amount", "money"),
    ]),
    "entities/product.json": entity("product", [
      field("code", "text", { required: true, unique: true }),
      field("unit", "link", { target: "unit" }),
    ]),
    "entities/contact.json": entity("contact", [
      field("code", "text", { required: true }),
      field("rate", "decimal", { unique: true }),
    ]),
    "entities/purchase.json": entity("purchase", [field("code", "text", { unique: true })], {
      submittable: {},
    }),
    "entities/ticket.json": entity("ticket", [
      field("code", "text", { unique: true }),
      field("status", "select", { default: "open", options: [option("open"), option("closed")] }),
    ]),
    "entities/invoice.json": entity(
      "invoice",
      [field("code", "text", { unique: true }), field("invoice_no", "text")],
      { namingSeries: { field: "invoice_no", pattern: "INV-{#####}" } },
    ),
    "entities/kit.json": entity("kit", [
      field("code", "text", { unique: true }),
      field("parts", "table", { target: "kit_part" }),
    ]),
    "entities/kit_part.json": entity("kit_part", [field("code", "text", { unique: true })], {
      type: "child",
    }),
    "workflows/ticket_flow.json": {
      kind: "workflow",
      name: "ticket_flow",
      labels: labels("Ticket flow"),
      entity: "ticket",
      stateField: "status",
      nodes: [
        {
          id: "open",
          type: "state",
          labels: labels("Open"),
          position: at(0, 0),
          state: "open",
          initial: true,
        },
        {
          id: "closed",
          type: "state",
          labels: labels("Closed"),
          position: at(200, 0),
          state: "closed",
          final: true,
        },
      ],
      edges: [
        { id: "close", from: "open", to: "closed", action: "close", labels: labels("Close") },
      ],
    },
  };
}

/** A data file, loosely typed so a test can break it any way it likes. */
export interface DataFile extends Record<string, unknown> {
  kind: "data";
  entity: string;
  key: string[];
  policy: string;
  rows: Record<string, unknown>[];
}

export function dataFile(
  entity: string,
  rows: Record<string, unknown>[],
  extra: Partial<DataFile> = {},
): DataFile {
  return { kind: "data", entity, key: ["code"], policy: "always", rows, ...extra };
}

/** Valid reference data of every shape: a tree given children first, links by one- and two-field keys. */
export function stockData(): Record<string, DataFile> {
  return {
    "data/unit.json": dataFile(
      "unit",
      [
        { code: "PCS", name: "Piece", decimals: 0, builtin: true },
        { code: "KG", name: "Kilogram", decimals: 3 },
      ],
      { policy: "create-only" },
    ),
    "data/currency.json": dataFile("currency", [
      { code: "CNY", name: "Renminbi" },
      { code: "USD", name: "US Dollar" },
    ]),
    "data/item_category.json": dataFile("item_category", [
      { code: "STEEL", name: "Steel", parent_id: "RAW" },
      { code: "SHEET", name: "Sheet", parent_id: "STEEL" },
      { code: "RAW", name: "Raw materials", parent_id: null },
    ]),
    "data/price_band.json": dataFile(
      "price_band",
      [
        { company: "ACME", code: "A", ceiling: 1000 },
        { company: "ACME", code: "B", ceiling: 5000.5 },
      ],
      { key: ["company", "code"] },
    ),
    "data/approval_limit.json": dataFile("approval_limit", [
      { code: "L1", currency: "CNY", band: { company: "ACME", code: "A" }, amount: 5000 },
      { code: "L2", currency: "USD", band: null },
    ]),
  };
}

export interface StockFixture {
  base: Record<string, unknown>;
  custom: Record<string, unknown>;
  /** a base package that does not depend on "stock" */
  other: Record<string, unknown>;
}

/** The three packages, each a map of files to edit before `stockPackages`. */
export function stockFixture(): StockFixture {
  return {
    base: { ...stockEntities(), ...stockData() },
    custom: {
      "entities/warehouse.json": entity("warehouse", [
        field("code", "text", { required: true, unique: true }),
        field("unit", "link", { target: "unit" }),
      ]),
      "data/unit.json": dataFile("unit", [{ code: "BOX", name: "Box" }]),
      "data/warehouse.json": dataFile("warehouse", [{ code: "MAIN", unit: "PCS" }]),
    },
    other: {
      "entities/colour.json": entity("colour", [field("code", "text", { unique: true })]),
    },
  };
}

export function stockPackages(fixture: StockFixture): Record<string, string>[] {
  return [
    packageFiles({ name: "stock" }, fixture.base),
    packageFiles(
      { name: "stock-custom", layer: "customization", dependsOn: { stock: "^1.0.0" } },
      fixture.custom,
    ),
    packageFiles({ name: "other" }, fixture.other),
  ];
}
