import {
  type AppModel,
  addRecordSchemaKeywords,
  type EntityExtensionDef,
  type HttpMethod,
  type JsonSchema,
  type OpenApiDocument,
  type Parameter,
  type Reference,
  type Response,
} from "@loom/engine";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { readPackageInput, stampPackage, writePackageZip } from "../src/packages/archive/index.ts";
import { type RunningServer, SAMPLE_PACKAGES, startServer } from "../src/server/start-server.ts";
import { readPackageDir } from "../src/store/read-package-dir.ts";
import { fetchWith, signIn, TEST_PASSWORD } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";

const addFormats = addFormatsModule.default;
const logger = pino({ level: "silent" });
const DOC_ID = "https://loom.invalid/openapi.json";
const MISSING = "00000000-0000-4000-8000-00000000dead";
/** fetch as the admin `tester` of the database under test (set by each describe's beforeAll) */
let signedIn: typeof fetch;

type Json = Record<string, unknown>;

interface Request {
  /** the concrete path when the template has parameters */
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** sent as JSON unless `raw` */
  body?: unknown;
  raw?: string;
  /** the bearer secret to send instead of the tester's session; null sends no credential */
  token?: string | null;
}

interface Answer {
  status: number;
  headers: Headers;
  body: Json;
  /** the body as sent: the lines of an NDJSON stream */
  text: string;
}

/** The sample customization at 1.1.0 with one more optional field on customer: `{ files }` as posted. */
async function customizationWithField(field: string): Promise<{ files: Record<string, string> }> {
  return {
    files: withField(await readPackageDir(SAMPLE_PACKAGES[1]!), field, { version: "1.1.0" }),
  };
}

/** A customization's files with one more optional integer field on customer, manifest changed. */
function withField(
  files: Record<string, string>,
  field: string,
  manifestChange: Json,
): Record<string, string> {
  const manifest = { ...JSON.parse(files["loom-package.json"]!), ...manifestChange };
  const extension = JSON.parse(files["extensions/customer.json"]!) as EntityExtensionDef;
  extension.fields = [
    ...(extension.fields ?? []),
    { name: field, type: "integer", labels: { en: field } },
  ];
  return {
    ...files,
    "loom-package.json": JSON.stringify(manifest),
    "extensions/customer.json": JSON.stringify(extension),
  };
}

/** One package's files as the base64 zip POST /api/packages/uploads takes. */
async function zipped(files: Record<string, string>): Promise<string> {
  return (await writePackageZip([{ root: "", files }])).toString("base64");
}

const MANIFEST = "loom-package.json";
const EXTENSION = "extensions/customer.json";

/** A draft's customer extension with one more optional text field, or without the field `drop`. */
function extensionText(files: Record<string, string>, change: { add?: string; drop?: string }) {
  const extension = JSON.parse(files[EXTENSION]!) as EntityExtensionDef;
  extension.fields = (extension.fields ?? []).filter((f) => f.name !== change.drop);
  if (change.add) extension.fields.push({ name: change.add, type: "text", labels: { en: "Id" } });
  return JSON.stringify(extension, null, 2);
}

/** Every `#/…` reference made absolute into the document registered under DOC_ID. */
function absoluteRefs<T>(value: T): T {
  if (Array.isArray(value)) return value.map(absoluteRefs) as T;
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === "$ref" && typeof item === "string" && item.startsWith("#/")
        ? `${DOC_ID}${item}`
        : absoluteRefs(item),
    ]),
  ) as T;
}

/** `/api/data/customer/{id}` → a pattern the concrete paths of that template match, by parameter. */
function templatePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped.replace(/\{([^}]+)\}/g, "(?<$1>[^/]+)")}$`);
}

/** A path parameter's text as the JSON value its schema describes: a number for an integer. */
function parameterValue(text: string, schema: JsonSchema): unknown {
  const value = decodeURIComponent(text);
  return schema.type === "integer" && /^-?[0-9]+$/.test(value) ? Number(value) : value;
}

/**
 * Checks answers against the document: the status is one the operation lists, the media type
 * one it documents, the JSON body valid against its schema (strict ajv, `$ref`s resolved into
 * `components`), the documented headers present and well-formed; and a 2xx request body valid
 * against the documented request schema, its path parameters valid against theirs (the action
 * names of a workflow, say). Remembers each operation it saw, in `exercised` when given (one set
 * for the documents several users are served).
 */
function conformance(doc: OpenApiDocument, exercised = new Set<string>()) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  addRecordSchemaKeywords(ajv);
  ajv.addKeyword("components");
  ajv.addSchema({ $id: DOC_ID, components: { schemas: doc.components.schemas } });
  const compiled = new Map<JsonSchema, ValidateFunction>();
  const validator = (schema: JsonSchema): ValidateFunction => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(absoluteRefs(schema));
      compiled.set(schema, validate);
    }
    return validate;
  };
  const problems = (validate: ValidateFunction, value: unknown): string[] =>
    validate(value)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${e.message ?? ""}`);
  const parameter = (item: Parameter | Reference): Parameter => {
    if (!("$ref" in item)) return item;
    const found = doc.components.parameters[item.$ref.replace("#/components/parameters/", "")];
    if (!found) throw new Error(`no parameter ${item.$ref}`);
    return found;
  };
  const resolve = (response: Response | Reference): Response => {
    if (!("$ref" in response)) return response;
    const name = response.$ref.replace("#/components/responses/", "");
    const shared = doc.components.responses[name];
    if (!shared) throw new Error(`no response ${response.$ref}`);
    return shared;
  };

  return {
    exercised,
    documented: (): string[] =>
      Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    check(method: HttpMethod, template: string, request: Request, answer: Answer, text: string) {
      const where = `${method.toUpperCase()} ${request.path ?? template} → ${answer.status} ${text.slice(0, 500)}`;
      expect(request.path ?? template, where).toMatch(templatePattern(template));
      const operation = doc.paths[template]?.[method];
      expect(operation, `${where}: the operation is not documented`).toBeDefined();
      exercised.add(`${method.toUpperCase()} ${template}`);
      const documented = operation!.responses[String(answer.status)];
      expect(documented, `${where}: the status is not documented`).toBeDefined();
      const response = resolve(documented!);

      if (answer.status < 300 && operation!.requestBody && request.body !== undefined) {
        const schema = operation!.requestBody.content["application/json"]!.schema;
        expect(problems(validator(schema), request.body), `${where}: request body`).toEqual([]);
      }
      const values = templatePattern(template).exec(request.path ?? template)?.groups ?? {};
      if (answer.status < 300)
        for (const { name, in: place, schema } of (operation!.parameters ?? []).map(parameter))
          if (place === "path" && values[name] !== undefined)
            expect(
              problems(validator(schema), parameterValue(values[name], schema)),
              `${where}: path parameter ${name}`,
            ).toEqual([]);
      for (const [name, header] of Object.entries(response.headers ?? {})) {
        const value = answer.headers.get(name);
        expect(value, `${where}: header ${name}`).not.toBeNull();
        expect(problems(validator(header.schema), value), `${where}: header ${name}`).toEqual([]);
      }
      const mediaType = answer.headers.get("content-type")?.split(";")[0]?.trim();
      if (!response.content) {
        expect(text, `${where}: no body documented`).toBe("");
        return;
      }
      const media = response.content[mediaType ?? ""];
      expect(media, `${where}: media type ${mediaType} is not documented`).toBeDefined();
      if (mediaType === "application/json")
        expect(problems(validator(media!.schema), answer.body), where).toEqual([]);
      // a stream: each line one JSON value of the documented schema
      if (mediaType === "application/x-ndjson") {
        const lines = answer.text.split("\n").filter((line) => line !== "");
        expect(lines.length, `${where}: no lines`).toBeGreaterThan(0);
        for (const line of lines)
          expect(problems(validator(media!.schema), JSON.parse(line)), `${where}: ${line}`).toEqual(
            [],
          );
      }
    },
  };
}

type Checker = ReturnType<typeof conformance>;

/** Sends the request and checks the answer against the document's `method template` operation. */
async function send(
  url: string,
  checker: Checker,
  method: HttpMethod,
  template: string,
  request: Request = {},
): Promise<Answer> {
  const query = request.query ? `?${new URLSearchParams(request.query)}` : "";
  const headers: Record<string, string> = { ...request.headers };
  let body: string | undefined = request.raw;
  if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers["content-type"] ??= "application/json";
  }
  const fetcher =
    request.token === undefined
      ? signedIn
      : request.token === null
        ? fetch
        : fetchWith(request.token);
  const res = await fetcher(`${url}${request.path ?? template}${query}`, {
    method: method.toUpperCase(),
    headers,
    body,
  });
  const text = await res.text();
  const isJson = /^application\/json/.test(res.headers.get("content-type") ?? "");
  const answer: Answer = {
    status: res.status,
    headers: res.headers,
    body: isJson ? (JSON.parse(text) as Json) : {},
    text,
  };
  checker.check(method, template, request, answer, text);
  return answer;
}

type Call = (method: HttpMethod, template: string, request?: Request) => Promise<Answer>;

function expectError(answer: Answer, status: number, code: string): void {
  expect({ status: answer.status, code: answer.body.code }).toEqual({ status, code });
}

const LOGIN = "/api/auth/login";
const LOGOUT = "/api/auth/logout";
const ME = "/api/auth/me";
const PASSWORD = "/api/auth/password";
const TOKENS = "/api/auth/tokens";
const ONE_TOKEN = "/api/auth/tokens/{id}";
const NEW_PASSWORD = "a passphrase of my own";

/** The one-time password `loom start` shows in its box, taken from the text it announced. */
function announcedPassword(text: string): string {
  const password = /password: (\S+)/.exec(text)?.[1];
  if (!password) throw new Error(`no one-time password in ${JSON.stringify(text)}`);
  return password;
}

/**
 * The first start's administrator signs in with the one-time password it was shown, is held to
 * changing it, then goes through every auth route once, each answer checked against the document.
 */
async function firstAdminSignsIn(call: Call, oneTimePassword: string): Promise<void> {
  const login = await call("post", LOGIN, {
    token: null,
    body: { username: "admin", password: oneTimePassword },
  });
  expect(login.body.user).toMatchObject({ username: "admin", mustChangePassword: true });
  const session = login.body.token as string;
  expectError(await call("get", "/api/meta", { token: session }), 403, "password-change-required");
  const changed = await call("post", PASSWORD, {
    token: session,
    body: { currentPassword: oneTimePassword, newPassword: NEW_PASSWORD },
  });
  expect(changed.body.user).toMatchObject({ username: "admin", mustChangePassword: false });
  const me = await call("get", ME, { token: session });
  expect(me.body).toMatchObject({ via: "session", user: { roles: ["admin"] } });

  const created = await call("post", TOKENS, {
    token: session,
    body: { name: "nightly import", expiresInDays: 7 },
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ name: "nightly import", roles: ["admin"], revokedAt: null });
  const listed = await call("get", TOKENS, { token: session });
  expect(listed.body.data).toEqual([expect.objectContaining({ id: created.body.id })]);
  const viaToken = await call("get", ME, { token: created.body.token as string });
  expect(viaToken.body).toMatchObject({ via: "token", user: { username: "admin" } });
  const revoked = await call("delete", ONE_TOKEN, {
    token: session,
    path: `${TOKENS}/${created.body.id as string}`,
  });
  expect(revoked.status).toBe(204);
  expectError(
    await call("get", ME, { token: created.body.token as string }),
    401,
    "unauthenticated",
  );

  expect((await call("post", LOGOUT, { token: session })).status).toBe(204);
  expectError(await call("get", ME, { token: session }), 401, "unauthenticated");
}

/**
 * The designer's routes on an empty database, the draft a new base package: each answers, and
 * nothing is published (the data routes come with the first revision).
 */
async function designerBeforeTheFirstPublish(call: Call): Promise<void> {
  const DRAFT = "/api/designer/draft";
  const fresh = await call("get", DRAFT);
  expect(fresh.body).toMatchObject({
    package: { name: "customizations", layer: "base", installed: false },
    version: 0,
    basedOn: null,
    currentRevision: null,
    changes: [{ file: MANIFEST, change: "added" }],
    packages: [],
  });
  // someone discarded the draft this was planned from: it is at version 0 again
  const gone = await call("post", `${DRAFT}/publish`, { body: { version: 1 } });
  expectError(gone, 409, "version-conflict");
  expect(gone.body.currentVersion).toBe(0);
  const manifest = JSON.parse((fresh.body.files as Record<string, string>)[MANIFEST]!);
  const saved = await call("put", DRAFT, {
    body: {
      version: 0,
      changes: [{ file: MANIFEST, text: JSON.stringify({ ...manifest, version: "0.2.0" }) }],
    },
  });
  expect(saved.body).toMatchObject({ version: 1, issues: [] });
  const planned = await call("post", `${DRAFT}/plan`);
  expect(planned.body).toMatchObject({ version: 1, unchanged: false });
  expect((await call("delete", DRAFT)).body).toMatchObject({ version: 0 });
  expect((await call("get", "/api/designer/revisions")).body).toEqual({ data: [] });
  const none = (rest: string) => ({ path: `/api/designer/revisions/1${rest}` });
  expectError(await call("get", "/api/designer/revisions/{id}", none("")), 404, "not-found");
  expectError(
    await call("get", "/api/designer/revisions/{id}/diff", {
      ...none("/diff"),
      query: { against: "1" },
    }),
    404,
    "not-found",
  );
  expectError(
    await call("post", "/api/designer/revisions/{id}/rollback", none("/rollback")),
    404,
    "not-found",
  );
}

const PACKAGES = "/api/packages";
const UPLOADS = "/api/packages/uploads";
const PREVIEW_UPLOAD = "/api/packages/uploads/{id}/preview";
const APPLY_UPLOAD = "/api/packages/uploads/{id}/apply";
const EXPORT_PACKAGE = "/api/packages/{name}/export";
const ROLLBACK_PACKAGE = "/api/packages/{name}/rollback";
const RETIRED = "/api/packages/retired";
const PURGE = "/api/packages/purge";
const PARAMETERS = "/api/packages/parameters";
const NDJSON = { accept: "application/x-ndjson" };

/** The packages' routes on an empty database: nothing installed, no upload, nothing retired. */
async function packagesBeforeTheFirstPublish(call: Call): Promise<void> {
  expect((await call("get", PACKAGES)).body).toEqual({ packages: [], parameters: [] });
  expectError(
    await call("get", EXPORT_PACKAGE, { path: "/api/packages/manufacturing/export" }),
    404,
    "package-not-installed",
  );
  expectError(
    await call("post", UPLOADS, { body: { archive: "not base64" } }),
    400,
    "invalid-archive",
  );
  const upload = `${UPLOADS}/${MISSING}`;
  expectError(
    await call("post", PREVIEW_UPLOAD, { path: `${upload}/preview`, body: {} }),
    404,
    "upload-not-found",
  );
  expectError(
    await call("post", APPLY_UPLOAD, { path: `${upload}/apply`, body: { planId: "0".repeat(16) } }),
    404,
    "upload-not-found",
  );
  expectError(
    await call("post", ROLLBACK_PACKAGE, { path: "/api/packages/manufacturing/rollback" }),
    404,
    "package-not-installed",
  );
  expect((await call("get", RETIRED)).body).toEqual({ data: [] });
  const purge = await call("post", PURGE, { body: { dryRun: true } });
  expect(purge.body).toEqual({ dryRun: true, data: [] });
  const unknown = await call("put", PARAMETERS, { body: { values: { x: 1 } } });
  expectError(unknown, 422, "invalid-parameter");
  const none = await call("put", PARAMETERS, { body: { values: {} } });
  expect(none.body).toEqual({ parameters: [] });
}

const METHODS: readonly HttpMethod[] = ["get", "put", "post", "patch", "delete"];

/** What the undocumented-method probe puts in each path parameter: well-formed values. */
const PROBE: Readonly<Record<string, string>> = {
  id: MISSING,
  trashId: "1",
  taskId: "1",
  action: "submit",
};

/**
 * Every method a documented path does not list, sent to the server: anything but a 404
 * `not-found` (no such route) is a route the document leaves out.
 */
async function undocumentedMethods(url: string, doc: OpenApiDocument): Promise<string[]> {
  const served: string[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => PROBE[name] ?? name);
    for (const method of METHODS.filter((m) => !(m in item))) {
      const res = await signedIn(`${url}${path}`, {
        method: method.toUpperCase(),
        ...(method === "get" || method === "delete"
          ? {}
          : { headers: { "content-type": "application/json" }, body: "{}" }),
      });
      const body = (await res.json()) as Json;
      if (res.status !== 404 || body.code !== "not-found")
        served.push(`${method.toUpperCase()} ${path} → ${res.status} ${String(body.code)}`);
    }
  }
  return served;
}

describe.each(testDatabases())("the OpenAPI document matches the server on $name", (target) => {
  let db: Database & { dispose(): Promise<void> };
  let server: RunningServer;
  let doc: OpenApiDocument;
  let checker: Checker;
  let announced = "";

  beforeAll(async () => {
    db = await target.open();
    server = await startServer({
      db,
      logger,
      port: 0,
      host: "127.0.0.1",
      samples: SAMPLE_PACKAGES,
      // it creates units itself: without the sample's reference data
      sampleData: false,
      announce: (text) => {
        announced = text;
      },
    });
    signedIn = fetchWith((await signIn(db)).token);
    doc = (await (await signedIn(`${server.url}/api/openapi.json`)).json()) as OpenApiDocument;
    checker = conformance(doc);
  });
  afterAll(async () => {
    await server?.close();
    await db?.dispose();
  });

  const call: Call = (method, template, request = {}) =>
    send(server.url, checker, method, template, request);

  it("documents the service routes as served", async () => {
    const health = await call("get", "/health");
    expect(health.body).toMatchObject({ status: "ok", revision: { id: 1 } });
    const metrics = await call("get", "/metrics");
    expect(metrics.headers.get("content-type")).toMatch(/^text\/plain/);
    const meta = await call("get", "/api/meta");
    expect(Object.keys(meta.body.entities as Json)).toContain("customer");
    await call("get", "/api/openapi.json");
  });

  const CUSTOMER = "/api/data/customer";
  const ONE_CUSTOMER = "/api/data/customer/{id}";
  const REGION = "/api/data/sales_region";
  let region: Json;
  let customer: Json;

  it("documents creating, reading, listing and updating, with their headers and errors", async () => {
    region = (await call("post", REGION, { body: { code: "EAST", name: "East" } })).body;
    const created = await call("post", CUSTOMER, {
      body: { code: "C-01", name: "Acme", region: region.id },
    });
    expect(created.status).toBe(201);
    customer = created.body;
    const at = `${CUSTOMER}/${customer.id as string}`;

    const read = await call("get", ONE_CUSTOMER, { path: at, query: { expand: "region" } });
    expect(read.headers.get("etag")).toBe('"1"');
    expect(read.body.region).toMatchObject({ id: region.id, name: "East" });
    const page = await call("get", CUSTOMER, {
      query: { count: "true", region: String(region.id) },
    });
    expect(page.body).toMatchObject({ count: 1, nextCursor: null });

    const updated = await call("patch", ONE_CUSTOMER, {
      path: at,
      headers: { "if-match": '"1"' },
      body: { name: "Acme Ltd" },
    });
    expect(updated.body).toMatchObject({ name: "Acme Ltd", version: 2 });

    const stale = await call("patch", ONE_CUSTOMER, {
      path: at,
      headers: { "if-match": '"1"' },
      body: { name: "Late" },
    });
    expectError(stale, 409, "version-conflict");
    expect(stale.body.currentVersion).toBe(2);
    expectError(
      await call("patch", ONE_CUSTOMER, { path: at, body: { name: "Blind" } }),
      428,
      "version-required",
    );
    expectError(
      await call("patch", ONE_CUSTOMER, { path: at, body: { version: 2, nickname: "x" } }),
      400,
      "invalid-record",
    );
    expectError(
      await call("patch", ONE_CUSTOMER, {
        path: `${CUSTOMER}/${MISSING}`,
        body: { version: 1, name: "Nobody" },
      }),
      404,
      "not-found",
    );

    expectError(
      await call("post", CUSTOMER, { body: { code: "C-01", name: "Again" } }),
      409,
      "unique-violation",
    );
    expectError(
      await call("post", CUSTOMER, { body: { code: "C-02", name: "Lost", region: MISSING } }),
      422,
      "unknown-link",
    );
    expectError(
      await call("post", CUSTOMER, { raw: "{", headers: { "content-type": "application/json" } }),
      400,
      "malformed-json",
    );
    expectError(
      await call("post", CUSTOMER, { raw: "code=C-03", headers: { "content-type": "text/plain" } }),
      415,
      "unsupported-media-type",
    );
    expectError(
      await call("post", CUSTOMER, { body: { code: "C-04", name: "x".repeat(1_100_000) } }),
      413,
      "body-too-large",
    );

    expectError(
      await call("get", ONE_CUSTOMER, { path: `${CUSTOMER}/${MISSING}` }),
      404,
      "not-found",
    );
    expectError(await call("get", ONE_CUSTOMER, { path: `${CUSTOMER}/42` }), 400, "bad-id");
    expectError(await call("get", ONE_CUSTOMER, { path: `${CUSTOMER}/%E0` }), 400, "bad-request");
    expectError(await call("get", CUSTOMER, { query: { where: "{" } }), 400, "bad-where");
    const EXPORT = `${CUSTOMER}/export.csv`;
    expectError(await call("get", EXPORT, { query: { where: "{" } }), 400, "bad-where");
    expectError(await call("get", EXPORT, { query: { limit: "1" } }), 400, "unknown-parameter");
  });

  it("documents importing records from a file and exporting them as XLSX", async () => {
    const IMPORT = `${CUSTOMER}/import`;
    const csv = (text: string) => ({ headers: { "content-type": "text/csv" }, raw: text });
    const imported = await call("post", IMPORT, csv("code,name\nIMP-1,Imported\n"));
    expect(imported.body).toMatchObject({ rows: 1, imported: 1, rejected: 0, errors: [] });
    const dry = await call("post", IMPORT, {
      ...csv("code,name\nIMP-1,Again\n"),
      query: { dryRun: "true", mode: "skip-bad-rows" },
    });
    expect(dry.body).toMatchObject({ dryRun: true, rejected: 1, errorsTruncated: false });
    const refused = await call("post", IMPORT, csv("code,name\nIMP-2,ok\nIMP-1,taken\n"));
    expectError(refused, 422, "rows-refused");
    expect(refused.body).toMatchObject({ rows: 2, imported: 0, rejected: 1 });
    expectError(await call("post", IMPORT, csv("code,colour\nIMP-3,red\n")), 400, "unknown-column");
    expectError(
      await call("post", IMPORT, { body: [{ code: "IMP-3" }] }),
      415,
      "unsupported-media-type",
    );
    const xlsx = await call("get", `${CUSTOMER}/export.xlsx`, { query: { headers: "names" } });
    expect(xlsx.status).toBe(200);
    expectError(
      await call("get", `${CUSTOMER}/export.xlsx`, { query: { headers: "both" } }),
      400,
      "bad-parameter",
    );
  });

  it("documents deleting, the history, the trash and restoring", async () => {
    const at = `${CUSTOMER}/${customer.id as string}`;
    const referenced = await call("delete", "/api/data/sales_region/{id}", {
      path: `${REGION}/${region.id as string}`,
      headers: { "if-match": '"1"' },
    });
    expectError(referenced, 409, "still-referenced");
    expectError(await call("delete", ONE_CUSTOMER, { path: at }), 428, "version-required");
    expectError(
      await call("delete", ONE_CUSTOMER, { path: at, query: { version: "1" } }),
      409,
      "version-conflict",
    );
    expectError(
      await call("delete", ONE_CUSTOMER, { path: at, query: { version: "x" } }),
      400,
      "bad-version",
    );
    const deleted = await call("delete", ONE_CUSTOMER, { path: at, query: { version: "2" } });
    expect(deleted.status).toBe(204);

    const history = await call("get", "/api/data/customer/{id}/history", {
      path: `${at}/history`,
    });
    const entries = history.body.data as Json[];
    expect(entries.map((entry) => [entry.action, entry.version])).toEqual([
      ["delete", 2],
      ["update", 2],
      ["create", 1],
    ]);
    expectError(
      await call("get", "/api/data/customer/{id}/history", {
        path: `${at}/history`,
        query: { limit: "0" },
      }),
      400,
      "bad-limit",
    );

    const trash = await call("get", "/api/trash", { query: { entity: "customer" } });
    const [item] = trash.body.data as Json[];
    expect(item).toMatchObject({ recordId: customer.id, title: "Acme Ltd" });
    expectError(await call("get", "/api/trash", { query: { limit: "x" } }), 400, "bad-limit");

    const RESTORE = "/api/trash/{trashId}/restore";
    const restorePath = `/api/trash/${item!.trashId as number}/restore`;
    const restored = await call("post", RESTORE, { path: restorePath });
    expect(restored.body).toMatchObject({
      record: { id: customer.id, version: 3 },
      warnings: [],
    });
    expectError(await call("post", RESTORE, { path: restorePath }), 404, "not-found");
    expectError(await call("post", RESTORE, { path: "/api/trash/first/restore" }), 400, "bad-id");

    // deleted again, and its id taken meanwhile: the restore cannot put it back
    await call("delete", ONE_CUSTOMER, { path: at, headers: { "if-match": '"3"' } });
    await db.run((k) =>
      k.raw(`INSERT INTO app.customer (id, code, name) VALUES (?, 'C-09', 'Squatter')`, [
        customer.id as string,
      ]),
    );
    const [again] = (await call("get", "/api/trash", { query: { entity: "customer" } })).body
      .data as Json[];
    expectError(
      await call("post", RESTORE, { path: `/api/trash/${again!.trashId as number}/restore` }),
      409,
      "restore-conflict",
    );
  });

  it("documents the routes of every entity the API serves", async () => {
    const collections = Object.keys(doc.paths).filter((path) =>
      /^\/api\/data\/[a-z0-9_]+$/.test(path),
    );
    expect(collections.length).toBeGreaterThan(5);
    for (const collection of collections) {
      const list = await call("get", collection, { query: { limit: "1" } });
      expect(list.status).toBe(200);
      const csv = await call("get", `${collection}/export.csv`, { query: { sort: "-id" } });
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      const xlsx = await call("get", `${collection}/export.xlsx`, { query: { sort: "-id" } });
      expect(xlsx.status).toBe(200);
      // a file of a header only: the header needs every required field, or the entity its lines
      const imported = await call("post", `${collection}/import`, {
        headers: { "content-type": "text/csv" },
        raw: "id\n",
        query: { dryRun: "true" },
      });
      expect(imported.status).toBe(400);
      // an empty body is either a valid record (201) or misses required fields (400)
      expect([201, 400]).toContain((await call("post", collection, { body: {} })).status);
      const one = `${collection}/{id}`;
      const missing = `${collection}/${MISSING}`;
      expectError(await call("get", one, { path: missing }), 404, "not-found");
      expectError(
        await call("patch", one, { path: missing, body: {}, headers: { "if-match": "1" } }),
        404,
        "not-found",
      );
      expectError(
        await call("delete", one, { path: missing, headers: { "if-match": "1" } }),
        404,
        "not-found",
      );
      expectError(
        await call("get", `${one}/history`, { path: `${missing}/history` }),
        404,
        "not-found",
      );
    }
  });

  /**
   * A user made with these roles, calling with a session of theirs: each answer is checked
   * against the document their roles are served (without the fields hidden from them).
   */
  async function user(
    username: string,
    roles: string[],
    attributes: Record<string, unknown> = {},
  ): Promise<Call> {
    const { token } = await signIn(db, { username, roles, attributes });
    const own = await (await fetchWith(token)(`${server.url}/api/openapi.json`)).json();
    const theirs = conformance(own as OpenApiDocument, checker.exercised);
    return (method, template, request = {}) =>
      send(server.url, theirs, method, template, { token, ...request });
  }

  const ACT = "/api/workflow/sales_order/{id}/actions/{action}";
  const STATUS = "/api/workflow/sales_order/{id}";
  const DELEGATE = "/api/workflow/tasks/{taskId}/delegate";
  const REASSIGN = "/api/workflow/tasks/{taskId}/reassign";
  const orderAction = (id: string, action: string) => ({
    path: `/api/workflow/sales_order/${id}/actions/${action}`,
  });

  it("documents a sales order's approval: actions, status, the inbox and handing a task over", async () => {
    const rita = await user("rita", ["sales_rep"]);
    const managers = {
      max: await user("max", ["sales_manager"], { department: "domestic" }),
      mona: await user("mona", ["sales_manager"], { department: "domestic" }),
    };
    const unit = (await call("post", "/api/data/unit", { body: { code: "PCS", name: "Piece" } }))
      .body;
    const item = (
      await call("post", "/api/data/item", {
        body: { code: "I-WF", name: "Widget", unit: unit.id },
      })
    ).body;
    const buyer = (await call("post", CUSTOMER, { body: { code: "C-WF", name: "Flow Ltd" } })).body;
    const order = await rita("post", "/api/data/sales_order", {
      body: {
        customer: buyer.id,
        sales_person: "rita",
        department: "domestic",
        delivery_date: "2099-01-31",
        lines: [{ item: item.id, qty: 2, unit_price: 100 }],
      },
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    const id = order.body.id as string;
    const statusPath = { path: `/api/workflow/sales_order/${id}` };
    const fresh = await rita("get", STATUS, statusPath);
    expect(fresh.body).toMatchObject({
      workflow: "sales_order_approval",
      node: { id: "draft", type: "state" },
      step: 0,
      actions: ["submit", "cancel"],
    });

    const notTheirs = await managers.max("post", ACT, orderAction(id, "submit"));
    expectError(notTheirs, 403, "forbidden");
    expect(notTheirs.body.permission).toBe("sales_order.submit");
    expectError(
      await rita("post", ACT, { ...orderAction(id, "submit"), body: { comment: 5 } }),
      400,
      "invalid-body",
    );
    expectError(
      await rita("post", ACT, {
        ...orderAction(id, "submit"),
        raw: "{",
        headers: { "content-type": "application/json" },
      }),
      400,
      "malformed-json",
    );
    expectError(await rita("post", ACT, orderAction("42", "submit")), 400, "bad-id");
    expectError(await rita("post", ACT, orderAction(MISSING, "submit")), 404, "not-found");
    expectError(
      await rita("post", ACT, { ...orderAction(id, "submit"), token: null }),
      401,
      "unauthenticated",
    );

    const submitted = await rita("post", ACT, {
      ...orderAction(id, "submit"),
      body: { comment: "please" },
    });
    expect(submitted.body).toMatchObject({
      moved: true,
      record: { id, status: "pending_manager" },
      workflow: {
        node: { id: "manager_approval", type: "approval" },
        requester: "rita",
        actions: ["withdraw"],
      },
    });
    const again = await rita("post", ACT, orderAction(id, "submit"));
    expectError(again, 409, "action-not-available");
    expect(again.body).toMatchObject({
      node: "manager_approval",
      actions: ["approve", "reject", "withdraw"],
    });

    // round robin gave the task to one of the two managers: the other is the delegate
    const [task] = (submitted.body.workflow as Json).tasks as Json[];
    const holderName = task!.assignee as "max" | "mona";
    const otherName = holderName === "max" ? "mona" : "max";
    const holder = managers[holderName];
    const inbox = await holder("get", "/api/workflow/tasks");
    expect(inbox.body.data).toEqual([
      expect.objectContaining({
        id: task!.id,
        entity: "sales_order",
        recordId: id,
        title: order.body.order_no,
        node: "manager_approval",
        requester: "rita",
        delegatedFrom: null,
      }),
    ]);
    expectError(await holder("post", ACT, orderAction(id, "reject")), 400, "comment-required");

    const taskPath = `/api/workflow/tasks/${task!.id as number}`;
    const delegate = { path: `${taskPath}/delegate` };
    const reassign = { path: `${taskPath}/reassign` };
    expectError(
      await holder("post", DELEGATE, { ...delegate, body: { to: "nobody" } }),
      422,
      "unknown-user",
    );
    expectError(await holder("post", DELEGATE, { ...delegate, body: {} }), 400, "invalid-body");
    expectError(
      await holder("post", DELEGATE, {
        path: "/api/workflow/tasks/first/delegate",
        body: { to: otherName },
      }),
      400,
      "bad-id",
    );
    expectError(
      await rita("post", DELEGATE, { ...delegate, body: { to: "rita" } }),
      404,
      "not-found",
    );
    const notAdmin = await holder("post", REASSIGN, { ...reassign, body: { to: otherName } });
    expectError(notAdmin, 403, "forbidden");
    expect(notAdmin.body.permission).toBe("administrator");

    const delegated = await holder("post", DELEGATE, {
      ...delegate,
      body: { to: otherName.toUpperCase(), comment: "on leave" },
    });
    expect(delegated.body).toEqual({
      id: task!.id,
      assignee: otherName,
      delegatedFrom: holderName,
    });
    expectError(
      await call("post", REASSIGN, { ...reassign, body: { to: otherName } }),
      409,
      "already-assigned",
    );
    const reassigned = await call("post", REASSIGN, { ...reassign, body: { to: holderName } });
    expect(reassigned.body).toMatchObject({ assignee: holderName, delegatedFrom: otherName });

    const approved = await holder("post", ACT, orderAction(id, "approve"));
    expect(approved.body).toMatchObject({
      moved: true,
      record: { status: "approved" },
      workflow: { node: { id: "approved" }, tasks: [], actions: [] },
    });
    expectError(
      await call("post", REASSIGN, { ...reassign, body: { to: otherName } }),
      409,
      "task-closed",
    );
    const status = await rita("get", STATUS, statusPath);
    expect((status.body.history as Json[]).map((entry) => [entry.action, entry.actor])).toEqual([
      ["submit", "rita"],
      ["delegate", holderName],
      ["reassign", "tester"],
      ["approve", holderName],
    ]);
    expectError(
      await rita("get", STATUS, { path: `/api/workflow/sales_order/${MISSING}` }),
      404,
      "not-found",
    );
    expectError(await rita("get", STATUS, { path: "/api/workflow/sales_order/42" }), 400, "bad-id");

    // an entity without a workflow has no workflow routes, in the document or on the server
    expect(
      Object.keys(doc.paths).filter((path) => path.startsWith("/api/workflow/customer/")),
    ).toEqual([]);
    const none = await signedIn(
      `${server.url}/api/workflow/customer/${buyer.id as string}/actions/submit`,
      { method: "POST" },
    );
    expect(none.status).toBe(404);
    expect(((await none.json()) as Json).code).toBe("no-workflow");
  });

  it("documents amending a cancelled document, and the workflow routes of every entity", async () => {
    const wes = await user("wes", ["warehouse_clerk"]);
    const [unit] = (await call("get", "/api/data/unit", { query: { code: "PCS" } })).body
      .data as Json[];
    const item = (
      await call("post", "/api/data/item", { body: { code: "I-PR", name: "Bolt", unit: unit!.id } })
    ).body;
    const warehouse = async (code: string, manager: string) =>
      (await call("post", "/api/data/warehouse", { body: { code, name: code, manager } })).body;
    const request = async (keeper: Json) => {
      const created = await call("post", "/api/data/purchase_request", {
        body: {
          requester: "tester",
          warehouse: keeper.id,
          purpose: "Restock",
          lines: [{ item: item.id, qty: 3, estimated_price: 10 }],
        },
      });
      expect(created.status).toBe(201);
      return created.body.id as string;
    };
    const ACT_PR = "/api/workflow/purchase_request/{id}/actions/{action}";
    const act = (id: string, action: string) => ({
      path: `/api/workflow/purchase_request/${id}/actions/${action}`,
    });

    const unkept = await request(await warehouse("W-NONE", "ghost"));
    expectError(await call("post", ACT_PR, act(unkept, "submit")), 409, "no-assignee");

    const id = await request(await warehouse("W-WES", "wes"));
    expect((await call("post", ACT_PR, act(id, "submit"))).body).toMatchObject({
      record: { status: "pending_warehouse", docstatus: "submitted" },
      workflow: { tasks: [expect.objectContaining({ assignee: "wes" })] },
    });
    const approved = await wes("post", ACT_PR, act(id, "approve"));
    expect(approved.body.record).toMatchObject({ status: "approved", docstatus: "submitted" });
    expect(approved.body.record).not.toHaveProperty("estimated_total");
    const early = await call("post", ACT_PR, act(id, "amend"));
    expectError(early, 409, "action-not-available");
    expect(early.body).toMatchObject({ node: "approved", actions: ["cancel"] });
    const cancelled = await call("post", ACT_PR, {
      ...act(id, "cancel"),
      body: { comment: "wrong warehouse" },
    });
    expect(cancelled.body.record).toMatchObject({ status: "cancelled", docstatus: "cancelled" });

    const amended = await call("post", ACT_PR, act(id, "amend"));
    expect(amended.status).toBe(201);
    const copy = amended.body.record as Json;
    expect(copy).toMatchObject({
      status: "draft",
      docstatus: "draft",
      amended_from: id,
      purpose: "Restock",
      approved_on: null,
    });
    expect(copy.id).not.toBe(id);
    expect(amended.headers.get("location")).toBe(`/api/data/purchase_request/${copy.id as string}`);
    expect(amended.headers.get("etag")).toBe(`"${copy.version as number}"`);

    // the entities of the served model's workflows have workflow routes, each answering
    const { model } = (await call("get", "/api/meta")).body as { model: AppModel };
    const statuses = Object.keys(doc.paths).filter((path) =>
      /^\/api\/workflow\/[a-z0-9_]+\/\{id\}$/.test(path),
    );
    expect(statuses.map((path) => path.split("/")[3]).sort()).toEqual(
      Object.keys(model.workflows).sort(),
    );
    for (const path of statuses) {
      const missing = path.replace("{id}", MISSING);
      expectError(await call("get", path, { path: missing }), 404, "not-found");
      const action = `${path}/actions/{action}`;
      const parameters = (doc.paths[action]?.post?.parameters ?? []) as Parameter[];
      const [first] = parameters.find((p) => p.name === "action")!.schema.enum as string[];
      expectError(
        await call("post", action, { path: `${missing}/actions/${first!}` }),
        404,
        "not-found",
      );
    }
  });

  it("documents planning and publishing packages", async () => {
    const change = await customizationWithField("loyalty_points");
    expectError(await call("post", "/api/meta/plan", { body: {} }), 400, "invalid-request");
    const plan = await call("post", "/api/meta/plan", { body: { packages: [change] } });
    expect((plan.body.plan as Json).steps).toHaveLength(1);
    expectError(
      await call("post", "/api/meta/publish", {
        body: { packages: [{ files: { "loom-package.json": "{" } }] },
      }),
      422,
      "invalid-metadata",
    );
    const published = await call("post", "/api/meta/publish", {
      body: { packages: [change], note: "conformance" },
    });
    expect(published.body.revision).toMatchObject({ id: 2 });
    const again = await call("post", "/api/meta/publish", { body: { packages: [change] } });
    expect(again.body).toMatchObject({ revision: { id: 2 }, unchanged: true });
  });

  const DRAFT = "/api/designer/draft";
  const PLAN_DRAFT = "/api/designer/draft/plan";
  const PUBLISH_DRAFT = "/api/designer/draft/publish";
  const REVISIONS = "/api/designer/revisions";
  const ONE_REVISION = "/api/designer/revisions/{id}";
  const DIFF = "/api/designer/revisions/{id}/diff";
  const ROLLBACK = "/api/designer/revisions/{id}/rollback";
  const JSON_TYPE = { "content-type": "application/json" };

  it("documents the designer's draft: editing, planning, publishing and discarding it", async () => {
    const chen = await user("chen", ["consultant"]);
    const rita = await user("rita", ["sales_rep"]);
    expectError(await call("get", DRAFT, { token: null }), 401, "unauthenticated");
    const notDesigner = await rita("get", DRAFT);
    expectError(notDesigner, 403, "forbidden");
    expect(notDesigner.body.permission).toBe("designer");

    const fresh = await chen("get", DRAFT);
    expect(fresh.body).toMatchObject({
      package: { name: "acme-custom", layer: "customization", installed: true },
      version: 0,
      basedOn: 2,
      stale: false,
      changes: [],
      issues: [],
    });
    const files = fresh.body.files as Record<string, string>;
    expectError(await chen("post", PLAN_DRAFT), 409, "nothing-to-publish");

    const edit = (version: number, file: string, text: string | null) => ({
      body: { version, changes: [{ file, text }] },
    });
    expectError(await chen("put", DRAFT, edit(0, "../escape.json", "{}")), 400, "invalid-body");
    expectError(await chen("put", DRAFT, { raw: "{", headers: JSON_TYPE }), 400, "malformed-json");
    expectError(
      await chen("put", DRAFT, { raw: "version=0", headers: { "content-type": "text/plain" } }),
      415,
      "unsupported-media-type",
    );
    expectError(
      await chen("put", DRAFT, edit(0, "entities/huge.json", "x".repeat(10_500_000))),
      413,
      "body-too-large",
    );
    const renamed = JSON.stringify({ ...JSON.parse(files[MANIFEST]!), name: "mine" });
    expectError(await chen("put", DRAFT, edit(0, MANIFEST, renamed)), 422, "manifest-locked");

    const withField = extensionText(files, { add: "dingtalk_id" });
    const saved = await chen("put", DRAFT, edit(0, EXTENSION, withField));
    expect(saved.body).toMatchObject({
      version: 1,
      updatedBy: "chen",
      changes: [{ file: EXTENSION, change: "changed" }],
      issues: [],
    });
    const overwritten = await chen("put", DRAFT, edit(0, EXTENSION, withField));
    expectError(overwritten, 409, "version-conflict");
    expect(overwritten.body.currentVersion).toBe(1);

    // a draft with issues is saved, and refused at planning and publishing
    const machine = '{ "kind": "entity", "name": "machine", "labels": { "en": "Machine" } }';
    const broken = await chen("put", DRAFT, edit(1, "entities/machine.json", machine));
    expect(broken.body.issues).toContainEqual(
      expect.objectContaining({ package: "acme-custom", file: "entities/machine.json" }),
    );
    expectError(await chen("post", PLAN_DRAFT), 422, "invalid-metadata");
    const refused = await chen("post", PUBLISH_DRAFT, { body: { version: 2 } });
    expectError(refused, 422, "invalid-metadata");
    expect((refused.body.details as Json[])[0]!.path).toMatch(/^\/files\/entities~1machine\.json/);
    await chen("put", DRAFT, edit(2, "entities/machine.json", null));

    const planned = await chen("post", PLAN_DRAFT);
    expect(planned.body).toMatchObject({
      version: 3,
      unchanged: false,
      plan: { dataLosing: false },
    });
    expect(JSON.stringify(planned.body.plan)).toContain("dingtalk_id");
    expectError(
      await chen("post", PUBLISH_DRAFT, { body: { version: 2 } }),
      409,
      "version-conflict",
    );
    expectError(
      await chen("post", PUBLISH_DRAFT, { body: { version: 3, onConversionFailure: "drop" } }),
      400,
      "invalid-body",
    );
    const published = await chen("post", PUBLISH_DRAFT, {
      body: { version: 3, note: "DingTalk id on customers" },
    });
    expect(published.body).toMatchObject({ revision: { id: 3 }, plan: { dataLosing: false } });

    // dropping the field again is data-losing: refused without consent, then discarded
    const after = await chen("get", DRAFT);
    expect(after.body).toMatchObject({ version: 0, basedOn: 3, changes: [] });
    const without = extensionText(after.body.files as Record<string, string>, {
      drop: "dingtalk_id",
    });
    await chen("put", DRAFT, edit(0, EXTENSION, without));
    expect((await chen("post", PLAN_DRAFT)).body.plan).toMatchObject({ dataLosing: true });
    expectError(
      await chen("post", PUBLISH_DRAFT, { body: { version: 1 } }),
      409,
      "data-loss-refused",
    );
    const discarded = await chen("delete", DRAFT);
    expect(discarded.body).toMatchObject({ version: 0, changes: [], updatedBy: null });
  });

  it("documents the designer's revisions: listing, comparing and rolling back", async () => {
    const chen = await user("chen", ["consultant"]);
    const page = await chen("get", REVISIONS, { query: { limit: "2" } });
    expect((page.body.data as Json[]).map((r) => [r.id, r.createdBy, r.note])).toEqual([
      [3, "chen", "DingTalk id on customers"],
      [2, "tester", "conformance"],
    ]);
    const older = await chen("get", REVISIONS, { query: { before: "2" } });
    expect((older.body.data as Json[]).map((r) => r.id)).toEqual([1]);
    expectError(await chen("get", REVISIONS, { query: { limit: "0" } }), 400, "invalid-parameter");

    const at = (id: number | string, rest = "") => ({ path: `${REVISIONS}/${id}${rest}` });
    const detail = await chen("get", ONE_REVISION, at(3));
    expect(detail.body).toMatchObject({
      revision: { id: 3, restorable: true, dataLosing: false },
      previous: 2,
      changes: [
        { package: "acme-custom", file: EXTENSION, change: "changed" },
        { package: "acme-custom", file: MANIFEST, change: "changed" },
      ],
    });
    expectError(await chen("get", ONE_REVISION, at(999)), 404, "not-found");
    expectError(await chen("get", ONE_REVISION, at("latest")), 400, "invalid-parameter");
    const diff = await chen("get", DIFF, { ...at(3, "/diff"), query: { against: "1" } });
    expect(diff.body).toMatchObject({ from: 1, to: 3 });
    expect((diff.body.changes as Json[]).map((c) => c.file)).toContain(EXTENSION);
    expectError(await chen("get", DIFF, at(3, "/diff")), 400, "invalid-parameter");
    expectError(
      await chen("get", DIFF, { ...at(3, "/diff"), query: { against: "999" } }),
      404,
      "not-found",
    );

    // a draft started now goes stale when the rollback changes its package
    const files = (await chen("get", DRAFT)).body.files as Record<string, string>;
    const draft = {
      version: 0,
      changes: [{ file: EXTENSION, text: extensionText(files, { add: "line_id" }) }],
    };
    await chen("put", DRAFT, { body: draft });

    const toTwo = at(2, "/rollback");
    const preview = await chen("post", ROLLBACK, { ...toTwo, body: { dryRun: true } });
    expect(preview.body).toMatchObject({ unchanged: false, plan: { dataLosing: true } });
    expectError(await chen("post", ROLLBACK, toTwo), 409, "data-loss-refused");
    expectError(
      await chen("post", ROLLBACK, { ...toTwo, body: { dryRun: "yes" } }),
      400,
      "invalid-body",
    );
    const back = await chen("post", ROLLBACK, { ...toTwo, body: { allowDataLoss: true } });
    expect(back.body).toMatchObject({ revision: { id: 4 }, plan: { dataLosing: true } });
    const again = await chen("post", ROLLBACK, { ...toTwo, body: {} });
    expect(again.body).toEqual({ revision: back.body.revision, unchanged: true });
    expectError(await chen("post", ROLLBACK, at(999, "/rollback")), 404, "not-found");
    const newest = await chen("get", REVISIONS, { query: { limit: "1" } });
    expect(newest.body.data).toEqual([
      expect.objectContaining({ id: 4, note: "rollback to revision 2", dataLosing: true }),
    ]);

    expect((await chen("get", DRAFT)).body).toMatchObject({ version: 1, stale: true });
    expectError(await chen("post", PLAN_DRAFT), 409, "draft-stale");
    expectError(await chen("post", PUBLISH_DRAFT, { body: { version: 1 } }), 409, "draft-stale");
    await chen("delete", DRAFT);

    // a revision applied before Loom kept package files cannot be compared or rolled back to
    await db.run((k) => k.raw(`UPDATE loom_sys.revisions SET package_files = NULL WHERE id = 1`));
    const first = await chen("get", ONE_REVISION, at(1));
    expect(first.body).toMatchObject({
      revision: { restorable: false },
      previous: null,
      changes: null,
    });
    expect((await chen("get", ONE_REVISION, at(2))).body.changes).toBeNull();
    expectError(
      await chen("get", DIFF, { ...at(2, "/diff"), query: { against: "1" } }),
      409,
      "revision-not-restorable",
    );
    expectError(
      await chen("post", ROLLBACK, { ...at(1, "/rollback"), body: { dryRun: true } }),
      409,
      "revision-not-restorable",
    );
  });

  it("documents configuration packages: export, upload, preview, apply, roll back, purge, parameters", async () => {
    const rita = await user("rita", ["sales_rep"]);
    const operations: Array<[HttpMethod, string, string]> = [
      ["get", PACKAGES, PACKAGES],
      ["get", EXPORT_PACKAGE, "/api/packages/acme-custom/export"],
      ["post", UPLOADS, UPLOADS],
      ["post", PREVIEW_UPLOAD, `${UPLOADS}/${MISSING}/preview`],
      ["post", APPLY_UPLOAD, `${UPLOADS}/${MISSING}/apply`],
      ["post", ROLLBACK_PACKAGE, "/api/packages/acme-custom/rollback"],
      ["get", RETIRED, RETIRED],
      ["post", PURGE, PURGE],
      ["put", PARAMETERS, PARAMETERS],
    ];
    for (const [method, template, path] of operations) {
      expectError(await call(method, template, { path, token: null }), 401, "unauthenticated");
      const refused = await rita(method, template, { path });
      expectError(refused, 403, "forbidden");
      expect(refused.body.permission).toBe("administrator");
    }

    // the customization as installed (revision 4), exported and read back: stamped, checksums and all
    const listed = await call("get", PACKAGES);
    expect(listed.body.packages).toEqual([
      expect.objectContaining({ name: "acme-custom", version: "1.1.0", layer: "customization" }),
      expect.objectContaining({ name: "manufacturing", version: "1.0.0", layer: "base" }),
    ]);
    expect(listed.body.parameters).toEqual([
      expect.objectContaining({ name: "large_order_limit", source: "default", value: 100000 }),
    ]);
    const exported = await call("get", EXPORT_PACKAGE, {
      path: "/api/packages/acme-custom/export",
    });
    expect(exported.headers.get("content-disposition")).toBe(
      "attachment; filename=acme-custom-1.1.0.zip",
    );
    const res = await signedIn(`${server.url}/api/packages/acme-custom/export`);
    const [folder] = await readPackageInput(new Uint8Array(await res.arrayBuffer()));
    expect(JSON.parse(folder!.files[MANIFEST]!).checksums).toHaveProperty(EXTENSION);
    expectError(
      await call("get", EXPORT_PACKAGE, { path: "/api/packages/nowhere/export" }),
      404,
      "package-not-installed",
    );

    // 1.2.0: one more field and a secret parameter without a default
    const upgrade = withField(folder!.files, "credit_days", {
      version: "1.2.0",
      parameters: {
        credit_api_key: { type: "text", secret: true, labels: { en: "Credit API key" } },
      },
    });
    const tampered = await call("post", UPLOADS, { body: { archive: await zipped(upgrade) } });
    expectError(tampered, 422, "archive-refused");
    expect(tampered.body.details).toContainEqual(
      expect.objectContaining({ path: EXTENSION, code: "checksum-mismatch" }),
    );
    const machine = '{ "kind": "entity", "name": "machine", "labels": { "en": "Machine" } }';
    const broken = stampPackage({ ...upgrade, "entities/machine.json": machine });
    expectError(
      await call("post", UPLOADS, { body: { archive: await zipped(broken) } }),
      422,
      "invalid-metadata",
    );
    expectError(await call("post", UPLOADS, { body: { archive: "PK!?" } }), 400, "invalid-archive");
    expectError(await call("post", UPLOADS, { body: {} }), 400, "invalid-body");

    const uploaded = await call("post", UPLOADS, {
      body: { archive: await zipped(stampPackage(upgrade)) },
    });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.preview).toMatchObject({
      blocked: true,
      currentRevision: 4,
      packages: [{ name: "acme-custom", from: "1.1.0", to: "1.2.0", change: "upgrade" }],
      parameters: { missing: ["credit_api_key"] },
    });
    const id = uploaded.body.upload as string;
    const secret = { parameters: { credit_api_key: "s3cret" } };
    const previewed = await call("post", PREVIEW_UPLOAD, {
      path: `${UPLOADS}/${id}/preview`,
      body: secret,
    });
    const preview = previewed.body.preview as Json;
    expect(preview).toMatchObject({ blocked: false, parameters: { missing: [] } });
    expect((preview.parameters as Json).statuses).toContainEqual(
      expect.objectContaining({ name: "credit_api_key", secret: true, value: "********" }),
    );
    expect(JSON.stringify(preview.plan)).toContain("credit_days");
    expectError(
      await call("post", PREVIEW_UPLOAD, { path: `${UPLOADS}/${MISSING}/preview`, body: {} }),
      404,
      "upload-not-found",
    );

    const apply = { path: `${UPLOADS}/${id}/apply` };
    expectError(await call("post", APPLY_UPLOAD, { ...apply, body: secret }), 400, "invalid-body");
    expectError(
      await call("post", APPLY_UPLOAD, { ...apply, body: { ...secret, planId: "0".repeat(16) } }),
      409,
      "plan-stale",
    );
    expectError(
      await call("post", APPLY_UPLOAD, {
        path: `${UPLOADS}/${MISSING}/apply`,
        body: { planId: preview.planId },
      }),
      404,
      "upload-not-found",
    );
    const streamed = await call("post", APPLY_UPLOAD, {
      ...apply,
      headers: NDJSON,
      body: { ...secret, planId: preview.planId },
    });
    const lines = streamed.text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Json);
    expect(lines.map((line) => line.type)).toEqual([
      "started",
      ...((preview.plan as Json).steps as Json[]).map(() => "step"),
      "result",
    ]);
    expect(lines.at(-1)).toMatchObject({ status: "applied", revision: { id: 5 } });

    const after = await call("get", PACKAGES);
    expect(after.body.packages).toContainEqual(
      expect.objectContaining({ name: "acme-custom", version: "1.2.0", installedBy: "tester" }),
    );
    expect(after.body.parameters).toContainEqual(
      expect.objectContaining({ name: "credit_api_key", source: "set", value: "********" }),
    );
    const set = await call("put", PARAMETERS, {
      body: { values: { large_order_limit: "250000" } },
    });
    expect(set.body.parameters).toContainEqual(
      expect.objectContaining({ name: "large_order_limit", source: "set", value: 250000 }),
    );
    const wrong = await call("put", PARAMETERS, {
      body: { values: { large_order_limit: "lots" } },
    });
    expectError(wrong, 422, "invalid-parameter");
    expect(wrong.body.details).toEqual([
      expect.objectContaining({ path: "/parameters/large_order_limit" }),
    ]);
    expectError(await call("put", PARAMETERS, { body: {} }), 400, "invalid-body");

    // back to 1.1.0: the new field's column is retired, kept with its values until purged
    const back = { path: "/api/packages/acme-custom/rollback" };
    const dry = await call("post", ROLLBACK_PACKAGE, { ...back, body: {} });
    expect(dry.body.preview).toMatchObject({
      blocked: false,
      packages: [{ name: "acme-custom", from: "1.2.0", to: "1.1.0", change: "downgrade" }],
      plan: { dataLosing: false },
    });
    expectError(
      await call("post", ROLLBACK_PACKAGE, { path: "/api/packages/nowhere/rollback", body: {} }),
      404,
      "package-not-installed",
    );
    const planId = (dry.body.preview as Json).planId;
    const rolledBack = await call("post", ROLLBACK_PACKAGE, { ...back, body: { planId } });
    expect(rolledBack.body).toMatchObject({ status: "applied", revision: { id: 6 } });

    const retired = await call("get", RETIRED);
    expect(retired.body.data).toEqual([
      expect.objectContaining({
        table: "customer",
        column: "credit_days",
        revisionId: 6,
        rowsWithValues: 0,
      }),
    ]);
    const unknown = await call("post", PURGE, { body: { tables: ["nowhere"] } });
    expectError(unknown, 422, "unknown-table");
    expect(unknown.body.details).toEqual([expect.objectContaining({ path: "/tables/0" })]);
    expectError(await call("post", PURGE, { body: { dryRun: "yes" } }), 400, "invalid-body");
    const listedOnly = await call("post", PURGE, { body: { dryRun: true } });
    expect(listedOnly.body).toEqual({ dryRun: true, data: retired.body.data });
    const purged = await call("post", PURGE, { body: { tables: ["customer"] } });
    expect(purged.body).toEqual({ dryRun: false, data: retired.body.data });
    expect((await call("get", RETIRED)).body).toEqual({ data: [] });
  });

  it("documents the first administrator's sign-in with a one-time password", async () => {
    await firstAdminSignsIn(call, announcedPassword(announced));
  });

  it("documents sessions by cookie, API tokens and the auth routes' refusals", async () => {
    expectError(
      await call("post", LOGIN, { token: null, body: { username: "tester", password: "not it" } }),
      401,
      "invalid-credentials",
    );
    expectError(
      await call("post", LOGIN, { token: null, body: { username: "tester", pass: "x" } }),
      400,
      "invalid-body",
    );
    expectError(
      await call("post", LOGIN, {
        token: null,
        raw: '{"password":',
        headers: { "content-type": "application/json" },
      }),
      400,
      "malformed-json",
    );
    const login = await call("post", LOGIN, {
      token: null,
      body: { username: "TESTER", password: TEST_PASSWORD },
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    expect(cookie).toBe(`loom_session=${login.body.token as string}`);
    const byCookie = { token: null, headers: { cookie } };
    const me = await call("get", ME, byCookie);
    expect(me.body).toMatchObject({ via: "session", user: { username: "tester" } });

    expectError(
      await call("post", PASSWORD, {
        ...byCookie,
        body: { currentPassword: TEST_PASSWORD, newPassword: "too short" },
      }),
      400,
      "weak-password",
    );
    expectError(
      await call("post", PASSWORD, {
        ...byCookie,
        body: { currentPassword: "not it", newPassword: NEW_PASSWORD },
      }),
      400,
      "wrong-password",
    );

    const created = await call("post", TOKENS, { body: { name: "integration" } });
    const days = (Date.parse(created.body.expiresAt as string) - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    const token = created.body.token as string;
    expectError(await call("post", LOGOUT, { token }), 400, "not-a-session");
    expectError(
      await call("post", TOKENS, { body: { name: "escalation", roles: ["admin", "cfo"] } }),
      403,
      "role-not-held",
    );
    expectError(
      await call("post", TOKENS, { body: { name: "", expiresInDays: 366 } }),
      400,
      "invalid-body",
    );
    const gone = `${TOKENS}/${MISSING}`;
    expectError(await call("delete", ONE_TOKEN, { path: gone }), 404, "unknown-token");
    expectError(await call("delete", ONE_TOKEN, { path: `${TOKENS}/42` }), 400, "bad-id");

    const out = await call("post", LOGOUT, byCookie);
    expect(out.headers.get("set-cookie")).toMatch(/^loom_session=;/);
    expectError(await call("get", ME, byCookie), 401, "unauthenticated");
  });

  it("documents the throttle on failed sign-ins", async () => {
    const guess = () =>
      call("post", LOGIN, { token: null, body: { username: "mallory", password: "guess" } });
    for (let attempt = 0; attempt < 10; attempt++)
      expectError(await guess(), 401, "invalid-credentials");
    const throttled = await guess();
    expectError(throttled, 429, "too-many-attempts");
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("documents the refusals of a request without a credential or a permission", async () => {
    const anonymous = await call("get", CUSTOMER, { token: null });
    expectError(anonymous, 401, "unauthenticated");
    expect(anonymous.headers.get("www-authenticate")).toBe('Bearer realm="loom"');
    expectError(
      await call("get", "/api/openapi.json", { token: `loom_s_${"x".repeat(43)}` }),
      401,
      "unauthenticated",
    );
    const clerk = (await signIn(db, { username: "clerk", roles: ["warehouse_clerk"] })).token;
    const orders = await call("get", "/api/data/sales_order", { token: clerk });
    expectError(orders, 403, "forbidden");
    expect(orders.body.permission).toBe("sales_order.read");
    const exported = await call("get", "/api/data/item/export.csv", { token: clerk });
    expectError(exported, 403, "forbidden");
    expect(exported.body.permission).toBe("item.export");
    const trash = await call("get", "/api/trash", { token: clerk });
    expectError(trash, 403, "forbidden");
    expect(trash.body.permission).toBe("administrator");
    const cost = await call("post", "/api/data/stock_move", {
      token: clerk,
      body: { unit_cost: 1 },
    });
    expectError(cost, 403, "field-forbidden");
    expect(cost.body.details).toEqual([{ path: "/unit_cost", message: expect.any(String) }]);
  });

  it("documents the report routes: list, run, export, preview and their refusals", async () => {
    const draft = {
      kind: "report",
      name: "orders_by_status",
      labels: { en: "Orders by status" },
      entity: "sales_order",
      parameters: [{ name: "from", type: "date", labels: { en: "From" } }],
      dimensions: [
        { name: "status", field: "status" },
        { name: "month", field: "order_date", bucket: "month" },
        { name: "customer", field: "customer" },
      ],
      measures: [
        { name: "orders", labels: { en: "Orders" }, aggregate: "count" },
        { name: "total", labels: { en: "Total" }, aggregate: "avg", field: "total" },
      ],
      visualization: { type: "table", totals: true },
    };
    const previewed = await call("post", "/api/reports/preview", {
      body: { report: draft, parameters: { from: "2026-01-01" } },
    });
    expect(previewed.status).toBe(200);
    expectError(
      await call("post", "/api/reports/preview", {
        body: { report: { ...draft, dimensions: [{ name: "x", field: "nope" }] } },
      }),
      400,
      "invalid-report",
    );
    expectError(
      await call("post", "/api/reports/preview", {
        body: { report: draft, parameters: { from: "soon" } },
      }),
      400,
      "invalid-parameter",
    );
    const clerk = (await signIn(db, { username: "clerk", roles: ["warehouse_clerk"] })).token;
    const refused = await call("post", "/api/reports/preview", {
      token: clerk,
      body: { report: draft },
    });
    expectError(refused, 403, "forbidden");
    expect(refused.body.permission).toBe("designer");

    const list = await call("get", "/api/reports");
    const RUN = "/api/reports/{name}";
    const missing = { path: "/api/reports/nope" };
    expectError(await call("get", RUN, missing), 404, "unknown-report");
    expectError(
      await call("get", `${RUN}/export.csv`, { path: `${missing.path}/export.csv` }),
      404,
      "unknown-report",
    );
    expectError(
      await call("get", `${RUN}/export.xlsx`, { path: `${missing.path}/export.xlsx` }),
      404,
      "unknown-report",
    );
    // the sample's reports, when it has some: run and exported, refused to a role without `report`
    for (const { name } of (list.body.reports as { name: string }[]).slice(0, 1)) {
      const path = `/api/reports/${name}`;
      expect((await call("get", RUN, { path })).status).toBe(200);
      expect((await call("get", `${RUN}/export.csv`, { path: `${path}/export.csv` })).status).toBe(
        200,
      );
      expect(
        (await call("get", `${RUN}/export.xlsx`, { path: `${path}/export.xlsx` })).status,
      ).toBe(200);
      expectError(await call("get", RUN, { path, query: { nope: "1" } }), 400, "invalid-parameter");
    }
  });

  it("exercised every operation the document lists, and found none undocumented", () => {
    expect(checker.documented().filter((op) => !checker.exercised.has(op))).toEqual([]);
    expect(checker.documented().length).toBe(checker.exercised.size);
  });

  it("serves no method the document leaves out of a path", async () => {
    expect(await undocumentedMethods(server.url, doc)).toEqual([]);
  });

  it("serves the same operations after a publish, for the new model", async () => {
    const next = (await (
      await signedIn(`${server.url}/api/openapi.json`)
    ).json()) as OpenApiDocument;
    // 2: the packages published; 3: the designer's draft; 4: the rollback to 2's packages;
    // 5: acme-custom 1.2.0 imported; 6: rolled back to 1.1.0
    expect(next.info.version).toBe("6");
    const customer = next.components.schemas.customer?.properties;
    expect(customer?.loyalty_points).toBeDefined();
    expect(customer?.dingtalk_id).toBeUndefined();
    expect(Object.keys(next.paths).sort()).toEqual(Object.keys(doc.paths).sort());
  });
});

describe.each(testDatabases())("the OpenAPI document of an empty database on $name", (target) => {
  let db: Database & { dispose(): Promise<void> };
  let server: RunningServer;
  let doc: OpenApiDocument;
  let announced = "";

  beforeAll(async () => {
    db = await target.open();
    server = await startServer({
      db,
      logger,
      port: 0,
      host: "127.0.0.1",
      samples: [],
      announce: (text) => {
        announced = text;
      },
    });
    signedIn = fetchWith((await signIn(db)).token);
    doc = (await (await signedIn(`${server.url}/api/openapi.json`)).json()) as OpenApiDocument;
  });
  afterAll(async () => {
    await server?.close();
    await db?.dispose();
  });

  it("lists the routes served before the first publish, and their answers match", async () => {
    const checker = conformance(doc);
    const call: Call = (method, template, request = {}) =>
      send(server.url, checker, method, template, request);
    expect((await call("get", "/health")).body).toMatchObject({ revision: null });
    await call("get", "/metrics");
    expect((await call("get", "/api/meta")).body).toMatchObject({ revision: null, model: null });
    await call("get", "/api/openapi.json");
    const packages = [{ files: await readPackageDir(SAMPLE_PACKAGES[0]!) }];
    expect((await call("post", "/api/meta/plan", { body: { packages } })).status).toBe(200);
    const empty = await call("post", "/api/meta/publish", { body: { packages: [] } });
    expect(empty.body.code).toBe("invalid-request");
    await designerBeforeTheFirstPublish(call);
    await packagesBeforeTheFirstPublish(call);
    await firstAdminSignsIn(call, announcedPassword(announced));
    expect(checker.documented().filter((op) => !checker.exercised.has(op))).toEqual([]);
    // the data and trash routes come with the first revision
    expect((await signedIn(`${server.url}/api/trash`)).status).toBe(404);
    expect(await undocumentedMethods(server.url, doc)).toEqual([]);
  });
});
