import { type AppModel, compileApp, parsePackage } from "@loom/engine";
import { beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_ID, sampleLinkTargets, sampleRecord } from "../src/forms/sample-record.ts";
import { sampleDraft } from "./sample-draft.ts";

let model: AppModel;

beforeAll(async () => {
  const { custom, base } = await sampleDraft();
  model = compileApp([parsePackage(base).package!, parsePackage(custom).package!]).model!;
});

describe("the preview's sample record", () => {
  it("fills a Sales Order by field type, with one sample line", () => {
    const order = model.entities.sales_order!;
    const record = sampleRecord(model, order);
    expect(record).toMatchObject({
      customer: SAMPLE_ID,
      customer_po_no: "Sample",
      delivery_date: "2025-03-18",
      // a default wins over a sample; the workflow's first state over both
      is_contract: false,
      sales_channel: "direct",
      status: "draft",
    });
    // a `defaultExpr` (today) as a new record gets it
    expect(record.order_date).not.toBe("2025-03-18");
    expect(record).not.toHaveProperty("total");
    const lines = record.lines as Record<string, unknown>[];
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ item: SAMPLE_ID, schedule: [] });
    expect(typeof lines[0]!.qty).toBe("number");
    expect(lines[0]).not.toHaveProperty("amount");
  });

  it("keeps a number within the field's bounds and a text within its length", () => {
    const line = model.entities.sales_order_line!;
    const tight = {
      ...line,
      fields: line.fields.map((field) =>
        field.name === "unit_price"
          ? { ...field, min: 5000 }
          : field.name === "description"
            ? { ...field, maxLength: 3 }
            : field,
      ),
    };
    const record = sampleRecord(model, tight);
    expect(record.unit_price).toBe(5000);
    expect(record.description).toBe("Sam");
  });

  it("leaves the fields with a placeholder empty, so the placeholder shows", () => {
    const record = sampleRecord(model, model.entities.sales_order!, new Set(["remark"]));
    expect(record).not.toHaveProperty("remark");
  });

  it("links only to entities with a title to show, lines' links included", () => {
    expect(sampleLinkTargets(model, model.entities.sales_order!).sort()).toEqual(
      expect.arrayContaining(["customer", "item"]),
    );
  });
});
