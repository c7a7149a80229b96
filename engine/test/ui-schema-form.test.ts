import { describe, expect, it } from "vitest";
import { type AppModel, type UiSchema, uiSchema } from "../src/index.ts";
import { compile } from "./support/packages.ts";
import { sampleModel } from "./support/sample-model.ts";
import { uiPackage, validForm } from "./support/ui.ts";

const field = (ui: UiSchema, name: string) => ui[name] as UiSchema;

function modelWith(form: unknown): AppModel {
  const { model, issues } = compile(uiPackage({ "forms/sales_order.json": form }));
  expect(issues).toEqual([]);
  return model!;
}

describe("uiSchema of an entity with a form", () => {
  const model = modelWith(validForm());
  const ui = uiSchema(model, "sales_order");

  it("orders the fields as the form places them, left-out ones last", () => {
    expect(ui["ui:order"]).toEqual([
      "order_no",
      "customer",
      "order_date",
      "status",
      "sales_person",
      "lines",
      "total",
      "is_urgent",
      "tags",
      "note",
      "extra",
      "*",
    ]);
  });

  it("describes the tabs and sections as ui:layout", () => {
    expect(ui["ui:layout"]).toEqual([
      {
        id: "order",
        labels: { en: "Order", "zh-CN": "Order" },
        sections: [
          {
            id: "header",
            labels: { en: "Header", "zh-CN": "Header" },
            columns: 2,
            fields: ["order_no", "customer", "order_date", "status", "sales_person"],
          },
        ],
      },
      {
        id: "lines",
        labels: { en: "Lines", "zh-CN": "Lines" },
        sections: [
          { id: "lines", columns: 1, fields: ["lines", "total"] },
          {
            id: "other_fields",
            labels: { en: "Other Fields", "zh-CN": "其他字段" },
            columns: 1,
            fields: ["is_urgent", "tags", "note", "extra"],
          },
        ],
      },
    ]);
  });

  it("uses the form's widgets, in rjsf's names", () => {
    expect(field(ui, "status")["ui:widget"]).toBe("radio");
    expect(field(ui, "total")["ui:widget"]).toBe("money");
    expect(field(ui, "customer")["ui:field"]).toBe("link");
    const more = uiSchema(
      modelWith({
        kind: "form",
        entity: "sales_order",
        sections: [
          {
            id: "main",
            fields: [
              { field: "tags", widget: "checkbox" },
              { field: "total", widget: "number" },
              { field: "note", widget: "text" },
            ],
          },
        ],
      }),
      "sales_order",
    );
    expect(field(more, "tags")["ui:widget"]).toBe("checkboxes");
    expect(field(more, "total")["ui:widget"]).toBe("updown");
    expect(field(more, "note")["ui:widget"]).toBe("text");
    // no widget asked: the type's default stays
    expect(field(more, "status")["ui:widget"]).toBe("select");
  });

  it("keeps the type's widget where the form names none: a multiselect is a select", () => {
    expect(field(ui, "tags")["ui:widget"]).toBe("select");
    expect(field(ui, "note")["ui:widget"]).toBe("textarea");
  });

  it("gives placeholders in English and in every language", () => {
    expect(field(ui, "sales_person")["ui:placeholder"]).toBe("who sells");
    expect(field(ui, "sales_person")["ui:options"]?.placeholderLabels).toEqual({
      en: "who sells",
      "zh-CN": "who sells",
    });
    expect(field(ui, "order_date")["ui:placeholder"]).toBeUndefined();
  });

  it("gives a table field its grid columns and its lines the child's uiSchema", () => {
    const lines = field(ui, "lines");
    expect(lines["ui:options"]?.columns).toEqual(["item", "amount"]);
    expect(lines.items).toEqual(uiSchema(model, "sales_order_line"));
  });

  it("keeps read-only and labels as before", () => {
    expect(field(ui, "order_no")["ui:readonly"]).toBe(true);
    expect(field(ui, "status")["ui:options"]?.labels?.options?.done).toEqual({ en: "done" });
  });

  it("has no layout for a child entity, which has no form", () => {
    expect(uiSchema(model, "sales_order_line")["ui:layout"]).toBeUndefined();
  });
});

describe("uiSchema of the sample sales order", () => {
  const ui = uiSchema(sampleModel("manufacturing", "manufacturing-custom"), "sales_order");

  it("shows the Order, Lines and Delivery tabs in both languages, the customization's fields last", () => {
    const tabs = ui["ui:layout"]!;
    expect(tabs.map((t) => t.labels)).toEqual([
      { en: "Order", "zh-CN": "订单" },
      { en: "Lines", "zh-CN": "明细" },
      { en: "Delivery", "zh-CN": "交货" },
    ]);
    expect(tabs[2]!.sections.at(-1)).toMatchObject({
      id: "other_fields",
      fields: ["sales_channel", "project_code"],
    });
    expect(field(ui, "lines")["ui:options"]?.columns).toEqual([
      "item",
      "description",
      "qty",
      "unit",
      "unit_price",
      "discount",
      "amount",
    ]);
    expect(field(ui, "customer_po_no")["ui:options"]?.placeholderLabels?.["zh-CN"]).toBe(
      "例如 PO-2024-0815",
    );
  });
});
