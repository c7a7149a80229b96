import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { addRecordSchemaKeywords, type RecordMode, recordSchema } from "../src/index.ts";
import { sampleModel } from "./support/sample-model.ts";

const addFormats = addFormatsModule.default;
const model = sampleModel("manufacturing");
const customized = sampleModel("manufacturing", "manufacturing-custom");
const MODES: readonly RecordMode[] = ["create", "update", "read"];

let ajv: Ajv2020;
beforeAll(() => {
  ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  addRecordSchemaKeywords(ajv);
});

function validator(entity: string, mode: RecordMode): ValidateFunction {
  return ajv.compile(recordSchema(model, entity, mode));
}

/** `instancePath keyword` of each error, the way the API will report them. */
function problems(entity: string, mode: RecordMode, record: unknown): string[] {
  const validate = validator(entity, mode);
  if (validate(record)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.keyword}`);
}

const CUSTOMER_ID = "0b7f6a52-57a4-4a51-9d4f-0a8a4f0e6a11";
const ITEM_ID = "5c1f3e0e-1d3b-4c55-8f0e-2a9b6d4c7e21";
const LINE_ID = "9d2a4b6c-8e0f-4a1b-9c3d-5e7f9a1b3c5d";

function newOrder(): Record<string, unknown> {
  return {
    customer: CUSTOMER_ID,
    delivery_date: "2026-12-01",
    lines: [
      {
        item: ITEM_ID,
        qty: 2.5,
        unit_price: 10,
        schedule: [{ delivery_date: "2026-12-01", qty: 2.5 }],
      },
    ],
  };
}

function readCustomer(): Record<string, unknown> {
  return {
    id: CUSTOMER_ID,
    version: 3,
    created_at: "2026-11-25T10:00:00.000Z",
    created_by: "admin",
    updated_at: "2026-11-25T10:05:00.000+08:00",
    updated_by: null,
    code: "C-0001",
    name: "Acme",
    customer_type: "company",
    tax_id: null,
    tags: ["oem"],
    contact_person: null,
    phone: null,
    email: "buyer@acme.example",
    website: null,
    address: null,
    credit_limit: 100000,
    payment_terms_days: 30,
    is_active: true,
    remark: null,
  };
}

describe("recordSchema compiles under strict ajv", () => {
  it.each(Object.keys(customized.entities))("every mode of %s, customized", (entity) => {
    for (const mode of MODES) {
      expect(() => ajv.compile(recordSchema(customized, entity, mode))).not.toThrow();
    }
  });

  it("refuses an entity the model does not have", () => {
    expect(() => recordSchema(model, "nope", "read")).toThrow(/nope/);
  });
});

describe("create schema", () => {
  it("accepts a new order with nested lines and schedules", () => {
    expect(problems("sales_order", "create", newOrder())).toEqual([]);
  });

  it("requires only what the server cannot fill", () => {
    const schema = recordSchema(model, "sales_order", "create");
    // order_no is numbered, order_date has a defaultExpr, status/currency/exchange_rate defaults
    // (status is the approval workflow's)
    expect(schema.required).toEqual(["customer", "lines"]);
    expect(problems("sales_order", "create", {})).toEqual([" required", " required"]);
  });

  it("follows customizations: an override can make a field required", () => {
    expect(recordSchema(customized, "sales_order", "create").required).toEqual([
      "customer",
      "delivery_date",
      "lines",
    ]);
    expect(recordSchema(customized, "sales_order", "read").properties?.project_code).toMatchObject({
      type: ["string", "null"],
      pattern: "^[A-Z]{2,4}-[0-9]{3,6}$",
    });
  });

  it("reports a wrong type at the field", () => {
    expect(problems("sales_order", "create", { ...newOrder(), customer: 42 })).toEqual([
      "/customer type",
    ]);
  });

  it("refuses unknown fields", () => {
    const validate = validator("sales_order", "create");
    expect(validate({ ...newOrder(), colour: "red" })).toBe(false);
    expect(validate.errors?.map((e) => [e.keyword, e.params])).toEqual([
      ["additionalProperties", { additionalProperty: "colour" }],
    ]);
  });

  it("refuses an option not in the list", () => {
    expect(problems("sales_order", "create", { ...newOrder(), currency: "XYZ" })).toEqual([
      "/currency enum",
    ]);
  });

  it("refuses text over maxLength, counted in characters", () => {
    expect(
      problems("sales_order", "create", { ...newOrder(), customer_po_no: "号".repeat(50) }),
    ).toEqual([]);
    expect(
      problems("sales_order", "create", { ...newOrder(), customer_po_no: "x".repeat(51) }),
    ).toEqual(["/customer_po_no maxLength"]);
  });

  it("checks formats: email, date, uuid, pattern", () => {
    const customer = { code: "C-1", name: "Acme", email: "not-an-email" };
    expect(problems("customer", "create", customer)).toEqual(["/email format"]);
    expect(problems("customer", "create", { ...customer, email: null, code: "c1" })).toEqual([
      "/code pattern",
    ]);
    expect(
      problems("sales_order", "create", { ...newOrder(), delivery_date: "2026-02-30" }),
    ).toEqual(["/delivery_date format"]);
    expect(problems("sales_order", "create", { ...newOrder(), customer: "C-0001" })).toEqual([
      "/customer format",
    ]);
  });

  it("reports a bad line value at its path inside the table", () => {
    const order = newOrder();
    (order.lines as Record<string, unknown>[])[0]!.qty = "two";
    expect(problems("sales_order", "create", order)).toEqual(["/lines/0/qty type"]);
    const missing = newOrder();
    delete (missing.lines as Record<string, unknown>[])[0]!.item;
    expect(problems("sales_order", "create", missing)).toEqual(["/lines/0 required"]);
  });

  it("reports a bad schedule value two tables deep", () => {
    const order = newOrder();
    const line = (order.lines as Record<string, unknown>[])[0]!;
    line.schedule = [{ delivery_date: "soon", qty: 1 }];
    expect(problems("sales_order", "create", order)).toEqual([
      "/lines/0/schedule/0/delivery_date format",
    ]);
  });

  it("needs at least one line in a required table", () => {
    expect(problems("sales_order", "create", { ...newOrder(), lines: [] })).toEqual([
      "/lines minItems",
    ]);
  });

  it("accepts back what was read: system, computed and numbered values of any type", () => {
    const order = {
      ...newOrder(),
      id: "anything",
      version: "7",
      created_at: 1,
      order_no: "SO-2026-00001",
      total: "12.50",
    };
    expect(problems("sales_order", "create", order)).toEqual([]);
    const schema = recordSchema(model, "sales_order", "create");
    expect(schema.properties?.total).toMatchObject({ readOnly: true });
    expect(schema.properties?.total?.type).toBeUndefined();
  });

  it("refuses null for a required field even when it has a default", () => {
    expect(problems("sales_order", "create", { ...newOrder(), currency: null })).toEqual([
      "/currency type",
      "/currency enum",
    ]);
  });

  it("gives constant defaults for forms", () => {
    const schema = recordSchema(model, "sales_order", "create");
    expect(schema.properties?.currency?.default).toBe("CNY");
  });

  it("makes a workflow's state field the server's: read-only, starting at the initial node", () => {
    const schema = recordSchema(model, "sales_order", "create");
    expect(schema.properties?.status).toMatchObject({ readOnly: true });
    const status = model.entities.sales_order!.fields.find((f) => f.name === "status");
    expect(status).toMatchObject({ readOnly: true, default: "draft" });
    expect(problems("sales_order", "create", { ...newOrder(), status: "approved" })).toEqual([]);
  });

  it("bounds numbers by the column: numeric(12,3) holds |x| < 10^9, integers stay exact", () => {
    const item = { code: "I-1", name: "Bolt", unit: ITEM_ID };
    expect(problems("item", "create", { ...item, weight: 999_999_999.999 })).toEqual([]);
    expect(problems("item", "create", { ...item, weight: 1e9 })).toEqual([
      "/weight exclusiveMaximum",
    ]);
    expect(problems("item", "create", { ...item, weight: -1 })).toEqual(["/weight minimum"]);
    expect(problems("item", "create", { ...item, shelf_life_days: 1.5 })).toEqual([
      "/shelf_life_days type",
    ]);
    expect(problems("item", "create", { ...item, shelf_life_days: 2 ** 53 })).toEqual([
      "/shelf_life_days maximum",
    ]);
  });

  it("checks multiselect values: known options, no duplicates", () => {
    const customer = { code: "C-1", name: "Acme" };
    expect(problems("customer", "create", { ...customer, tags: ["oem", "export"] })).toEqual([]);
    expect(problems("customer", "create", { ...customer, tags: ["vip"] })).toEqual([
      "/tags/0 enum",
    ]);
    expect(problems("customer", "create", { ...customer, tags: ["oem", "oem"] })).toEqual([
      "/tags uniqueItems",
    ]);
  });

  it("types a tree's parent as an id or null", () => {
    expect(
      problems("item_category", "create", { code: "RAW", name: "Raw", parent_id: null }),
    ).toEqual([]);
    expect(problems("item_category", "create", { code: "RAW", name: "Raw", parent_id: 5 })).toEqual(
      ["/parent_id type"],
    );
  });
});

describe("update schema", () => {
  it("requires nothing", () => {
    expect(problems("sales_order", "update", {})).toEqual([]);
  });

  it("allows version, as a positive integer", () => {
    expect(problems("sales_order", "update", { version: 2 })).toEqual([]);
    expect(problems("sales_order", "update", { version: 0 })).toEqual(["/version minimum"]);
  });

  it("clears non-required fields with null, never required ones", () => {
    expect(problems("sales_order", "update", { customer_po_no: null })).toEqual([]);
    expect(problems("sales_order", "update", { customer: null })).toEqual(["/customer type"]);
  });

  it("still refuses unknown fields and bad values", () => {
    expect(problems("sales_order", "update", { colour: "red", currency: "x" })).toEqual([
      " additionalProperties",
      "/currency enum",
    ]);
  });

  it("lets a line with an id change part of itself, but a new line needs its required fields", () => {
    expect(problems("sales_order", "update", { lines: [{ id: LINE_ID, qty: 3 }] })).toEqual([]);
    expect(problems("sales_order", "update", { lines: [{ qty: 3 }] })).toEqual([
      "/lines/0 required",
      "/lines/0 required",
      "/lines/0 if",
    ]);
    expect(problems("sales_order", "update", { lines: [{ id: "L1", qty: 3 }] })).toEqual([
      "/lines/0/id format",
    ]);
  });
});

describe("read schema", () => {
  it("accepts a full record with nulls", () => {
    expect(problems("customer", "read", readCustomer())).toEqual([]);
  });

  it("lists every property as present, system columns included", () => {
    const schema = recordSchema(model, "customer", "read");
    expect(schema.required).toEqual(Object.keys(readCustomer()));
    const { remark: _, ...withoutRemark } = readCustomer();
    expect(problems("customer", "read", withoutRemark)).toEqual([" required"]);
  });

  it("makes nullable exactly the columns that are", () => {
    expect(problems("customer", "read", { ...readCustomer(), name: null })).toEqual(["/name type"]);
    expect(problems("customer", "read", { ...readCustomer(), created_at: null })).toEqual([
      "/created_at type",
    ]);
  });

  it("reads a link as an id or as the expanded target", () => {
    const line = (item: unknown) => ({
      id: LINE_ID,
      line_no: 1,
      item,
      description: null,
      qty: 1,
      unit: null,
      unit_price: 1,
      discount: 0,
      amount: 1,
      schedule: [],
    });
    expect(problems("sales_order_line", "read", line(ITEM_ID))).toEqual([]);
    expect(problems("sales_order_line", "read", line({ id: ITEM_ID, name: "Bolt" }))).toEqual([]);
    expect(problems("sales_order_line", "read", line({ name: "Bolt" }))).not.toEqual([]);
  });

  it("marks what the server owns as readOnly", () => {
    const props = recordSchema(model, "sales_order", "read").properties ?? {};
    expect(props.id?.readOnly).toBe(true);
    expect(props.order_no?.readOnly).toBe(true);
    expect(props.total?.readOnly).toBe(true);
    expect(props.customer?.readOnly).toBeUndefined();
  });
});

describe("labels for UIs", () => {
  it("carries English titles and every language's labels, help and option labels", () => {
    const schema = recordSchema(model, "sales_order", "create");
    expect(schema.title).toBe("Sales Order");
    expect(schema["x-labels"]).toEqual({ en: "Sales Order", "zh-CN": "销售订单" });
    const currency = schema.properties?.currency;
    expect(currency?.title).toBe("Currency");
    expect(currency?.["x-labels"]).toEqual({ en: "Currency", "zh-CN": "币种" });
    expect(currency?.["x-enumLabels"]).toMatchObject({
      USD: { en: "US Dollar (USD)", "zh-CN": "美元" },
    });
    const rate = schema.properties?.exchange_rate;
    expect(rate?.description).toMatch(/^Base-currency amount/);
    expect(rate?.["x-help"]).toMatchObject({ "zh-CN": expect.stringContaining("本位币") });
  });
});
