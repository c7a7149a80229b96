import type { EntityExtensionDef } from "@loom/engine";
import { describe, expect, it } from "vitest";
import { apiClient, type Json } from "./support/api-client.ts";
import { testDatabases } from "./support/databases.ts";
import { useSampleServer } from "./support/sample-app.ts";
import { databaseSnapshot } from "./support/snapshot.ts";

const EXTENSION = "extensions/customer.json";

interface Preview {
  planId: string;
  unchanged: boolean;
  blocked: boolean;
  packages: Array<{ name: string; change: string; from: string; to: string; files: unknown[] }>;
  plan: { steps: Array<{ kind: string; description: string; safety: string }> };
  conflicts: unknown[];
  problems: unknown[];
}

/**
 * IT's promotion: a consultant customizes development through the designer's API, IT exports the
 * package, previews it against production, applies exactly that plan, and production behaves the
 * same; running the promotion again has nothing to do.
 */
describe.each(testDatabases())("promoting a customization from dev to prod on $name", (target) => {
  const dev = useSampleServer(target, { sampleData: true });
  const prod = useSampleServer(target, { sampleData: true });
  const devClient = apiClient(dev);
  const prodClient = apiClient(prod);

  const exportZip = async (): Promise<string> => {
    const res = await dev.fetch(`${dev.server.url}/api/packages/acme-custom/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toContain("acme-custom-1.0.1.zip");
    return Buffer.from(await res.arrayBuffer()).toString("base64");
  };
  const upload = async (archive: string) =>
    prodClient.call(prod.fetch, "POST", "/api/packages/uploads", { archive });

  it("customizes dev through the designer API", async () => {
    const consultant = await devClient.as("chen.jing", ["consultant"]);
    const draft = (await devClient.call(consultant, "GET", "/api/designer/draft")).body as {
      files: Record<string, string>;
    };
    const extension = JSON.parse(draft.files[EXTENSION]!) as EntityExtensionDef;
    extension.fields!.push({
      name: "dingtalk_id",
      type: "text",
      labels: { en: "DingTalk", "zh-CN": "钉钉号" },
      maxLength: 40,
    });
    const saved = await devClient.call(consultant, "PUT", "/api/designer/draft", {
      version: 0,
      changes: [{ file: EXTENSION, text: JSON.stringify(extension, null, 2) }],
    });
    expect(saved.status).toBe(200);
    const published = await devClient.call(consultant, "POST", "/api/designer/draft/publish", {
      version: 1,
    });
    expect(published.status).toBe(200);
  });

  it("installed the sample with its reference data on first start", async () => {
    const units = await prod.db.run(
      async (k) => (await k.raw(`SELECT code FROM app.unit ORDER BY code`)).rows,
    );
    expect(units.map((row: { code: string }) => row.code)).toEqual([
      "BOX",
      "KG",
      "L",
      "M",
      "PCS",
      "SET",
    ]);
  });

  it("is for administrators: a consultant may not export or import", async () => {
    const consultant = await prodClient.as("chen.jing", ["consultant"]);
    const refused = await prodClient.call(consultant, "GET", "/api/packages");
    expect(refused).toMatchObject({ status: 403, body: { code: "forbidden" } });
  });

  it("previews dev's export against prod without changing it, then applies exactly that plan", async () => {
    const archive = await exportZip();
    const before = await databaseSnapshot(prod.db);
    const uploaded = await upload(archive);
    expect(uploaded.status).toBe(201);
    const preview = uploaded.body.preview as unknown as Preview;
    expect(preview).toMatchObject({
      blocked: false,
      unchanged: false,
      conflicts: [],
      problems: [],
    });
    expect(preview.packages).toEqual([
      expect.objectContaining({
        name: "acme-custom",
        change: "upgrade",
        from: "1.0.0",
        to: "1.0.1",
        files: [
          { file: EXTENSION, change: "changed" },
          { file: "loom-package.json", change: "changed" },
        ],
      }),
    ]);
    expect(preview.plan.steps).toEqual([
      expect.objectContaining({ kind: "add-column", safety: "safe" }),
    ]);
    expect(preview.plan.steps[0]!.description).toContain("customer.dingtalk_id");
    const snapshotAfterPreview = await databaseSnapshot(prod.db);
    expect(snapshotAfterPreview).toEqual(before);

    // applied with progress streamed line by line
    const res = await prod.fetch(
      `${prod.server.url}/api/packages/uploads/${uploaded.body.upload}/apply`,
      {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/x-ndjson" },
        body: JSON.stringify({ planId: preview.planId }),
      },
    );
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Json);
    expect(lines.map((line) => line.type)).toEqual(["started", "step", "result"]);
    expect(lines[1]).toMatchObject({ index: 0, total: 1 });
    expect(lines[2]).toMatchObject({ status: "applied" });

    // prod now behaves like dev: same model, the new field writable and readable
    const checksum = async (db: typeof dev.db) =>
      (
        await db.run((k) =>
          k.raw(`SELECT checksum FROM loom_sys.revisions ORDER BY id DESC LIMIT 1`),
        )
      ).rows[0].checksum;
    expect(await checksum(prod.db)).toBe(await checksum(dev.db));
    for (const [app, client] of [
      [dev, devClient],
      [prod, prodClient],
    ] as const) {
      const created = await client.call(app.fetch, "POST", "/api/data/customer", {
        code: "C-PROMO",
        name: "Promo Ltd",
        customer_type: "company",
        dingtalk_id: "dt-42",
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ dingtalk_id: "dt-42" });
    }
  });

  it("has nothing to do when the same package is promoted again", async () => {
    const revisions = async () =>
      (await prod.db.run((k) => k.raw(`SELECT count(*)::int AS n FROM loom_sys.revisions`))).rows[0]
        .n;
    const count = await revisions();
    const uploaded = await upload(await exportZip());
    const preview = uploaded.body.preview as unknown as Preview;
    expect(preview.unchanged).toBe(true);
    const applied = await prodClient.call(
      prod.fetch,
      "POST",
      `/api/packages/uploads/${uploaded.body.upload}/apply`,
      { planId: preview.planId },
    );
    expect(applied).toMatchObject({ status: 200, body: { status: "unchanged" } });
    expect(await revisions()).toBe(count);
  });

  it("refuses a plan id that no longer matches, and a stale upload, changing nothing", async () => {
    const uploaded = await upload(await exportZip());
    const before = await databaseSnapshot(prod.db);
    const wrong = await prodClient.call(
      prod.fetch,
      "POST",
      `/api/packages/uploads/${uploaded.body.upload}/apply`,
      { planId: "0000000000000000" },
    );
    expect(wrong).toMatchObject({ status: 409, body: { code: "plan-stale" } });
    const missing = await prodClient.call(prod.fetch, "POST", "/api/packages/uploads/nope/apply", {
      planId: "0000000000000000",
    });
    expect(missing).toMatchObject({ status: 404, body: { code: "upload-not-found" } });
    const notBase64 = await prodClient.call(prod.fetch, "POST", "/api/packages/uploads", {
      archive: "not base64!",
    });
    expect(notBase64).toMatchObject({ status: 400, body: { code: "invalid-archive" } });
    const notZip = await upload(Buffer.from("hello").toString("base64"));
    expect(notZip).toMatchObject({ status: 422, body: { code: "archive-refused" } });
    expect(await databaseSnapshot(prod.db)).toEqual(before);
  });
});
