import type { AppModel, FieldDef, FormDef } from "@loom/engine";
import { compileApp, parsePackage } from "@loom/engine";
import { beforeAll, describe, expect, it } from "vitest";
import { checkDraft, loadBases } from "../src/draft/check-draft.ts";
import { applyChanges, type FileChanges, type Files } from "../src/draft/design-context.ts";
import { addField, type EditResult } from "../src/draft/field-edits.ts";
import { fieldRows } from "../src/draft/field-rows.ts";
import {
  addSection,
  addTab,
  currentOutline,
  dropDraftForm,
  type FormEditResult,
  moveField,
  moveSection,
  moveSectionToTab,
  moveTab,
  placeField,
  removeSection,
  removeTab,
  setFieldLook,
  setSection,
  setTabLabels,
  setTableColumns,
  unplaceField,
} from "../src/forms/form-edits.ts";
import { issuesByPlace } from "../src/forms/form-issues.ts";
import { type FormTarget, formFields, placeOf } from "../src/forms/form-outline.ts";
import { formEntities, formInEffect } from "../src/forms/form-source.ts";
import { contextOf, sampleDraft } from "./sample-draft.ts";

const CONTACT: FieldDef = {
  name: "delivery_contact",
  type: "text",
  labels: { en: "Delivery Contact", "zh-CN": "收货联系人" },
};
const FORM = "forms/sales_order.json";

let custom: Files;
let base: Files;

beforeAll(async () => {
  ({ custom, base } = await sampleDraft());
});

function changesOf(result: FormEditResult | EditResult): FileChanges {
  if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
  return result.changes;
}

/** The draft `files` as a form edit sees Sales Order (the base package being `baseFiles`). */
function targetOf(files: Files, entity = "sales_order", baseFiles = base): FormTarget {
  const ctx = contextOf(files, baseFiles);
  return { ctx, entity, fields: fieldRows(ctx, entity).map((row) => row.field) };
}

/** The samples' draft with Delivery Contact added to Sales Order (in its extension). */
function withContact(): Files {
  return applyChanges(custom, changesOf(addField(contextOf(custom, base), "sales_order", CONTACT)));
}

/** Runs `step` on the draft and gives the files after it. */
function after(files: Files, step: (target: FormTarget) => FormEditResult, entity?: string): Files {
  return applyChanges(files, changesOf(step(targetOf(files, entity))));
}

function modelOf(files: Files, baseFiles = base): AppModel {
  const loaded = [parsePackage(baseFiles).package!, parsePackage(files).package!];
  const { model, issues } = compileApp(loaded);
  expect(issues).toEqual([]);
  return model!;
}

function fieldsOf(model: AppModel, section: string, entity = "sales_order"): string[] {
  const sections = model.forms[entity]!.tabs.flatMap((tab) => tab.sections);
  return sections.find((s) => s.id === section)!.fields.map((f) => f.field);
}

function form(files: Files): FormDef {
  return JSON.parse(files[FORM]!) as FormDef;
}

const issuesOf = (files: Files) => checkDraft("acme-custom", files, loadBases([{ files: base }]));

describe("where a form edit goes", () => {
  it("copies the base package's form into the draft on the first edit, and the copy replaces it", () => {
    const files = withContact();
    expect(formInEffect(targetOf(files).ctx, "sales_order").source).toEqual({
      kind: "base",
      package: "manufacturing",
      file: FORM,
    });
    const changes = changesOf(
      placeField(targetOf(files), CONTACT.name, { section: "shipping", before: "remark" }),
    );
    expect(Object.keys(changes)).toEqual([FORM]);
    const placed = applyChanges(files, changes);
    // the copy is the base form with the one change
    const copy = form(placed);
    const baseForm = JSON.parse(base[FORM]!) as FormDef;
    const shipping = copy.tabs![2]!.sections[0]!;
    expect(shipping.fields.map((f) => (typeof f === "string" ? f : f.field))).toEqual([
      "delivery_date",
      "shipping_address",
      CONTACT.name,
      "remark",
    ]);
    shipping.fields.splice(2, 1);
    expect(copy).toEqual(baseForm);
    expect(formInEffect(targetOf(placed).ctx, "sales_order").source).toEqual({
      kind: "draft",
      file: FORM,
      replaces: { package: "manufacturing", file: FORM },
    });
    const model = modelOf(placed);
    expect(model.forms.sales_order!.origin).toEqual({ package: "acme-custom", file: FORM });
    expect(fieldsOf(model, "shipping")).toEqual([
      "delivery_date",
      "shipping_address",
      CONTACT.name,
      "remark",
    ]);
    expect(fieldsOf(model, "other_fields")).toEqual(["sales_channel", "project_code"]);
  });

  it("keeps the consultant's layout through a base upgrade: a field the base adds later shows under Other Fields", () => {
    const placed = after(withContact(), (t) =>
      placeField(t, CONTACT.name, { section: "shipping", before: "remark" }),
    );
    const entity = JSON.parse(base["entities/sales_order.json"]!) as { fields: FieldDef[] };
    entity.fields.push({ name: "incoterm", type: "text", labels: { en: "Incoterm" } });
    const upgraded = { ...base, "entities/sales_order.json": JSON.stringify(entity) };
    const model = modelOf(placed, upgraded);
    expect(fieldsOf(model, "shipping")).toContain(CONTACT.name);
    expect(fieldsOf(model, "other_fields")).toEqual(["incoterm", "sales_channel", "project_code"]);
  });

  it("edits the draft's own form as text: the rest of the file keeps its layout", () => {
    const files = { ...withContact(), [FORM]: base[FORM]! };
    const changes = changesOf(
      placeField(targetOf(files), CONTACT.name, { section: "shipping", before: null }),
    );
    const text = changes[FORM]!;
    expect(text).toContain('"labels": { "en": "Order", "zh-CN": "订单" },');
    expect(text.split("\n").length).toBe(base[FORM]!.split("\n").length + 1);
  });

  it("writes the default form out on the first edit of an entity that has none", () => {
    const ctx = contextOf(custom, base);
    expect(formInEffect(ctx, "warehouse").source).toEqual({ kind: "default" });
    const files = after(custom, (t) => moveField(t, "name", -1), "warehouse");
    const written = JSON.parse(files["forms/warehouse.json"]!) as FormDef;
    const names = fieldRows(ctx, "warehouse").map((row) => row.field.name);
    expect(written.sections![0]!.fields).toEqual([names[1], names[0], ...names.slice(2)]);
    expect(issuesOf(files)).toEqual([]);
  });

  it("drops the draft's form: the base package's is in effect again", () => {
    const placed = after(withContact(), (t) => unplaceField(t, "remark"));
    expect(changesOf(dropDraftForm(targetOf(placed)))).toEqual({ [FORM]: null });
    expect(changesOf(dropDraftForm(targetOf(custom)))).toEqual({});
  });

  it("lists the entities a form lays out, not the child ones", () => {
    const names = formEntities(contextOf(custom, base)).map((entity) => entity.name);
    expect(names).toContain("sales_order");
    expect(names).toContain("sales_region");
    expect(names).not.toContain("sales_order_line");
    expect(names).not.toContain("delivery_schedule");
  });
});

describe("placing fields", () => {
  it("moves a field within its section and to another one, its widget and placeholder with it", () => {
    let files = after(custom, (t) => moveField(t, "customer_po_no", -1));
    const header = () => currentOutline(targetOf(files)).tabs[0]!.sections[0]!;
    expect(
      header()
        .fields.slice(1, 4)
        .map((f) => f.name),
    ).toEqual(["customer", "customer_po_no", "order_date"]);
    files = after(files, (t) => moveField(t, "customer_po_no", 1));
    expect(header().fields[2]!.name).toBe("order_date");
    expect(header().fields[3]).toMatchObject({
      name: "customer_po_no",
      placeholder: { en: "e.g. PO-2024-0815" },
    });

    files = after(files, (t) =>
      placeField(t, "customer_po_no", { section: "approval", before: "status" }),
    );
    const approval = currentOutline(targetOf(files)).tabs[0]!.sections[1]!;
    expect(approval.fields.map((f) => f.name)).toEqual([
      "customer_po_no",
      "status",
      "reject_reason",
    ]);
    expect(approval.fields[0]!.placeholder?.["zh-CN"]).toBe("例如 PO-2024-0815");
    expect(issuesOf(files)).toEqual([]);
  });

  it("refuses to move the first field up, and a field the entity does not have", () => {
    expect(moveField(targetOf(custom), "order_no", -1)).toMatchObject({
      ok: false,
      refusal: { code: "cannot-move" },
    });
    expect(
      placeField(targetOf(custom), "no_such_field", { section: "header", before: null }),
    ).toMatchObject({ ok: false, refusal: { code: "unknown-field" } });
    expect(
      placeField(targetOf(custom), "remark", { section: "nowhere", before: null }),
    ).toMatchObject({ ok: false, refusal: { code: "unknown-section" } });
  });

  it("takes a field out of the form: it is unplaced, and the app shows it under Other Fields", () => {
    const files = after(custom, (t) => unplaceField(t, "remark"));
    expect(currentOutline(targetOf(files)).unplaced.map((f) => f.name)).toEqual([
      "remark",
      "sales_channel",
      "project_code",
    ]);
    expect(fieldsOf(modelOf(files), "other_fields")).toEqual([
      "remark",
      "sales_channel",
      "project_code",
    ]);
  });

  it("writes a widget and placeholder as an object entry, and the bare name once both are gone", () => {
    let files = after(custom, (t) =>
      setFieldLook(t, "remark", { widget: "textarea", placeholder: undefined }),
    );
    const shipping = () => form(files).tabs![2]!.sections[0]!.fields;
    expect(shipping()[2]).toEqual({ field: "remark", widget: "textarea" });
    files = after(files, (t) => setFieldLook(t, "remark", { widget: undefined }));
    expect(shipping()[2]).toBe("remark");
    expect(issuesOf(files)).toEqual([]);
  });

  it("leaves a widget that does not fit the field's type to the engine, which names it", () => {
    const files = after(custom, (t) => setFieldLook(t, "order_date", { widget: "radio" }));
    expect(issuesOf(files)).toMatchObject([
      { code: "bad-widget", file: FORM, path: "/tabs/0/sections/0/fields/2/widget" },
    ]);
  });
});

describe("sections and tabs", () => {
  it("adds a section, empty until a field is placed in it, then titles and widens it", () => {
    const added = addSection(targetOf(custom), "delivery", { en: "Contact", "zh-CN": "联系" });
    expect(added).toMatchObject({ ok: true, id: "section_6" });
    let files = applyChanges(custom, changesOf(added));
    // an empty section is a problem the engine points at, until it holds a field
    expect(issuesOf(files).map((issue) => issue.path)).toEqual(["/tabs/2/sections/1/fields"]);
    files = after(files, (t) =>
      placeField(t, "delivery_date", { section: "section_6", before: null }),
    );
    files = after(files, (t) =>
      setSection(t, "section_6", {
        labels: { en: "Contact person", "zh-CN": "联系人" },
        columns: 2,
      }),
    );
    expect(form(files).tabs![2]!.sections[1]).toEqual({
      id: "section_6",
      labels: { en: "Contact person", "zh-CN": "联系人" },
      fields: ["delivery_date"],
      columns: 2,
    });
    files = after(files, (t) =>
      setSection(t, "section_6", { labels: undefined, columns: undefined }),
    );
    expect(form(files).tabs![2]!.sections[1]).toEqual({
      id: "section_6",
      fields: ["delivery_date"],
    });
    expect(issuesOf(files)).toEqual([]);
  });

  it("moves a section within its tab and to another tab; a tab keeps one section", () => {
    let files = after(custom, (t) => moveSection(t, "approval", -1));
    expect(form(files).tabs![0]!.sections.map((s) => s.id)).toEqual(["approval", "header"]);
    files = after(files, (t) => moveSectionToTab(t, "approval", "delivery"));
    expect(form(files).tabs!.map((tab) => tab.sections.map((s) => s.id))).toEqual([
      ["header"],
      ["order_lines", "amounts"],
      ["shipping", "approval"],
    ]);
    expect(moveSectionToTab(targetOf(files), "header", "lines")).toMatchObject({
      ok: false,
      refusal: { code: "last-section" },
    });
    expect(removeSection(targetOf(files), "header")).toMatchObject({
      ok: false,
      refusal: { code: "last-section" },
    });
    files = after(files, (t) => removeSection(t, "approval"));
    expect(currentOutline(targetOf(files)).unplaced.map((f) => f.name)).toEqual([
      "status",
      "reject_reason",
      "sales_channel",
      "project_code",
    ]);
    expect(issuesOf(files)).toEqual([]);
  });

  it("adds, titles, moves and removes tabs; a form keeps one tab", () => {
    const added = addTab(targetOf(custom), { en: "More", "zh-CN": "更多" }, { en: "Notes" });
    expect(added).toMatchObject({ ok: true, id: "tab_4" });
    let files = applyChanges(custom, changesOf(added));
    files = after(files, (t) => placeField(t, "remark", { section: "section_6", before: null }));
    files = after(files, (t) => setTabLabels(t, "tab_4", { en: "Extra", "zh-CN": "附加" }));
    files = after(files, (t) => moveTab(t, "tab_4", -1));
    files = after(files, (t) => moveTab(t, "order", 1));
    expect(form(files).tabs!.map((tab) => `${tab.id}:${tab.labels.en}`)).toEqual([
      "lines:Lines",
      "order:Order",
      "tab_4:Extra",
      "delivery:Delivery",
    ]);
    expect(issuesOf(files)).toEqual([]);
    files = after(files, (t) => removeTab(t, "delivery"));
    files = after(files, (t) => removeTab(t, "tab_4"));
    files = after(files, (t) => removeTab(t, "lines"));
    expect(removeTab(targetOf(files), "order")).toMatchObject({
      ok: false,
      refusal: { code: "last-tab" },
    });
    expect(fieldsOf(modelOf(files), "other_fields")).toContain("lines");
  });

  it("turns a form of sections into one of tabs, the first titled like the entity", () => {
    let files = after(custom, (t) => moveField(t, "name", -1), "warehouse");
    files = after(
      files,
      (t) => addTab(t, { en: "Stock", "zh-CN": "库存" }, { en: "Levels" }),
      "warehouse",
    );
    const written = JSON.parse(files["forms/warehouse.json"]!) as FormDef;
    expect(written.sections).toBeUndefined();
    expect(
      written.tabs!.map((tab) => [tab.id, tab.labels.en, tab.sections.map((s) => s.id)]),
    ).toEqual([
      ["main", "Warehouse", ["main"]],
      ["tab_2", "Stock", ["section_2"]],
    ]);
  });
});

describe("grids of lines", () => {
  it("lists each grid with its columns, the line's own tables by path", () => {
    const tables = currentOutline(targetOf(custom)).tables;
    expect(tables.map((t) => [t.path, t.laidOut])).toEqual([
      ["lines", true],
      ["lines.schedule", false],
    ]);
    expect(tables[0]!.columns.map((c) => c.name)).toEqual([
      "item",
      "description",
      "qty",
      "unit",
      "unit_price",
      "discount",
      "amount",
    ]);
    expect(tables[0]!.available.map((f) => f.name)).not.toContain("schedule");
  });

  it("sets a grid's columns, and refuses a grid without any", () => {
    const files = after(custom, (t) =>
      setTableColumns(t, "lines.schedule", ["qty", "delivery_date"]),
    );
    const section = form(files).tables?.["lines.schedule"];
    expect(section).toEqual({ columns: ["qty", "delivery_date"] });
    expect(issuesOf(files)).toEqual([]);
    expect(setTableColumns(targetOf(custom), "lines", [])).toMatchObject({
      ok: false,
      refusal: { code: "last-column" },
    });
  });
});

describe("what the page shows", () => {
  it("lays out the fields the engine adds too: a submittable entity's lifecycle fields", () => {
    const ctx = contextOf(custom, base);
    const compiled = modelOf(custom).entities.purchase_request;
    const fields = formFields(ctx, "purchase_request", compiled).map((f) => f.name);
    expect(fields.slice(-2)).toEqual(["docstatus", "amended_from"]);
    expect(formFields(ctx, "purchase_request", undefined).map((f) => f.name)).not.toContain(
      "docstatus",
    );
    // the base form places them: known fields, not names the entity lacks
    const placed = (fields: FieldDef[]) =>
      placeOf(currentOutline({ ctx, entity: "purchase_request", fields }), "docstatus")?.field
        .field;
    expect(placed(formFields(ctx, "purchase_request", compiled))?.type).toBe("select");
    expect(placed(formFields(ctx, "purchase_request", undefined))).toBeUndefined();
  });

  it("shows each problem of the form at the most specific place it points into", () => {
    const placed = (files: Files) => {
      const outline = currentOutline(targetOf(files));
      const places = outline.tabs.flatMap((tab) =>
        tab.sections.flatMap((s) => [s.pointer, ...s.fields.map((f) => f.pointer)]),
      );
      return issuesByPlace(issuesOf(files), places);
    };
    let files = after(custom, (t) => setFieldLook(t, "order_date", { widget: "radio" }));
    files = after(files, (t) => setTableColumns(t, "lines", ["item", "no_such_column"]));
    const { at, rest } = placed(files);
    expect([...at.keys()]).toEqual(["/tabs/0/sections/0/fields/2"]);
    expect(at.get("/tabs/0/sections/0/fields/2")?.map((i) => i.code)).toEqual(["bad-widget"]);
    expect(rest.map((i) => i.path)).toEqual(["/tables/lines/columns/1"]);

    const empty = placed(after(custom, (t) => addSection(t, "delivery", { en: "Contact" })));
    expect([...empty.at.keys()]).toEqual(["/tabs/2/sections/1"]);
    expect(empty.rest).toEqual([]);
  });
});
