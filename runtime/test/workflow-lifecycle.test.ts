import type { LoadedPackage } from "@loom/engine";
import { describe, expect, it } from "vitest";
import { testClock } from "../src/jobs/index.ts";
import { apiClient, type Json } from "./support/api-client.ts";
import { approvalsPackage } from "./support/approvals-package.ts";
import { testDatabases } from "./support/databases.ts";
import { useSampleServer } from "./support/sample-app.ts";

type Nodes = Record<string, unknown>[];

describe.each(testDatabases())("document lifecycle and workflow versions on $name", (target) => {
  const app = useSampleServer(target, {
    samples: [approvalsPackage()],
    clock: testClock(new Date("2026-04-01T08:00:00Z")),
    jobs: "manual",
  });

  const { as: user, call } = apiClient(app);

  async function publish(pkg: LoadedPackage): Promise<void> {
    const published = await call(app.fetch, "POST", "/api/meta/publish", {
      packages: [{ files: pkg.files }],
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
  }

  it("a submittable document: draft → submitted (only listed fields editable) → cancelled → amended", async () => {
    const staff = await user("sam", ["staff"]);
    const created = await call(staff, "POST", "/api/data/contract_doc", {
      title: "Frame agreement",
      value: 120000,
      docstatus: "submitted",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ docstatus: "draft", amended_from: null });
    const id = created.body.id as string;
    const path = `/api/data/contract_doc/${id}`;
    const version = async () => (await call(staff, "GET", path)).body.version;

    expect(
      (await call(staff, "PATCH", path, { value: 125000, version: await version() })).status,
    ).toBe(200);
    const submitted = await call(staff, "POST", `/api/workflow/contract_doc/${id}/actions/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.record).toMatchObject({ docstatus: "submitted" });
    const locked = await call(staff, "PATCH", path, { value: 1, version: await version() });
    expect(locked.status).toBe(409);
    expect(locked.body).toMatchObject({ code: "field-locked", details: [{ path: "/value" }] });
    const note = await call(staff, "PATCH", path, { note: "signed", version: await version() });
    expect(note.status).toBe(200);
    expect(
      (await call(staff, "POST", `/api/workflow/contract_doc/${id}/actions/amend`)).status,
    ).toBe(409);

    const cancelled = await call(staff, "POST", `/api/workflow/contract_doc/${id}/actions/cancel`);
    expect(cancelled.body.record).toMatchObject({ docstatus: "cancelled" });
    expect((await call(staff, "PATCH", path, { note: "x", version: await version() })).status).toBe(
      409,
    );
    const amended = await call(staff, "POST", `/api/workflow/contract_doc/${id}/actions/amend`);
    expect(amended.status).toBe(201);
    expect(amended.body.record).toMatchObject({
      title: "Frame agreement",
      value: 125000,
      note: "signed",
      docstatus: "draft",
      amended_from: id,
    });
    expect((amended.body.record as Json).id).not.toBe(id);
    const again = await call(
      staff,
      "POST",
      `/api/workflow/contract_doc/${(amended.body.record as Json).id}/actions/amend`,
    );
    expect(again.status).toBe(409);
  });

  it("running instances keep their version; an explicit state mapping moves them", async () => {
    for (const [name, role] of [
      ["ann", "staff"],
      ["mia", "manager"],
    ] as const)
      await user(name, [role]);
    const staff = await user("ann", ["staff"]);
    const manager = await user("mia", ["manager"]);
    const submit = async (title: string) => {
      const created = await call(staff, "POST", "/api/data/request", {
        title,
        amount: 100,
        requester: "ann",
      });
      const id = created.body.id as string;
      expect((await call(staff, "POST", `/api/workflow/request/${id}/actions/submit`)).status).toBe(
        200,
      );
      return id;
    };
    const state = async (id: string) =>
      (await call(app.fetch, "GET", `/api/workflow/request/${id}`)).body;

    const early = await submit("early");
    const v1 = (await state(early)).version;
    // 1.1: the manager's node renamed; early instances stay on 1.0's graph
    const renamed = (version: string, migrate?: Record<string, string>) =>
      approvalsPackage({
        version,
        edit: (files) => {
          const wf = files["workflows/request_approval.json"]!;
          const rename = (id: unknown) => (id === "manager" ? "line_manager" : id);
          wf.nodes = (wf.nodes as Nodes).map((n) => ({ ...n, id: rename(n.id) }));
          wf.edges = (wf.edges as Nodes).map((e) => ({
            ...e,
            from: rename(e.from),
            to: rename(e.to),
          }));
          if (migrate) wf.migrate = migrate;
        },
      });
    await publish(renamed("1.1.0"));
    const late = await submit("late");
    expect((await state(late)).node).toMatchObject({ id: "line_manager" });
    expect(await state(early)).toMatchObject({ version: v1, node: { id: "manager" } });
    expect((await state(late)).version).not.toBe(v1);

    // 1.2 maps 1.0's manager node onto line_manager: the early instance moves, with its task
    await publish(renamed("1.2.0", { manager: "line_manager" }));
    const moved = await state(early);
    expect(moved.node).toMatchObject({ id: "line_manager" });
    expect(moved.version).not.toBe(v1);
    expect(moved.tasks).toEqual([expect.objectContaining({ assignee: "mia" })]);
    const approved = await call(manager, "POST", `/api/workflow/request/${early}/actions/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.record).toMatchObject({ status: "approved" });
  });

  it("refuses to publish a malformed workflow, naming the node and edge, and changes nothing", async () => {
    const before = (await call(app.fetch, "GET", "/health")).body.revision;
    const broken = approvalsPackage({
      version: "9.0.0",
      edit: (files) => {
        const wf = files["workflows/request_approval.json"]!;
        // the board node loses its way out, and the route's else edge points nowhere
        wf.edges = (wf.edges as Nodes)
          .filter((e) => e.from !== "board")
          .map((e) => (e.id === "to_manager" ? { ...e, to: "nowhere" } : e));
      },
    });
    const refused = await call(app.fetch, "POST", "/api/meta/publish", {
      packages: [{ files: broken.files }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("invalid-metadata");
    const messages = (refused.body.details as { path: string; message: string }[]).map(
      (d) => `${d.path} ${d.message}`,
    );
    expect(
      messages.some((m) => m.includes("workflows~1request_approval.json") && m.includes("board")),
    ).toBe(true);
    expect(messages.some((m) => m.includes("to_manager") && m.includes("nowhere"))).toBe(true);
    expect((await call(app.fetch, "GET", "/health")).body.revision).toEqual(before);
  });
});
