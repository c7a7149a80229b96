import { describe, expect, it } from "vitest";
import { testDatabases } from "./support/databases.ts";
import { useSampleServer } from "./support/sample-app.ts";

describe.each(testDatabases())("GET /api/meta and /api/openapi.json on $name", (target) => {
  const ctx = useSampleServer(target);

  const getJson = async (path: string) => {
    const res = await ctx.fetch(`${ctx.server.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    return res.json();
  };

  it("serves each entity's create, update and read schemas with the model", async () => {
    const meta = await getJson("/api/meta");
    expect(meta.revision).toMatchObject({ id: 1 });
    expect(Object.keys(meta.entities).sort()).toEqual(Object.keys(meta.model.entities).sort());
    const { schema } = meta.entities.sales_order;
    expect(schema.create.required).toContain("customer");
    expect(schema.create.required).not.toContain("order_no");
    expect(schema.update.required).toBeUndefined();
    expect(schema.read.properties.version).toEqual(expect.objectContaining({ type: "integer" }));
    expect(schema.read.properties.lines.items.properties.item).toBeDefined();
  });

  it("serves a uiSchema per entity with the Chinese labels", async () => {
    const { entities } = await getJson("/api/meta");
    const ui = entities.sales_order.uiSchema;
    expect(ui["ui:order"].slice(0, 3)).toEqual(["order_no", "customer", "order_date"]);
    expect(ui.customer).toMatchObject({
      "ui:field": "link",
      "ui:options": { target: "customer", labels: { title: { "zh-CN": "客户" } } },
    });
    expect(ui.order_no["ui:readonly"]).toBe(true);
    expect(ui.order_no["ui:options"].labels.help["zh-CN"]).toBe("首次保存时自动生成。");
    expect(ui.lines.items.item["ui:field"]).toBe("link");
    expect(entities.sales_order.schema.read.properties.order_no["x-labels"]["zh-CN"]).toBe(
      "订单编号",
    );
  });

  it("answers the same bytes every time: the document is serialized once per revision", async () => {
    const first = await (await ctx.fetch(`${ctx.server.url}/api/meta`)).text();
    const second = await (await ctx.fetch(`${ctx.server.url}/api/meta`)).text();
    expect(second).toBe(first);
  });

  it("serves the OpenAPI document of the revision", async () => {
    const doc = await getJson("/api/openapi.json");
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "Loom", version: "1" });
    expect(doc.paths["/api/data/sales_order/{id}"].get.operationId).toBe("get_sales_order");
    expect(doc.paths["/api/workflow/sales_order/{id}/actions/{action}"].post.operationId).toBe(
      "takeAction_sales_order",
    );
    expect(doc.paths["/api/workflow/tasks"].get.operationId).toBe("listWorkflowTasks");
    expect(doc.components.schemas.customer.properties.wechat_id).toBeDefined();
  });
});

describe.each(testDatabases())("the documents of an empty database on $name", (target) => {
  const ctx = useSampleServer(target, { samples: [] });

  it("describe no entities, and the service, designer and packages routes only", async () => {
    const meta = await (await ctx.fetch(`${ctx.server.url}/api/meta`)).json();
    expect(meta).toEqual({ revision: null, model: null, entities: {} });
    const doc = await (await ctx.fetch(`${ctx.server.url}/api/openapi.json`)).json();
    expect(doc.info.version).toBe("none");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/auth/login",
      "/api/auth/logout",
      "/api/auth/me",
      "/api/auth/password",
      "/api/auth/tokens",
      "/api/auth/tokens/{id}",
      "/api/designer/draft",
      "/api/designer/draft/plan",
      "/api/designer/draft/publish",
      "/api/designer/revisions",
      "/api/designer/revisions/{id}",
      "/api/designer/revisions/{id}/diff",
      "/api/designer/revisions/{id}/rollback",
      "/api/meta",
      "/api/meta/plan",
      "/api/meta/publish",
      "/api/openapi.json",
      "/api/packages",
      "/api/packages/parameters",
      "/api/packages/purge",
      "/api/packages/retired",
      "/api/packages/uploads",
      "/api/packages/uploads/{id}/apply",
      "/api/packages/uploads/{id}/preview",
      "/api/packages/{name}/export",
      "/api/packages/{name}/rollback",
      "/health",
      "/metrics",
    ]);
  });
});
