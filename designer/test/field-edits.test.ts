import { readFile } from "node:fs/promises";
import type { EntityDef, EntityExtensionDef, FieldDef } from "@loom/engine";
import { beforeAll, describe, expect, it } from "vitest";
import { checkDraft, loadBases } from "../src/draft/check-draft.ts";
import { applyChanges, type FileChanges, type Files } from "../src/draft/design-context.ts";
import {
  addEntity,
  addField,
  type EditResult,
  moveField,
  OVERRIDABLE,
  removeField,
  renameField,
  retype,
  updateField,
} from "../src/draft/field-edits.ts";
import { fieldRows } from "../src/draft/field-rows.ts";
import { contextOf, sampleDraft } from "./sample-draft.ts";

const CONTACT: FieldDef = {
  name: "customer_contact",
  type: "text",
  labels: { en: "Customer Contact", "zh-CN": "客户联系人" },
};

let custom: Files;
let base: Files;

beforeAll(async () => {
  ({ custom, base } = await sampleDraft());
});

function changesOf(result: EditResult): FileChanges {
  if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
  return result.changes;
}

function json<T>(files: Files, file: string): T {
  return JSON.parse(files[file]!) as T;
}

/** The issues the engine finds in the draft's files, as the designer checks them. */
function issuesOf(files: Files) {
  return checkDraft("acme-custom", files, loadBases([{ files: base }]));
}

describe("where a new field goes", () => {
  it("adds a field of a base entity to the draft's existing extension, the rest of its text as it was", () => {
    const changes = changesOf(addField(contextOf(custom, base), "sales_order", CONTACT));
    expect(Object.keys(changes)).toEqual(["extensions/sales_order.json"]);
    const text = changes["extensions/sales_order.json"]!;
    const extension = JSON.parse(text) as EntityExtensionDef;
    expect(extension.fields?.map((f) => f.name)).toEqual([
      "sales_channel",
      "project_code",
      CONTACT.name,
    ]);
    // the override of remark keeps its one-line labels, as the consultant wrote them
    expect(text).toContain('"labels": { "en": "Internal Notes", "zh-CN": "内部备注" }');
    expect(issuesOf(applyChanges(custom, changes))).toEqual([]);
  });

  it("creates extensions/<entity>.json for a base entity the draft does not extend yet", () => {
    const changes = changesOf(addField(contextOf(custom, base), "item", CONTACT));
    expect(json(changes as Files, "extensions/item.json")).toEqual({
      kind: "entity-extension",
      entity: "item",
      fields: [CONTACT],
    });
    expect(custom).not.toHaveProperty(["extensions/item.json"]);
    expect(issuesOf(applyChanges(custom, changes))).toEqual([]);
  });

  it("adds a field of the draft's own entity to the entity's own file", () => {
    const changes = changesOf(addField(contextOf(custom, base), "sales_region", CONTACT));
    expect(Object.keys(changes)).toEqual(["entities/sales_region.json"]);
    expect(json<EntityDef>(changes as Files, "entities/sales_region.json").fields.at(-1)).toEqual(
      CONTACT,
    );
  });

  it("refuses a second field of the same name, counting the base entity's", () => {
    const result = addField(contextOf(custom, base), "sales_order", { ...CONTACT, name: "remark" });
    expect(result).toMatchObject({ ok: false, refusal: { code: "field-exists" } });
  });
});

describe("changing a field", () => {
  it("keeps a base field's new label in the extension's fieldOverrides, never in the base file", () => {
    const ctx = contextOf(custom, base);
    const changes = changesOf(
      updateField(ctx, "sales_order", "customer_po_no", {
        labels: { en: "Customer PO No.", "zh-CN": "客户订单号" },
      }),
    );
    expect(Object.keys(changes)).toEqual(["extensions/sales_order.json"]);
    const extension = json<EntityExtensionDef>(changes as Files, "extensions/sales_order.json");
    expect(extension.fieldOverrides?.customer_po_no).toEqual({
      labels: { en: "Customer PO No.", "zh-CN": "客户订单号" },
    });
    const after = contextOf(applyChanges(custom, changes), base);
    const row = fieldRows(after, "sales_order").find((r) => r.field.name === "customer_po_no")!;
    expect(row).toMatchObject({
      origin: "base",
      file: "entities/sales_order.json",
      overridden: ["labels"],
      override: { file: "extensions/sales_order.json", pointer: "/fieldOverrides/customer_po_no" },
    });
    expect(row.field.labels["zh-CN"]).toBe("客户订单号");
  });

  it("drops an override set back to the base value, and an extension left with nothing", () => {
    const ctx = contextOf(custom, base);
    const required = applyChanges(
      custom,
      changesOf(updateField(ctx, "item", "name", { help: { en: "As on the label" } })),
    );
    expect(json<EntityExtensionDef>(required, "extensions/item.json").fieldOverrides).toEqual({
      name: { help: { en: "As on the label" } },
    });
    const back = changesOf(
      updateField(contextOf(required, base), "item", "name", { help: undefined }),
    );
    expect(back).toEqual({ "extensions/item.json": null });

    // delivery_date is optional in the base: unsetting the sample's `required: true` override
    // leaves nothing to override
    const optional = changesOf(
      updateField(ctx, "sales_order", "delivery_date", { required: false }),
    );
    const extension = json<EntityExtensionDef>(optional as Files, "extensions/sales_order.json");
    expect(extension.fieldOverrides).not.toHaveProperty("delivery_date");
    expect(extension.fieldOverrides).toHaveProperty("remark");

    // customer is required in the base: not requiring it is an override of false
    const unrequired = applyChanges(
      custom,
      changesOf(updateField(ctx, "sales_order", "customer", { required: false })),
    );
    expect(
      json<EntityExtensionDef>(unrequired, "extensions/sales_order.json").fieldOverrides?.customer,
    ).toEqual({ required: false });
    const again = changesOf(
      updateField(contextOf(unrequired, base), "sales_order", "customer", { required: true }),
    );
    expect(
      json<EntityExtensionDef>(again as Files, "extensions/sales_order.json").fieldOverrides,
    ).not.toHaveProperty("customer");
  });

  it("refuses what an override cannot change on a base field, naming the property", () => {
    const ctx = contextOf(custom, base);
    for (const patch of [{ type: "longtext" }, { unique: true }, { target: "customer" }] as const) {
      const result = updateField(ctx, "sales_order", "customer_po_no", patch);
      expect(result).toMatchObject({
        ok: false,
        refusal: { code: "not-overridable", property: Object.keys(patch)[0] },
      });
    }
    expect(renameField(ctx, "sales_order", "remark", "notes")).toMatchObject({
      ok: false,
      refusal: { code: "not-overridable", property: "name" },
    });
    expect(removeField(ctx, "sales_order", "remark")).toMatchObject({
      ok: false,
      refusal: { code: "base-field-stays" },
    });
  });

  it("offers as overridable exactly what the extension schema's fieldOverride accepts", async () => {
    const schema = JSON.parse(
      await readFile(
        new URL("../../schemas/entity-extension.schema.json", import.meta.url),
        "utf8",
      ),
    ) as { $defs: { fieldOverride: { properties: Record<string, unknown> } } };
    expect([...OVERRIDABLE].sort()).toEqual(
      Object.keys(schema.$defs.fieldOverride.properties).sort(),
    );
  });

  it("changes every property of the draft's own field in place", () => {
    const changes = changesOf(
      updateField(contextOf(custom, base), "sales_order", "project_code", {
        ...retype(
          json<EntityExtensionDef>(custom, "extensions/sales_order.json").fields![1]!,
          "link",
        ),
        target: "customer",
        unique: true,
      }),
    );
    const field = json<EntityExtensionDef>(changes as Files, "extensions/sales_order.json")
      .fields![1]!;
    expect(field).toMatchObject({ name: "project_code", type: "link", target: "customer" });
    expect(field.unique).toBe(true);
  });

  it("drops the properties a new type does not have", () => {
    const select: FieldDef = {
      name: "channel",
      type: "select",
      labels: { en: "Channel" },
      default: "direct",
      options: [{ value: "direct", labels: { en: "Direct" } }],
      required: true,
    };
    expect(retype(select, "text")).toEqual({
      type: "text",
      options: undefined,
      default: undefined,
    });
    expect(
      retype({ ...select, type: "link", target: "customer", options: undefined }, "table"),
    ).toEqual({ type: "table", options: undefined, default: undefined });
  });
});

describe("renaming, reordering and removing the draft's own fields", () => {
  it("records the old name as renamedFrom when the field may be live, and keeps the first one", () => {
    const ctx = contextOf(custom, base);
    const once = applyChanges(
      custom,
      changesOf(renameField(ctx, "sales_order", "project_code", "project_no")),
    );
    const field = () =>
      json<EntityExtensionDef>(once, "extensions/sales_order.json").fields!.find(
        (f) => f.name === "project_no",
      );
    expect(field()).toMatchObject({ name: "project_no", renamedFrom: "project_code" });
    const twice = applyChanges(
      once,
      changesOf(renameField(contextOf(once, base), "sales_order", "project_no", "project_ref")),
    );
    expect(json<EntityExtensionDef>(twice, "extensions/sales_order.json").fields![1]).toMatchObject(
      { name: "project_ref", renamedFrom: "project_code" },
    );
    const back = applyChanges(
      twice,
      changesOf(renameField(contextOf(twice, base), "sales_order", "project_ref", "project_code")),
    );
    expect(
      json<EntityExtensionDef>(back, "extensions/sales_order.json").fields![1],
    ).not.toHaveProperty("renamedFrom");
  });

  it("renames a field of a file new in the draft without renamedFrom: there is no column yet", () => {
    const added = applyChanges(
      custom,
      changesOf(addField(contextOf(custom, base), "item", CONTACT)),
    );
    const ctx = contextOf(added, base, ["extensions/item.json"]);
    const renamed = changesOf(renameField(ctx, "item", CONTACT.name, "buyer_contact"));
    expect(json<EntityExtensionDef>(renamed as Files, "extensions/item.json").fields).toEqual([
      { ...CONTACT, name: "buyer_contact" },
    ]);
  });

  it("moves a field up and down among its file's fields, no further than the ends", () => {
    const ctx = contextOf(custom, base);
    const up = applyChanges(custom, changesOf(moveField(ctx, "sales_order", "project_code", -1)));
    expect(
      json<EntityExtensionDef>(up, "extensions/sales_order.json").fields!.map((f) => f.name),
    ).toEqual(["project_code", "sales_channel"]);
    expect(fieldRows(contextOf(up, base), "sales_order").at(-1)?.field.name).toBe("sales_channel");
    expect(moveField(contextOf(up, base), "sales_order", "project_code", -1)).toMatchObject({
      ok: false,
      refusal: { code: "cannot-move" },
    });
    expect(moveField(ctx, "sales_order", "remark", 1)).toMatchObject({
      ok: false,
      refusal: { code: "base-field-stays" },
    });
  });

  it("removes the last field of an extension with its array, and the file once it changes nothing", () => {
    const added = applyChanges(
      custom,
      changesOf(addField(contextOf(custom, base), "item", CONTACT)),
    );
    expect(changesOf(removeField(contextOf(added, base), "item", CONTACT.name))).toEqual({
      "extensions/item.json": null,
    });
    const oneLeft = applyChanges(
      custom,
      changesOf(removeField(contextOf(custom, base), "customer", "wechat_id")),
    );
    const customer = json<EntityExtensionDef>(oneLeft, "extensions/customer.json");
    expect(customer.fields?.map((f) => f.name)).toEqual(["credit_rating", "region"]);
  });
});

describe("a new entity", () => {
  it("is a file of the draft's package that compiles, and its name is refused twice", () => {
    const ctx = contextOf(custom, base);
    const changes = changesOf(addEntity(ctx, "machine", { en: "Machine", "zh-CN": "设备" }));
    expect(Object.keys(changes)).toEqual(["entities/machine.json"]);
    expect(issuesOf(applyChanges(custom, changes))).toEqual([]);
    expect(addEntity(ctx, "customer", { en: "Customer" })).toMatchObject({
      ok: false,
      refusal: { code: "entity-exists" },
    });
  });
});
