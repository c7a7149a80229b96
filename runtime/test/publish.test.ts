import type { EntityExtensionDef, FieldDef } from "@loom/engine";
import { Router } from "express";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { type BuildLiveApp, buildLiveApp } from "../src/server/live-app.ts";
import { type RunningServer, SAMPLE_PACKAGES, startServer } from "../src/server/start-server.ts";
import { readPackageDir } from "../src/store/read-package-dir.ts";
import { fetchWith, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";
import { databaseSnapshot } from "./support/snapshot.ts";

const logger = pino({ level: "silent" });
const CUSTOMER = "00000000-0000-4000-8000-000000000031";
const CUSTOM_DIR = SAMPLE_PACKAGES[1]!;
const EXTENSION = "extensions/customer.json";

/** The sample customization at a new version, with extra fields on customer: `{ files }` as posted. */
async function customization(
  version: string,
  extraFields: readonly FieldDef[],
): Promise<{ files: Record<string, string> }> {
  const files = await readPackageDir(CUSTOM_DIR);
  const manifest = { ...JSON.parse(files["loom-package.json"]!), version };
  const extension = JSON.parse(files[EXTENSION]!) as EntityExtensionDef;
  extension.fields = [...(extension.fields ?? []), ...extraFields];
  return {
    files: {
      ...files,
      "loom-package.json": JSON.stringify(manifest, null, 2),
      [EXTENSION]: JSON.stringify(extension, null, 2),
    },
  };
}

const field = (name: string, type: FieldDef["type"] = "integer"): FieldDef => ({
  name,
  type,
  labels: { en: name, "zh-CN": `字段 ${name}` },
});

/** A deferred that the slow test route waits on. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe.each(testDatabases())("publishing on $name", (target) => {
  let db: Database & { dispose(): Promise<void> };
  let server: RunningServer;
  let api: typeof fetch;
  let slow = { arrived: gate(), release: gate() };

  /** the production LiveApp plus a route that holds its request until the test releases it */
  const withSlowRoute: BuildLiveApp = (revision, database) => {
    const live = buildLiveApp(revision, database);
    const router = Router();
    router.get("/test/slow", async (_req, res) => {
      slow.arrived.open();
      await slow.release.opened;
      const fields = live.model?.entities.customer?.fields.map((f) => f.name) ?? [];
      res.json({ revision: live.revision?.id, fields });
    });
    router.use(live.router);
    return { ...live, router };
  };

  beforeAll(async () => {
    db = await target.open();
    server = await startServer({
      db,
      logger,
      port: 0,
      host: "127.0.0.1",
      samples: SAMPLE_PACKAGES,
      buildLiveApp: withSlowRoute,
      announce: () => undefined,
    });
    api = fetchWith((await signIn(db)).token);
    await db.run((k) =>
      k.raw(`INSERT INTO app.customer (id, code, name) VALUES (?, 'C-01', 'Acme')`, [CUSTOMER]),
    );
  });
  afterAll(async () => {
    await server?.close();
    await db?.dispose();
  });

  const post = (path: string, body: unknown) =>
    api(`${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const meta = async () => (await api(`${server.url}/api/meta`)).json();
  const servedRevision = async (): Promise<number> => (await meta()).revision.id;

  it("previews a new custom field as an add-column step and changes nothing", async () => {
    const before = await databaseSnapshot(db);
    const revision = await servedRevision();
    const res = await post("/api/meta/plan", {
      packages: [await customization("1.1.0", [field("loyalty_points")])],
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.plan.dataLosing).toBe(false);
    expect(body.plan.steps).toEqual([
      {
        kind: "add-column",
        description: expect.stringContaining("customer.loyalty_points"),
        safety: "safe",
        sql: [expect.stringContaining('ADD COLUMN "loyalty_points"')],
      },
    ]);
    expect(body.currentRevision).toMatchObject({ id: revision });
    expect(body.packages).toContainEqual(
      expect.objectContaining({ name: "acme-custom", version: "1.1.0" }),
    );
    expect(await databaseSnapshot(db)).toEqual(before);
    expect(await servedRevision()).toBe(revision);
  });

  it("publishes a new field: /api/meta, the OpenAPI document and reads show it at once", async () => {
    const before = await servedRevision();
    const res = await post("/api/meta/publish", {
      packages: [await customization("1.1.0", [field("loyalty_points")])],
      note: "loyalty programme",
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.revision.id).toBe(before + 1);
    expect(body.plan.steps.map((s: { kind: string }) => s.kind)).toEqual(["add-column"]);

    const served = await meta();
    expect(served.revision.id).toBe(before + 1);
    const customer = served.entities.customer;
    expect(customer.schema.read.properties.loyalty_points).toBeDefined();
    expect(customer.uiSchema.loyalty_points["ui:options"].labels.title["zh-CN"]).toBe(
      "字段 loyalty_points",
    );
    const doc = await (await api(`${server.url}/api/openapi.json`)).json();
    expect(doc.info.version).toBe(String(before + 1));
    const record = await (await api(`${server.url}/api/data/customer/${CUSTOMER}`)).json();
    expect(record).toMatchObject({ id: CUSTOMER, name: "Acme", loyalty_points: null });
  });

  it("publishing the same packages again changes nothing", async () => {
    const before = await servedRevision();
    const res = await post("/api/meta/publish", {
      packages: [await customization("1.1.0", [field("loyalty_points")])],
    });
    expect(await res.json()).toMatchObject({ revision: { id: before }, unchanged: true });
  });

  it("refuses a data-losing publish without allowDataLoss, changing nothing", async () => {
    const before = await databaseSnapshot(db);
    const revision = await servedRevision();
    const res = await post("/api/meta/publish", {
      packages: [await customization("1.2.0", [])],
    });
    const body = await res.json();
    expect(res.status).toBe(409);
    expect(body.code).toBe("data-loss-refused");
    expect(body.details[0].message).toContain("loyalty_points");
    expect(await databaseSnapshot(db)).toEqual(before);
    expect(await servedRevision()).toBe(revision);
  });

  it("answers 422 with every problem located in the body: file, pointer, line and column", async () => {
    const pkg = await customization("1.3.0", [field("bad_type", "nope" as FieldDef["type"])]);
    pkg.files["entities/sales_region.json"] = '{ "kind": "entity", ';
    const before = await databaseSnapshot(db);
    const res = await post("/api/meta/plan", { packages: [pkg] });
    const body = await res.json();
    expect(res.status).toBe(422);
    expect(body.code).toBe("invalid-metadata");
    const typeIssue = body.details.find((d: { path: string }) =>
      d.path.startsWith("/packages/0/files/extensions~1customer.json/fields/3"),
    );
    expect(typeIssue?.message).toMatch(/^extensions\/customer\.json:\d+:\d+: /);
    expect(body.details).toContainEqual({
      path: "/packages/0/files/entities~1sales_region.json",
      message: expect.stringMatching(/^entities\/sales_region\.json:1:\d+: /),
    });
    const published = await post("/api/meta/publish", { packages: [pkg] });
    expect(published.status).toBe(422);
    expect(await databaseSnapshot(db)).toEqual(before);
  });

  it("locates problems found compiling the packages together", async () => {
    const pkg = await customization("1.3.0", [{ ...field("dangling", "link"), target: "nowhere" }]);
    const body = await (await post("/api/meta/plan", { packages: [pkg] })).json();
    expect(body.code).toBe("invalid-metadata");
    expect(body.details[0].path).toMatch(/^\/packages\/0\/files\/extensions~1customer\.json\//);
  });

  it.each([
    ["no packages", {}, "/packages"],
    ["an empty list", { packages: [] }, "/packages"],
    ["a package that is not files", { packages: [{ folder: "x" }] }, "/packages/0"],
    [
      "a file that is not text",
      { packages: [{ files: { "a.json": {} } }] },
      "/packages/0/files/a.json",
    ],
    ["an unknown property", { packages: [], force: true }, "/force"],
  ])("answers 400 to a body with %s", async (_name, body, path) => {
    const res = await post("/api/meta/plan", body);
    expect(res.status).toBe(400);
    expect((await res.json()).details).toContainEqual(expect.objectContaining({ path }));
  });

  it("refuses a publish body with a bad option", async () => {
    const res = await post("/api/meta/publish", {
      packages: [await customization("1.1.0", [])],
      allowDataLoss: "yes",
      onConversionFailure: "drop",
    });
    expect(res.status).toBe(400);
    expect((await res.json()).details.map((d: { path: string }) => d.path)).toEqual([
      "/allowDataLoss",
      "/onConversionFailure",
    ]);
  });

  it("takes package bodies larger than the default limit, and only on these routes", async () => {
    const pkg = await customization("1.1.0", [field("loyalty_points")]);
    pkg.files["notes.json"] = JSON.stringify({ padding: "x".repeat(1_500_000) });
    const res = await post("/api/meta/plan", { packages: [pkg] });
    // parsed (not 413): the engine reports the file it does not know
    expect(res.status).toBe(422);
    const elsewhere = await post("/api/data/customer", { padding: "x".repeat(1_500_000) });
    expect(elsewhere.status).toBe(413);
  });

  it("lets a request in flight finish on the old model while new ones see the new one", async () => {
    slow = { arrived: gate(), release: gate() };
    const before = await servedRevision();
    const inFlight = api(`${server.url}/test/slow`).then((r) => r.json());
    await slow.arrived.opened;
    const res = await post("/api/meta/publish", {
      packages: [await customization("1.4.0", [field("loyalty_points"), field("vip_level")])],
    });
    expect(res.status).toBe(200);
    slow.release.open();
    const old = await inFlight;
    expect(old.revision).toBe(before);
    expect(old.fields).not.toContain("vip_level");
    const fresh = await (await api(`${server.url}/test/slow`)).json();
    expect(fresh.revision).toBe(before + 1);
    expect(fresh.fields).toContain("vip_level");
  });

  it("serializes concurrent publishes: each lands or is refused as revision-changed", async () => {
    const before = await servedRevision();
    const responses = await Promise.all(
      ["1.5.0", "1.6.0", "1.7.0"].map(async (version, n) => {
        const pkg = await customization(version, [
          field("loyalty_points"),
          field("vip_level"),
          field(`extra_${n}`),
        ]);
        // a publish planned after another landed drops that one's field: consent, so it may land too
        const res = await post("/api/meta/publish", { packages: [pkg], allowDataLoss: true });
        return { status: res.status, body: await res.json() };
      }),
    );
    const landed = responses.filter((r) => r.status === 200);
    expect(landed.length).toBeGreaterThanOrEqual(1);
    for (const refused of responses.filter((r) => r.status !== 200)) {
      expect(refused).toMatchObject({ status: 409, body: { code: "revision-changed" } });
    }
    const ids = landed.map((r) => r.body.revision.id).sort();
    expect(ids).toEqual(ids.map((_id, i) => before + 1 + i));
    expect(await servedRevision()).toBe(before + landed.length);
  });

  it("keeps reading a record after a publish changes a column's type under its prepared statements", async () => {
    const getCustomer = async () => {
      const res = await api(`${server.url}/api/data/customer/${CUSTOMER}`);
      return { status: res.status, body: await res.json() };
    };
    const publish = async (version: string, points: FieldDef) => {
      const res = await post("/api/meta/publish", {
        packages: [await customization(version, [points])],
        allowDataLoss: true,
      });
      expect(res.status, JSON.stringify(await res.json())).toBe(200);
    };
    await publish("2.0.0", field("loyalty_points"));
    // enough reads at once that every pooled session has prepared the read for an integer column
    const reads = await Promise.all(Array.from({ length: 20 }, getCustomer));
    expect(reads.map((r) => r.status)).toEqual(reads.map(() => 200));

    await publish("2.1.0", { ...field("loyalty_points", "decimal"), precision: 12, scale: 3 });
    const patched = await api(`${server.url}/api/data/customer/${CUSTOMER}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", "if-match": `"${reads[0]!.body.version}"` },
      body: JSON.stringify({ loyalty_points: 12.125 }),
    });
    expect(patched.status, JSON.stringify(await patched.json())).toBe(200);
    const after = await Promise.all(Array.from({ length: 20 }, getCustomer));
    for (const read of after) {
      expect(read.status, JSON.stringify(read.body)).toBe(200);
      expect(read.body.loyalty_points).toBe(12.125);
    }
  });
});
