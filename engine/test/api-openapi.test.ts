import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import {
  addRecordSchemaKeywords,
  buildOpenApi,
  compileApp,
  type HttpMethod,
  type JsonSchema,
  type OpenApiDocument,
  type Response,
  recordSchema,
} from "../src/index.ts";
import { compile, entity, field, packageFiles } from "./support/packages.ts";
import { sampleModel } from "./support/sample-model.ts";

const addFormats = addFormatsModule.default;
const model = sampleModel("manufacturing");
const customized = sampleModel("manufacturing", "manufacturing-custom");
const INFO = { title: "Manufacturing", version: "1.0.0" };
const doc = buildOpenApi(model, INFO);
const DOC_ID = "https://loom.invalid/openapi.json";
const SERVICE_PATHS = [
  "/health",
  "/metrics",
  "/api/meta",
  "/api/openapi.json",
  "/api/meta/plan",
  "/api/meta/publish",
];
const AUTH_PATHS = [
  "/api/auth/login",
  "/api/auth/logout",
  "/api/auth/me",
  "/api/auth/password",
  "/api/auth/tokens",
  "/api/auth/tokens/{id}",
];
const DESIGNER_PATHS = [
  "/api/designer/draft",
  "/api/designer/draft/plan",
  "/api/designer/draft/publish",
  "/api/designer/revisions",
  "/api/designer/revisions/{id}",
  "/api/designer/revisions/{id}/diff",
  "/api/designer/revisions/{id}/rollback",
];
const PACKAGES_PATHS = [
  "/api/packages",
  "/api/packages/{name}/export",
  "/api/packages/uploads",
  "/api/packages/uploads/{id}/preview",
  "/api/packages/uploads/{id}/apply",
  "/api/packages/{name}/rollback",
  "/api/packages/retired",
  "/api/packages/purge",
  "/api/packages/parameters",
];
const TRASH_PATHS = ["/api/trash", "/api/trash/{trashId}/restore"];
const TASK_PATHS = [
  "/api/workflow/tasks",
  "/api/workflow/tasks/{taskId}/delegate",
  "/api/workflow/tasks/{taskId}/reassign",
];
const UNAUTHENTICATED = { $ref: "#/components/responses/Unauthenticated" };
/** what a user still on a one-time password may call (runtime/src/auth/authenticate.ts) */
const ONE_TIME_PASSWORD_OPERATIONS = ["me", "changePassword", "logout"];

/** An ajv that resolves `#/components/schemas/<name>` refs inside the generated document. */
function componentValidator(document: OpenApiDocument) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  addRecordSchemaKeywords(ajv);
  ajv.addKeyword("components");
  ajv.addSchema({ $id: DOC_ID, components: { schemas: document.components.schemas } });
  return {
    check(name: string, value: unknown): string[] {
      const validate = ajv.getSchema(`${DOC_ID}#/components/schemas/${name}`);
      if (!validate) throw new Error(`no schema ${name}`);
      if (validate(value)) return [];
      return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.keyword}`);
    },
    /** a schema found in the document, its `#/…` refs pointing into the document */
    compile(schema: unknown) {
      const text = JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${DOC_ID}#/`);
      return ajv.compile(JSON.parse(text));
    },
  };
}

function allRefs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) allRefs(item, found);
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key === "$ref" && typeof item === "string") found.push(item);
      else allRefs(item, found);
    }
  }
  return found;
}

function resolves(document: OpenApiDocument, ref: string): boolean {
  let node: unknown = document;
  for (const part of ref.replace(/^#\//, "").split("/")) {
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  }
  return node !== undefined;
}

/** The JSON body schema of one answer of an operation, a shared response resolved. */
function responseSchema(
  document: OpenApiDocument,
  path: string,
  method: HttpMethod,
  status: string,
): JsonSchema | undefined {
  const response = document.paths[path]?.[method]?.responses[status];
  const resolved =
    response && "$ref" in response
      ? document.components.responses[response.$ref.split("/").pop()!]
      : response;
  return resolved?.content?.["application/json"]?.schema;
}

/** The `action` path parameter's values on an entity's workflow action route, if it has one. */
function actionNames(document: OpenApiDocument, entity: string): unknown[] | undefined {
  const operation = document.paths[`/api/workflow/${entity}/{id}/actions/{action}`]?.post;
  const action = operation?.parameters?.find((p) => "name" in p && p.name === "action");
  return action && "schema" in action ? [...(action.schema.enum ?? [])] : undefined;
}

describe("buildOpenApi", () => {
  it.each([
    ["the manufacturing sample", doc],
    ["the customized sample", buildOpenApi(customized, INFO)],
  ])("is a valid OpenAPI 3.1 document for %s", async (_, document) => {
    const validator = new Validator();
    const result = await validator.validate({ ...document });
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("is checked by a validator that does refuse a broken document", async () => {
    const broken = structuredClone(doc) as unknown as {
      paths: Record<string, { get: { responses: Record<string, { description?: string }> } }>;
    };
    delete broken.paths["/api/data/customer"]!.get.responses["200"]!.description;
    const result = await new Validator().validate(broken);
    expect(result.valid).toBe(false);
  });

  it("resolves every $ref inside the document", () => {
    const refs = allRefs(doc);
    expect(refs.length).toBeGreaterThan(50);
    expect(refs.filter((ref) => !resolves(doc, ref))).toEqual([]);
  });

  it("has the data routes of every entity but child entities, and the service routes", () => {
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(
      expect.arrayContaining([...SERVICE_PATHS, ...AUTH_PATHS, ...DESIGNER_PATHS, ...TRASH_PATHS]),
    );
    for (const entity of Object.values(model.entities)) {
      const base = `/api/data/${entity.name}`;
      if (entity.type === "child") {
        expect(paths.filter((path) => path.startsWith(base))).toEqual([]);
        continue;
      }
      expect(Object.keys(doc.paths[base] ?? {})).toEqual(["get", "post"]);
      expect(Object.keys(doc.paths[`${base}/{id}`] ?? {})).toEqual(["get", "patch", "delete"]);
      // every write is audited, so every record has a history, trackChanges or not
      expect(Object.keys(doc.paths[`${base}/{id}/history`] ?? {})).toEqual(["get"]);
      for (const file of ["export.csv", "export.xlsx"])
        expect(Object.keys(doc.paths[`${base}/${file}`] ?? {})).toEqual(["get"]);
      expect(Object.keys(doc.paths[`${base}/import`] ?? {})).toEqual(["post"]);
    }
  });

  it("has the workflow routes of exactly the entities a workflow runs on, and the inbox", () => {
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(expect.arrayContaining(TASK_PATHS));
    const withRoutes = Object.keys(model.entities).filter((name) =>
      paths.some((path) => path.startsWith(`/api/workflow/${name}/`)),
    );
    expect(withRoutes).toEqual(["expense_claim", "purchase_request", "sales_order"]);
    expect(Object.keys(model.workflows)).toEqual(withRoutes);
    for (const name of withRoutes) {
      expect(Object.keys(doc.paths[`/api/workflow/${name}/{id}/actions/{action}`]!)).toEqual([
        "post",
      ]);
      expect(Object.keys(doc.paths[`/api/workflow/${name}/{id}`]!)).toEqual(["get"]);
      expect(doc.paths[`/api/workflow/${name}/{id}`]?.get?.operationId).toBe(
        `workflowStatus_${name}`,
      );
    }
  });

  it("names each workflow's actions in file order, and amend on a submittable entity", () => {
    expect(actionNames(doc, "sales_order")).toEqual([
      "submit",
      "cancel",
      "approve",
      "reject",
      "withdraw",
    ]);
    expect(actionNames(doc, "expense_claim")).toEqual([
      "submit",
      "cancel",
      "approve",
      "reject",
      "withdraw",
    ]);
    expect(actionNames(doc, "purchase_request")).toEqual([
      "submit",
      "approve",
      "reject",
      "withdraw",
      "cancel",
      "amend",
    ]);
    const act = (entity: string) => doc.paths[`/api/workflow/${entity}/{id}/actions/{action}`]!;
    // only amending answers 201, and only it creates a record the create scope may refuse
    expect(act("purchase_request").post?.responses["201"]).toMatchObject({
      headers: { Location: expect.any(Object) },
    });
    expect(act("sales_order").post?.responses["201"]).toBeUndefined();
    const codes = (entity: string) =>
      responseSchema(doc, `/api/workflow/${entity}/{id}/actions/{action}`, "post", "403")
        ?.properties?.code?.enum;
    expect(codes("purchase_request")).toEqual([
      "forbidden",
      "outside-scope",
      "password-change-required",
    ]);
    expect(codes("sales_order")).toEqual(["forbidden", "password-change-required"]);
    expect(act("sales_order").post?.requestBody?.required).toBe(false);
  });

  it("documents the built-in lifecycle of a submittable entity without a workflow", () => {
    const { model: lifecycle } = compile(
      packageFiles(
        { name: "docs" },
        {
          "entities/contract.json": entity("contract", [field("title", "text")], {
            submittable: {},
          }),
          "entities/note.json": entity("note", [field("title", "text")]),
        },
      ),
    );
    const document = buildOpenApi(lifecycle!, INFO);
    expect(actionNames(document, "contract")).toEqual(["submit", "cancel", "amend"]);
    expect(actionNames(document, "note")).toBeUndefined();
    expect(Object.keys(document.paths).filter((path) => path.includes("note"))).toEqual([
      "/api/data/note",
      "/api/data/note/{id}",
      "/api/data/note/{id}/history",
      "/api/data/note/export.csv",
      "/api/data/note/export.xlsx",
      "/api/data/note/import",
    ]);
  });

  it("leaves out the workflow routes of an entity the roles may not read", () => {
    // what the runtime documents for such roles: the entities cut, the workflows kept
    const { sales_order: _, ...readable } = model.entities;
    const cut = buildOpenApi({ ...model, entities: readable }, INFO);
    expect(Object.keys(cut.paths).filter((path) => path.includes("sales_order"))).toEqual([]);
    expect(actionNames(cut, "purchase_request")).toBeDefined();
    expect(allRefs(cut).filter((ref) => !resolves(cut, ref))).toEqual([]);
  });

  it("describes a record's workflow status, the inbox and a refused action as the server answers them", () => {
    const { check, compile: compileSchema } = componentValidator(doc);
    const status = {
      workflow: "sales_order_approval",
      version: "a".repeat(64),
      node: { id: "manager_approval", type: "approval", labels: { en: "Manager Approval" } },
      step: 1,
      requester: "rita",
      enteredAt: "2026-11-25T10:00:00.000Z",
      editable: [],
      tasks: [{ id: 7, assignee: "max", dueAt: null, escalated: false }],
      actions: ["withdraw"],
      history: [
        {
          action: "submit",
          from: "draft",
          to: "manager_approval",
          actor: "rita",
          comment: null,
          at: "2026-11-25T10:00:00.000Z",
        },
      ],
    };
    expect(check("WorkflowStatus", status)).toEqual([]);
    expect(
      check("WorkflowStatus", { ...status, node: { ...status.node, type: "decision" } }),
    ).toEqual(["/node/type enum"]);
    expect(check("WorkflowStatus", { ...status, tasks: [{ id: 7, assignee: "max" }] })).toEqual([
      "/tasks/0 required",
      "/tasks/0 required",
    ]);
    const task = {
      id: 7,
      entity: "sales_order",
      recordId: "0b7f6a52-57a4-4a51-9d4f-0a8a4f0e6a11",
      title: "SO-2026-00001",
      node: "manager_approval",
      nodeLabels: { en: "Manager Approval", "zh-CN": "经理审批" },
      requester: "rita",
      createdAt: "2026-11-25T10:00:00.000Z",
      dueAt: null,
      escalated: false,
      delegatedFrom: null,
    };
    expect(check("InboxTask", task)).toEqual([]);
    expect(check("InboxTask", { ...task, nodeLabels: { fr: "x" } })).not.toEqual([]);

    const taken = compileSchema(
      responseSchema(doc, "/api/workflow/sales_order/{id}/actions/{action}", "post", "200"),
    );
    expect(taken({ record: {}, moved: true, workflow: status })).toBe(false); // not a sales_order
    const refused = compileSchema(
      responseSchema(doc, "/api/workflow/sales_order/{id}/actions/{action}", "post", "409"),
    );
    const error = { message: "no", details: [], requestId: "r-1" };
    const notHere = { ...error, code: "action-not-available", node: "draft", actions: ["submit"] };
    expect(refused(notHere)).toBe(true);
    expect(refused({ ...notHere, actions: "submit" })).toBe(false);
    expect(refused({ ...error, code: "field-locked" })).toBe(false);
  });

  it("has only the service, auth, publishing, designer and packages routes for the empty database's model", () => {
    // compiled from no packages, whatever the model's shape grows to
    const empty = buildOpenApi(compileApp([]).model!, INFO);
    expect(Object.keys(empty.paths).sort()).toEqual(
      [...SERVICE_PATHS, ...AUTH_PATHS, ...DESIGNER_PATHS, ...PACKAGES_PATHS].sort(),
    );
  });

  it("documents the packages' routes for administrators, a streamed apply line by line", () => {
    const methods = Object.fromEntries(
      PACKAGES_PATHS.map((path) => [path, Object.keys(doc.paths[path] ?? {})]),
    );
    expect(methods).toEqual({
      "/api/packages": ["get"],
      "/api/packages/{name}/export": ["get"],
      "/api/packages/uploads": ["post"],
      "/api/packages/uploads/{id}/preview": ["post"],
      "/api/packages/uploads/{id}/apply": ["post"],
      "/api/packages/{name}/rollback": ["post"],
      "/api/packages/retired": ["get"],
      "/api/packages/purge": ["post"],
      "/api/packages/parameters": ["put"],
    });
    for (const path of PACKAGES_PATHS)
      for (const operation of Object.values(doc.paths[path]!)) {
        expect(operation.description).toMatch(/^For administrators\./);
        expect(operation.tags).toEqual(["system"]);
        expect(operation.responses["403"]).toEqual({ $ref: "#/components/responses/Forbidden" });
      }

    const { compile } = componentValidator(doc);
    const apply = doc.paths["/api/packages/uploads/{id}/apply"]?.post?.responses["200"] as Response;
    const line = compile(apply.content?.["application/x-ndjson"]?.schema);
    const step = { type: "step", index: 0, total: 1, description: "add column customer.x" };
    expect(line({ type: "started", planId: "0123456789abcdef" })).toBe(true);
    expect(line(step)).toBe(true);
    expect(line({ ...step, planId: "0123456789abcdef" })).toBe(false);
    const error = { code: "plan-stale", message: "again", details: [], requestId: "r-1" };
    expect(line({ type: "error", status: 409, error })).toBe(true);
    expect(line({ type: "error", status: 200, error })).toBe(false);
    expect(line({ type: "result", status: "applied", preview: {} })).toBe(false);
    expect(line({ type: "finished" })).toBe(false);
  });

  it("documents the designer's routes for designers, a 403 naming `designer`", () => {
    const methods = Object.fromEntries(
      DESIGNER_PATHS.map((path) => [path, Object.keys(doc.paths[path] ?? {})]),
    );
    expect(methods).toEqual({
      "/api/designer/draft": ["get", "put", "delete"],
      "/api/designer/draft/plan": ["post"],
      "/api/designer/draft/publish": ["post"],
      "/api/designer/revisions": ["get"],
      "/api/designer/revisions/{id}": ["get"],
      "/api/designer/revisions/{id}/diff": ["get"],
      "/api/designer/revisions/{id}/rollback": ["post"],
    });
    const { compile } = componentValidator(doc);
    const refusal = { message: "no", details: [], requestId: "r-1" };
    for (const path of DESIGNER_PATHS)
      for (const [method, operation] of Object.entries(doc.paths[path]!)) {
        expect(operation.description).toMatch(/^For designers: a role with `designer: true`/);
        expect(operation.tags).toEqual(["system"]);
        const forbidden = compile(responseSchema(doc, path, method as HttpMethod, "403"));
        expect(forbidden({ ...refusal, code: "forbidden", permission: "designer" })).toBe(true);
        expect(forbidden({ ...refusal, code: "forbidden", permission: "administrator" })).toBe(
          false,
        );
        expect(forbidden({ ...refusal, code: "forbidden" })).toBe(false);
      }
  });

  it("describes the designer's draft, its edits and its refusals as the server answers them", () => {
    const { compile } = componentValidator(doc);
    const refusal = { message: "no", details: [], requestId: "r-1" };
    const draft = {
      package: { name: "acme-custom", layer: "customization", installed: true },
      version: 0,
      basedOn: 2,
      currentRevision: 2,
      stale: false,
      updatedAt: null,
      updatedBy: null,
      files: { "loom-package.json": "{}" },
      changes: [],
      issues: [
        {
          code: "schema",
          message: "unknown type",
          package: "acme-custom",
          file: "entities/machine.json",
          path: "/fields/0/type",
          line: 5,
          column: 20,
        },
      ],
      packages: [{ name: "manufacturing", version: "1.0.0", layer: "base", files: {} }],
    };
    const read = compile(responseSchema(doc, "/api/designer/draft", "get", "200"));
    expect(read(draft)).toBe(true);
    expect(read({ ...draft, stale: undefined })).toBe(false);
    expect(read({ ...draft, extra: 1 })).toBe(false);

    const edit = compile(
      doc.paths["/api/designer/draft"]?.put?.requestBody?.content["application/json"]?.schema,
    );
    const change = (file: string, text: string | null) => ({
      version: 1,
      changes: [{ file, text }],
    });
    expect(edit(change("entities/machine.json", "{}"))).toBe(true);
    expect(edit(change("entities/machine.json", null))).toBe(true);
    expect(edit(change("loom-package.json", "{}"))).toBe(true);
    expect(edit(change("loom-package.json", null))).toBe(false);
    expect(edit(change("../escape.json", "{}"))).toBe(false);
    expect(edit(change("Entities/Machine.json", "{}"))).toBe(false);
    expect(edit({ version: 1, changes: [] })).toBe(false);

    // a draft discarded meanwhile is at version 0
    const conflict = compile(responseSchema(doc, "/api/designer/draft", "put", "409"));
    const stale = { ...refusal, code: "version-conflict", currentVersion: 0 };
    expect(conflict(stale)).toBe(true);
    expect(conflict({ ...stale, code: "draft-stale" })).toBe(false);
    const publishRefused = compile(
      responseSchema(doc, "/api/designer/draft/publish", "post", "409"),
    );
    expect(publishRefused({ ...refusal, code: "draft-stale" })).toBe(true);
    expect(publishRefused({ ...refusal, code: "revision-not-restorable" })).toBe(false);
  });

  it("gives every operation a unique, stable id and a tag of its entity", () => {
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    const ids = operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(["list_sales_order", "update_sales_order"]));
    expect(buildOpenApi(model, INFO)).toEqual(doc);
    const tag = doc.tags.find((t) => t.name === "sales_order");
    expect(tag).toMatchObject({ "x-displayName": "Sales Order" });
    expect(tag?.description).toMatch(/^Sales Order: /);
    const tagNames = new Set(doc.tags.map((t) => t.name));
    for (const operation of operations) expect(tagNames.has(operation.tags[0]!)).toBe(true);
  });

  it("accepts a session bearer, an API token bearer or the session cookie", () => {
    expect(doc.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: "http", scheme: "bearer" }),
      session: expect.objectContaining({ type: "apiKey", in: "cookie", name: "loom_session" }),
    });
    expect(doc.components.securitySchemes.bearer?.description).toMatch(/loom_s_.*loom_t_/);
    expect(doc.security).toEqual([{ bearer: [] }, { session: [] }]);
  });

  it("documents 401 on every operation but /health and signing in, which need no credential", () => {
    const publicOps: string[] = [];
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method} ${path}`;
        if (operation.security !== undefined) {
          expect(operation.security, where).toEqual([]);
          expect(operation.responses["401"], where).not.toEqual(UNAUTHENTICATED);
          publicOps.push(operation.operationId);
          continue;
        }
        expect(operation.responses["401"], where).toEqual(UNAUTHENTICATED);
        // a user on a one-time password is refused everything else with 403
        if (ONE_TIME_PASSWORD_OPERATIONS.includes(operation.operationId))
          expect(operation.responses["403"], where).toBeUndefined();
        else expect(operation.responses["403"], where).toBeDefined();
      }
    expect(publicOps.sort()).toEqual(["health", "login"]);
    expect(doc.components.responses.Unauthenticated).toMatchObject({
      headers: { "WWW-Authenticate": expect.any(Object) },
      content: {
        "application/json": { schema: { properties: { code: { enum: ["unauthenticated"] } } } },
      },
    });
  });

  it("lists on each 403 exactly the refusals the operation can meet", () => {
    const codes = (path: string, method: HttpMethod) =>
      responseSchema(doc, path, method, "403")?.properties?.code?.enum;
    expect(codes("/api/data/sales_order", "get")).toEqual([
      "forbidden",
      "password-change-required",
    ]);
    expect(codes("/api/data/sales_order/{id}", "patch")).toEqual([
      "forbidden",
      "field-forbidden",
      "outside-scope",
      "password-change-required",
    ]);
    expect(codes("/api/data/sales_order/{id}", "delete")).toEqual([
      "forbidden",
      "outside-scope",
      "password-change-required",
    ]);
    expect(codes("/api/meta/publish", "post")).toEqual(["forbidden", "password-change-required"]);
    expect(codes("/api/meta", "get")).toEqual(["password-change-required"]);
    expect(codes("/api/auth/tokens", "post")).toEqual([
      "role-not-held",
      "password-change-required",
    ]);
  });

  it("requires `permission` on a 403 that names the missing permission", () => {
    const { compile } = componentValidator(doc);
    const validate = compile(responseSchema(doc, "/api/data/sales_order/{id}", "patch", "403"));
    const refusal = { message: "no", details: [], requestId: "r-1" };
    expect(validate({ ...refusal, code: "forbidden", permission: "sales_order.update" })).toBe(
      true,
    );
    expect(validate({ ...refusal, code: "outside-scope", permission: "sales_order.update" })).toBe(
      true,
    );
    expect(validate({ ...refusal, code: "forbidden" })).toBe(false);
    expect(validate({ ...refusal, code: "outside-scope" })).toBe(false);
    const field = { path: "/lines/0/unit_price", message: "no" };
    expect(validate({ ...refusal, code: "field-forbidden", details: [field] })).toBe(true);
    expect(validate({ ...refusal, code: "unauthenticated" })).toBe(false);
    const { check } = componentValidator(doc);
    expect(check("Error", { ...refusal, code: "forbidden", permission: "administrator" })).toEqual(
      [],
    );
  });

  it("describes what the auth routes answer, with their headers", () => {
    const { check, compile } = componentValidator(doc);
    const user = {
      id: "0b7f6a52-57a4-4a51-9d4f-0a8a4f0e6a11",
      username: "admin",
      displayName: "Administrator",
      roles: ["admin"],
      attributes: {},
      mustChangePassword: true,
    };
    expect(check("User", user)).toEqual([]);
    expect(check("User", { ...user, passwordHash: "x" })).toEqual([" additionalProperties"]);

    const session = `loom_s_${"A".repeat(43)}`;
    const signedIn = compile(responseSchema(doc, "/api/auth/login", "post", "200"));
    expect(signedIn({ token: session, user })).toBe(true);
    expect(signedIn({ token: `loom_t_${"A".repeat(43)}`, user })).toBe(false);
    const login = doc.paths["/api/auth/login"]?.post?.responses ?? {};
    const setCookie = compile((login["200"] as Response).headers?.["Set-Cookie"]?.schema);
    const expires = "Expires=Thu, 26 Nov 2026 10:00:00 GMT";
    expect(setCookie(`loom_session=${session}; Path=/; ${expires}; HttpOnly; SameSite=Lax`)).toBe(
      true,
    );
    expect(setCookie(`loom_session=${session}; Path=/; ${expires}; SameSite=Lax`)).toBe(false);
    expect(login["429"]).toMatchObject({ headers: { "Retry-After": expect.any(Object) } });

    const token = {
      id: "0b7f6a52-57a4-4a51-9d4f-0a8a4f0e6a12",
      name: "ci",
      roles: ["admin"],
      createdAt: "2026-11-25T10:00:00.000Z",
      expiresAt: "2027-02-23T10:00:00.000Z",
      revokedAt: null,
      lastUsedAt: null,
    };
    expect(check("ApiToken", token)).toEqual([]);
    const created = compile(responseSchema(doc, "/api/auth/tokens", "post", "201"));
    expect(created({ ...token, token: `loom_t_${"b".repeat(43)}` })).toBe(true);
    expect(created(token)).toBe(false);
  });

  it("describes bodies with the record schemas and errors with the Error schema", () => {
    const create = doc.paths["/api/data/sales_order"]?.post;
    expect(create?.requestBody?.content["application/json"]?.schema).toEqual({
      $ref: "#/components/schemas/sales_orderCreate",
    });
    expect(doc.components.schemas.sales_orderCreate).toEqual(
      recordSchema(model, "sales_order", "create"),
    );
    expect(doc.components.schemas.sales_orderUpdate).toEqual(
      recordSchema(model, "sales_order", "update"),
    );
    expect(Object.keys(create?.responses ?? {}).sort()).toEqual(
      ["201", "400", "401", "403", "409", "413", "415", "422", "500"].sort(),
    );
    const patch = doc.paths["/api/data/sales_order/{id}"]?.patch;
    expect(patch?.parameters).toContainEqual({ $ref: "#/components/parameters/ifMatch" });
    expect(Object.keys(patch?.responses ?? {}).sort()).toEqual(
      ["200", "400", "401", "403", "404", "409", "413", "415", "422", "428", "500"].sort(),
    );
    expect(patch?.responses["409"]).toMatchObject({
      content: {
        "application/json": {
          schema: {
            $ref: "#/components/schemas/Error",
            properties: { code: { enum: ["version-conflict", "unique-violation"] } },
          },
        },
      },
    });
    expect(patch?.responses["200"]).toMatchObject({ headers: { ETag: expect.any(Object) } });
    const remove = doc.paths["/api/data/sales_order/{id}"]?.delete;
    expect(Object.keys(remove?.responses ?? {}).sort()).toEqual(
      ["204", "400", "401", "403", "404", "409", "428", "500"].sort(),
    );
    expect(remove?.responses["204"]).toEqual({ description: expect.any(String) });
    expect(doc.components.responses.ServerError?.content?.["application/json"]?.schema).toEqual({
      type: "object",
      $ref: "#/components/schemas/Error",
      properties: { code: { type: "string", enum: ["internal"] } },
    });
  });

  it("has schemas that strict ajv compiles: every body, response and header", () => {
    const { compile } = componentValidator(doc);
    const schemas: unknown[] = [];
    for (const item of Object.values(doc.paths))
      for (const operation of Object.values(item)) {
        schemas.push(operation.requestBody?.content["application/json"]?.schema);
        for (const response of Object.values(operation.responses)) {
          if ("$ref" in response) continue;
          for (const media of Object.values(response.content ?? {})) schemas.push(media.schema);
          for (const header of Object.values(response.headers ?? {})) schemas.push(header.schema);
        }
      }
    for (const response of Object.values(doc.components.responses))
      schemas.push(response.content?.["application/json"]?.schema);
    const defined = schemas.filter((schema) => schema !== undefined);
    expect(defined.length).toBeGreaterThan(100);
    for (const schema of defined) expect(() => compile(schema)).not.toThrow();
  });

  it("describes the history as the audit trail writes it, lines and all", () => {
    const { check } = componentValidator(doc);
    const entry = {
      id: 7,
      action: "update",
      actor: null,
      at: "2026-11-25T10:00:00.000Z",
      version: 3,
      changes: {
        name: { before: "Acme", after: "Acme Ltd" },
        lines: {
          added: [{ id: "0b7f6a52-57a4-4a51-9d4f-0a8a4f0e6a12", line_no: 2 }],
          removed: [],
          changed: [
            {
              id: "0b7f6a52-57a4-4a51-9d4f-0a8a4f0e6a13",
              fields: { qty: { before: 1, after: 2 } },
            },
          ],
        },
      },
    };
    expect(check("History", { data: [entry] })).toEqual([]);
    expect(check("History", { data: [{ ...entry, action: "rename" }] })).toEqual([
      "/data/0/action enum",
    ]);
    expect(
      check("History", { data: [{ ...entry, changes: { name: { was: "Acme" } } }] }),
    ).not.toEqual([]);
  });

  it("documents the list parameters, with the server's limits", () => {
    const list = buildOpenApi(model, INFO, { limits: { default: 20, maximum: 100 } });
    const names = list.paths["/api/data/customer"]?.get?.parameters?.map((p) =>
      "$ref" in p ? p.$ref.split("/").pop() : p.name,
    );
    expect(names).toEqual([
      "where",
      "sort",
      "limit",
      "cursor",
      "fields",
      "count",
      "expand",
      "shortcuts",
    ]);
    expect(list.components.parameters.limit?.schema).toMatchObject({ maximum: 100, default: 20 });
  });

  it("has schemas real responses and errors match", () => {
    const { check } = componentValidator(doc);
    const customer = {
      id: "0b7f6a52-57a4-4a51-9d4f-0a8a4f0e6a11",
      version: 1,
      created_at: "2026-11-25T10:00:00.000Z",
      created_by: null,
      updated_at: "2026-11-25T10:00:00.000Z",
      updated_by: null,
      code: "C-0001",
      name: "Acme",
    };
    expect(check("customerPage", { data: [customer], nextCursor: null, count: 1 })).toEqual([]);
    expect(check("customerPage", { data: [{ ...customer, code: 7 }], nextCursor: "x" })).toEqual([
      "/data/0/code type",
    ]);
    expect(check("customerPage", { data: [] })).toEqual([" required"]);
    expect(check("customer", customer)).not.toEqual([]); // a full read has every field
    const conflict = {
      code: "version-conflict",
      message: "the record changed",
      details: [{ path: "/version", message: "stale" }],
      requestId: "r-1",
      currentVersion: 4,
    };
    expect(check("Error", conflict)).toEqual([]);
    expect(check("Error", { code: "x", message: "y" })).toEqual([" required", " required"]);
    expect(check("sales_orderCreate", { customer: "nope", lines: [] })).toEqual([
      "/customer format",
      "/lines minItems",
    ]);
  });
});
