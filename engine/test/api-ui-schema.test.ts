import { describe, expect, it } from "vitest";
import { LoomError, recordSchema, type UiSchema, uiSchema } from "../src/index.ts";
import { sampleModel } from "./support/sample-model.ts";

const model = sampleModel("manufacturing", "manufacturing-custom");
const field = (ui: UiSchema, name: string) => ui[name] as UiSchema;

describe("uiSchema", () => {
  it("orders an entity without a form file by the fields' declared order, the rest after", () => {
    const ui = uiSchema(model, "stock_move");
    const names = model.entities.stock_move!.fields.map((f) => f.name);
    expect(ui["ui:order"]).toEqual([...names, "*"]);
  });

  it("lays out every property of the record schemas, system columns hidden", () => {
    for (const entity of Object.keys(model.entities)) {
      const ui = uiSchema(model, entity);
      const properties = Object.keys(recordSchema(model, entity, "read").properties ?? {});
      expect(Object.keys(ui).filter((key) => !key.startsWith("ui:"))).toEqual(
        expect.arrayContaining(properties),
      );
      expect(field(ui, "id")["ui:widget"]).toBe("hidden");
    }
  });

  it("picks a widget by field type", () => {
    const order = uiSchema(model, "sales_order");
    expect(field(order, "shipping_address")["ui:widget"]).toBe("textarea");
    expect(field(order, "order_date")["ui:widget"]).toBe("date");
    expect(field(order, "status")["ui:widget"]).toBe("select");
    const customer = uiSchema(model, "customer");
    expect(field(customer, "is_active")["ui:widget"]).toBe("checkbox");
    expect(field(customer, "email")["ui:widget"]).toBe("email");
    expect(field(uiSchema(model, "stock_move"), "posting_time")["ui:widget"]).toBe("datetime");
    expect(field(customer, "name")["ui:widget"]).toBeUndefined();
  });

  it("marks links for the link picker with their target and its title field", () => {
    expect(field(uiSchema(model, "sales_order"), "customer")).toMatchObject({
      "ui:field": "link",
      "ui:options": { target: "customer", titleField: "name" },
    });
  });

  it("lays out a table field's lines with the child entity's uiSchema", () => {
    const lines = field(uiSchema(model, "sales_order"), "lines");
    expect(lines.items).toEqual(uiSchema(model, "sales_order_line"));
    expect(field(lines.items!, "schedule").items).toEqual(uiSchema(model, "delivery_schedule"));
  });

  it("makes computed, read-only and numbered fields read-only, and only those", () => {
    const order = uiSchema(model, "sales_order");
    expect(field(order, "order_no")["ui:readonly"]).toBe(true);
    expect(field(order, "total")["ui:readonly"]).toBe(true);
    expect(field(uiSchema(model, "sales_order_line"), "amount")["ui:readonly"]).toBe(true);
    expect(field(order, "customer")["ui:readonly"]).toBeUndefined();
  });

  it("carries help in English and labels, help and option labels in every language", () => {
    const orderNo = field(uiSchema(model, "sales_order"), "order_no");
    expect(orderNo["ui:help"]).toBe("Assigned automatically when the order is first saved.");
    expect(orderNo["ui:options"]?.labels).toEqual({
      title: { en: "Order No.", "zh-CN": "订单编号" },
      help: {
        en: "Assigned automatically when the order is first saved.",
        "zh-CN": "首次保存时自动生成。",
      },
    });
    const status = field(uiSchema(model, "sales_order"), "status");
    expect(status["ui:options"]?.labels?.options?.rejected).toEqual({
      en: "Rejected",
      "zh-CN": "已驳回",
    });
  });

  it("passes visibleIf and requiredIf on for the form to evaluate", () => {
    expect(field(uiSchema(model, "sales_order"), "reject_reason")["ui:options"]).toMatchObject({
      visibleIf: { "==": [{ var: "status" }, "rejected"] },
      requiredIf: { "==": [{ var: "status" }, "rejected"] },
    });
  });

  it("lets a tree's records pick their parent like a link to the same entity", () => {
    expect(field(uiSchema(model, "item_category"), "parent_id")).toEqual({
      "ui:field": "link",
      "ui:options": { target: "item_category", titleField: "name" },
    });
  });

  it("is JSON: serializing it loses nothing", () => {
    const ui = uiSchema(model, "sales_order");
    expect(JSON.parse(JSON.stringify(ui))).toEqual(ui);
  });

  it("refuses an unknown entity", () => {
    expect(() => uiSchema(model, "nope")).toThrow(LoomError);
  });
});
