import { beforeAll, describe, expect, it } from "vitest";
import { readComponents } from "../src/draft/design-context.ts";
import {
  stateFieldsOf,
  unboundDocuments,
  type WorkflowModel,
  workflowModel,
} from "../src/workflow/workflow-model.ts";
import { sampleDraft } from "./sample-draft.ts";

let model: WorkflowModel;

beforeAll(async () => {
  const { custom, base } = await sampleDraft();
  const extension = {
    kind: "entity-extension",
    entity: "purchase_order",
    fieldOverrides: { status: { options: [{ value: "draft" }, { value: "pending_cfo" }] } },
  };
  model = workflowModel([
    {
      name: "acme-custom",
      own: true,
      components: readComponents({
        ...custom,
        "extensions/purchase_order.json": JSON.stringify(extension),
      }),
    },
    { name: "manufacturing", own: false, components: readComponents(base) },
  ]);
});

describe("what the workflow designer knows of the model", () => {
  it("offers a new workflow only for document entities that follow none", () => {
    const free = unboundDocuments(model).map((e) => e.name);
    expect(free).toContain("purchase_order");
    // these follow the base package's workflows; lines and settings are no documents
    for (const taken of [
      "sales_order",
      "expense_claim",
      "purchase_request",
      "sales_order_line",
      "company_settings",
    ])
      expect(free).not.toContain(taken);
    expect(
      model.workflows
        .filter((w) => !w.own)
        .map((w) => w.name)
        .sort(),
    ).toEqual(["expense_claim_approval", "purchase_request_approval", "sales_order_approval"]);
  });

  it("reads state fields with the customization's option overrides, fields its extensions add", () => {
    const po = model.entities.find((e) => e.name === "purchase_order");
    expect(stateFieldsOf(po).find((f) => f.name === "status")?.options).toEqual([
      "draft",
      "pending_cfo",
    ]);
    const so = model.entities.find((e) => e.name === "sales_order")!;
    expect(so.fields.map((f) => f.name)).toContain("sales_channel");
    expect(model.entities.find((e) => e.name === "purchase_request")?.submittable).toBe(true);
  });

  it("lists the built-in admin with the packages' roles", () => {
    expect(model.roles.map((r) => r.name)).toEqual([
      "admin",
      "cfo",
      "consultant",
      "finance",
      "legal",
      "sales_manager",
      "sales_rep",
      "warehouse_clerk",
    ]);
  });
});
