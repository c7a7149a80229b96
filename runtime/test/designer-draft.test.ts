import type { EntityExtensionDef } from "@loom/engine";
import { describe, expect, it } from "vitest";
import { apiClient, type Json } from "./support/api-client.ts";
import { testDatabases } from "./support/databases.ts";
import { useSampleServer } from "./support/sample-app.ts";

const EXTENSION = "extensions/customer.json";
const MANIFEST = "loom-package.json";

interface DraftView {
  package: { name: string; layer: string; installed: boolean };
  version: number;
  stale: boolean;
  files: Record<string, string>;
  changes: Array<{ file: string; change: string }>;
  issues: Array<{ file?: string; path?: string; line?: number; message: string }>;
  packages: Array<{ name: string }>;
}

/** The customer extension of a draft's files with one more field. */
function withCustomerField(files: Record<string, string>, name: string): string {
  const extension = JSON.parse(files[EXTENSION]!) as EntityExtensionDef;
  extension.fields = [
    ...(extension.fields ?? []),
    { name, type: "text", labels: { en: "DingTalk", "zh-CN": "钉钉号" }, maxLength: 40 },
  ];
  return JSON.stringify(extension, null, 2);
}

describe.each(testDatabases())("the designer's draft on $name", (target) => {
  const app = useSampleServer(target);
  const client = apiClient(app);
  const consultant = () => client.as("chen.jing", ["consultant"]);
  const draft = async () =>
    (await client.call(await consultant(), "GET", "/api/designer/draft"))
      .body as unknown as DraftView;
  const put = async (body: unknown) =>
    client.call(await consultant(), "PUT", "/api/designer/draft", body);
  const revisions = async () =>
    (await app.db.run((k) => k.raw(`SELECT count(*)::int AS n FROM loom_sys.revisions`))).rows[0].n;
  const customerColumns = async () =>
    (
      await app.db.run((k) =>
        k.raw(
          `SELECT column_name FROM information_schema.columns WHERE table_schema = 'app' AND table_name = 'customer'`,
        ),
      )
    ).rows.map((row: { column_name: string }) => row.column_name);
  const metaFields = async (entity: string) => {
    const meta = (await client.call(await consultant(), "GET", "/api/meta")).body as {
      model: { entities: Record<string, { fields: Array<{ name: string }> }> };
    };
    return meta.model.entities[entity]?.fields.map((f) => f.name) ?? [];
  };

  it("is for designers only: 401 signed out, 403 naming the permission for others", async () => {
    const anonymous = await fetch(`${app.server.url}/api/designer/draft`);
    expect(anonymous.status).toBe(401);
    const rep = await client.as("li.wei", ["sales_rep"], { department: "domestic" });
    const refused = await client.call(rep, "GET", "/api/designer/draft");
    expect(refused).toMatchObject({
      status: 403,
      body: { code: "forbidden", permission: "designer" },
    });
    const edit = await client.call(rep, "PUT", "/api/designer/draft", { version: 0, changes: [] });
    expect(edit.status).toBe(403);
    expect((await client.call(app.fetch, "GET", "/api/designer/draft")).status).toBe(200);
  });

  it("starts from the installed customization package and stores nothing until edited", async () => {
    const view = await draft();
    expect(view).toMatchObject({
      package: { name: "acme-custom", layer: "customization", installed: true },
      version: 0,
      stale: false,
      changes: [],
      issues: [],
    });
    expect(Object.keys(view.files)).toEqual(expect.arrayContaining([MANIFEST, EXTENSION]));
    expect(view.packages.map((p) => p.name)).toEqual(["manufacturing"]);
    const stored = await app.db.run((k) =>
      k.raw(`SELECT count(*)::int AS n FROM loom_sys.designer_drafts`),
    );
    expect(stored.rows[0].n).toBe(0);
  });

  it("saves an edit as the next version without touching the live app", async () => {
    const before = await draft();
    const saved = await put({
      version: 0,
      changes: [{ file: EXTENSION, text: withCustomerField(before.files, "dingtalk_id") }],
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      version: 1,
      changes: [{ file: EXTENSION, change: "changed" }],
      issues: [],
    });
    expect(await metaFields("customer")).not.toContain("dingtalk_id");
    expect(await customerColumns()).not.toContain("dingtalk_id");
  });

  it("refuses an edit of a version someone saved over, and bad bodies, changing nothing", async () => {
    const current = await draft();
    const stale = await put({ version: 0, changes: [{ file: "entities/x.json", text: "{}" }] });
    expect(stale).toMatchObject({
      status: 409,
      body: { code: "version-conflict", currentVersion: 1 },
    });

    const bad = await put({
      version: 1,
      changes: [
        { file: "../escape.json", text: "{}" },
        { file: "/etc/passwd.json", text: "{}" },
        { file: "entities/a.txt", text: "{}" },
        { file: MANIFEST, text: null },
        { file: "entities/b.json", text: 42 },
        { file: "entities/c.json", text: "{}", mode: "x" },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("invalid-body");
    expect((bad.body.details as Json[]).map((d) => d.path)).toEqual([
      "/changes/0/file",
      "/changes/1/file",
      "/changes/2/file",
      "/changes/3/text",
      "/changes/4/text",
      "/changes/5/mode",
    ]);
    const renamed = JSON.parse(current.files[MANIFEST]!);
    const locked = await put({
      version: 1,
      changes: [
        { file: MANIFEST, text: JSON.stringify({ ...renamed, name: "other", layer: "base" }) },
      ],
    });
    expect(locked).toMatchObject({ status: 422, body: { code: "manifest-locked" } });
    expect((locked.body.details as Json[]).map((d) => d.message)).toEqual([
      'the package\'s name stays "acme-custom"',
      'the package\'s layer stays "customization"',
    ]);
    for (const body of [null, [], { version: -1, changes: [] }, { version: 1 }])
      expect((await put(body)).status).toBe(400);
    expect(await draft()).toEqual(current);
  });

  it("shows problems at their file and line, and refuses to publish them", async () => {
    const current = await draft();
    const broken = await put({
      version: current.version,
      changes: [
        {
          file: "entities/machine.json",
          text: '{\n  "kind": "entity",\n  "name": "machine",\n  "labels": { "en": "Machine" },\n  "fields": [{ "name": "speed", "type": "velocity", "labels": { "en": "Speed" } }]\n}\n',
        },
      ],
    });
    expect(broken.status).toBe(200);
    const issues = (broken.body as unknown as DraftView).issues;
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ file: "entities/machine.json", line: 5 });
    const count = await revisions();
    const refused = await client.call(await consultant(), "POST", "/api/designer/draft/publish", {
      version: current.version + 1,
    });
    expect(refused).toMatchObject({ status: 422, body: { code: "invalid-metadata" } });
    expect((refused.body.details as Json[])[0]!.path).toMatch(
      /^\/files\/entities~1machine\.json\/fields\/0/,
    );
    expect(await revisions()).toBe(count);
    const fixed = await put({
      version: current.version + 1,
      changes: [{ file: "entities/machine.json", text: null }],
    });
    expect((fixed.body as unknown as DraftView).issues).toEqual([]);
  });

  it("plans, then publishes in one step: new column, new package version, draft gone", async () => {
    const current = await draft();
    const planned = await client.call(await consultant(), "POST", "/api/designer/draft/plan");
    expect(planned.status).toBe(200);
    expect(planned.body).toMatchObject({
      version: current.version,
      unchanged: false,
      plan: { dataLosing: false },
    });
    expect(JSON.stringify(planned.body.plan)).toContain("dingtalk_id");

    const count = await revisions();
    const published = await client.call(await consultant(), "POST", "/api/designer/draft/publish", {
      version: current.version,
      note: "DingTalk id on customers",
    });
    expect(published.status).toBe(200);
    expect(await revisions()).toBe(count + 1);
    expect(await customerColumns()).toContain("dingtalk_id");
    expect(await metaFields("customer")).toContain("dingtalk_id");
    const after = await draft();
    expect(after).toMatchObject({ version: 0, changes: [], stale: false });
    expect(JSON.parse(after.files[MANIFEST]!).version).toBe("1.0.1");
    const installed = await app.db.run((k) =>
      k.raw(`SELECT version, installed_by FROM loom_sys.packages WHERE name = 'acme-custom'`),
    );
    expect(installed.rows[0]).toEqual({ version: "1.0.1", installed_by: "chen.jing" });
  });

  it("flags a dropped field as data loss and publishes it only when told to", async () => {
    const current = await draft();
    const extension = JSON.parse(current.files[EXTENSION]!) as EntityExtensionDef;
    extension.fields = extension.fields!.filter((f) => f.name !== "dingtalk_id");
    await put({ version: 0, changes: [{ file: EXTENSION, text: JSON.stringify(extension) }] });
    const planned = await client.call(await consultant(), "POST", "/api/designer/draft/plan");
    expect(planned.body).toMatchObject({ plan: { dataLosing: true } });
    const count = await revisions();
    const refused = await client.call(await consultant(), "POST", "/api/designer/draft/publish", {
      version: 1,
    });
    expect(refused).toMatchObject({ status: 409, body: { code: "data-loss-refused" } });
    expect(await customerColumns()).toContain("dingtalk_id");
    expect(await revisions()).toBe(count);
    expect((await draft()).version).toBe(1);
    // someone saves again: the reviewed version is no longer the draft
    const again = await put({
      version: 1,
      changes: [{ file: EXTENSION, text: JSON.stringify(extension, null, 2) }],
    });
    expect(again.status).toBe(200);
    const outdated = await client.call(await consultant(), "POST", "/api/designer/draft/publish", {
      version: 1,
      allowDataLoss: true,
    });
    expect(outdated).toMatchObject({
      status: 409,
      body: { code: "version-conflict", currentVersion: 2 },
    });
    const published = await client.call(await consultant(), "POST", "/api/designer/draft/publish", {
      version: 2,
      allowDataLoss: true,
    });
    expect(published.status).toBe(200);
    expect(await customerColumns()).not.toContain("dingtalk_id");
  });

  it("refuses to publish a draft whose package someone else changed meanwhile", async () => {
    const current = await draft();
    await put({
      version: 0,
      changes: [{ file: EXTENSION, text: withCustomerField(current.files, "line_id") }],
    });
    // an administrator publishes another change of the same package through the packages API
    const theirs = {
      ...current.files,
      [MANIFEST]: JSON.stringify({ ...JSON.parse(current.files[MANIFEST]!), version: "1.5.0" }),
    };
    const other = await client.call(app.fetch, "POST", "/api/meta/publish", {
      packages: [{ files: theirs }],
    });
    expect(other.status).toBe(200);
    const view = await draft();
    expect(view.stale).toBe(true);
    const count = await revisions();
    const refused = await client.call(await consultant(), "POST", "/api/designer/draft/publish", {
      version: 1,
    });
    expect(refused).toMatchObject({ status: 409, body: { code: "draft-stale" } });
    expect(await revisions()).toBe(count);
    const discarded = await client.call(await consultant(), "DELETE", "/api/designer/draft");
    expect(discarded.body).toMatchObject({ version: 0, stale: false, changes: [] });
    const nothing = await client.call(await consultant(), "POST", "/api/designer/draft/publish", {
      version: 0,
    });
    expect(nothing).toMatchObject({ status: 409, body: { code: "nothing-to-publish" } });
  });

  it("lists revisions newest first, shows what each changed, and rolls back to one", async () => {
    const list = await client.call(await consultant(), "GET", "/api/designer/revisions?limit=10");
    const data = list.body.data as Array<{
      id: number;
      createdBy: string;
      note: string | null;
      restorable: boolean;
      dataLosing: boolean;
    }>;
    expect(data.map((r) => r.id)).toEqual([...data.map((r) => r.id)].sort((a, b) => b - a));
    const withDingtalk = data.find((r) => r.note === "DingTalk id on customers")!;
    expect(withDingtalk).toMatchObject({
      createdBy: "chen.jing",
      restorable: true,
      dataLosing: false,
    });
    const dropped = data.find((r) => r.dataLosing)!;
    expect(dropped.createdBy).toBe("chen.jing");

    const detail = await client.call(
      await consultant(),
      "GET",
      `/api/designer/revisions/${withDingtalk.id}`,
    );
    const changes = detail.body.changes as Array<{ before: string; after: string }>;
    expect(changes).toMatchObject([
      { package: "acme-custom", file: EXTENSION, change: "changed" },
      { package: "acme-custom", file: MANIFEST, change: "changed" },
    ]);
    // each change carries the file's text before and after, so the designer can show the lines
    expect(changes[0]!.before).not.toContain("dingtalk_id");
    expect(changes[0]!.after).toContain("dingtalk_id");
    const diff = await client.call(
      await consultant(),
      "GET",
      `/api/designer/revisions/${data[0]!.id}/diff?against=${withDingtalk.id}`,
    );
    expect(diff.status).toBe(200);
    expect((diff.body.changes as Json[]).map((c) => c.file)).toContain(EXTENSION);

    // back to the revision with the DingTalk id: the column comes back (empty), as a new revision
    const preview = await client.call(
      await consultant(),
      "POST",
      `/api/designer/revisions/${withDingtalk.id}/rollback`,
      { dryRun: true },
    );
    expect(preview.status).toBe(200);
    expect(JSON.stringify(preview.body.plan)).toContain("dingtalk_id");
    const count = await revisions();
    const back = await client.call(
      await consultant(),
      "POST",
      `/api/designer/revisions/${withDingtalk.id}/rollback`,
      {},
    );
    expect(back.status).toBe(200);
    expect(await revisions()).toBe(count + 1);
    expect(await metaFields("customer")).toContain("dingtalk_id");
    expect(await customerColumns()).toContain("dingtalk_id");
    const newest = (await client.call(await consultant(), "GET", "/api/designer/revisions?limit=1"))
      .body.data as Json[];
    expect(newest[0]).toMatchObject({
      note: `rollback to revision ${withDingtalk.id}`,
      createdBy: "chen.jing",
    });

    expect(
      (await client.call(await consultant(), "GET", "/api/designer/revisions/999999")).status,
    ).toBe(404);
    expect(
      (await client.call(await consultant(), "GET", "/api/designer/revisions/abc")).status,
    ).toBe(400);
    expect(
      (
        await client.call(
          await consultant(),
          "POST",
          `/api/designer/revisions/${withDingtalk.id}/rollback`,
          { dryRun: "yes" },
        )
      ).status,
    ).toBe(400);
  });
});
