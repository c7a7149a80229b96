import { describe, expect, it } from "vitest";
import { testClock } from "../src/jobs/index.ts";
import { apiClient, type Json } from "./support/api-client.ts";
import { approvalsPackage } from "./support/approvals-package.ts";
import { testDatabases } from "./support/databases.ts";
import { useSampleServer } from "./support/sample-app.ts";

const list = (value: unknown) => value as Json[];

const HOUR = 3_600_000;

describe.each(testDatabases())("workflow actions on $name", (target) => {
  const clock = testClock(new Date("2026-03-02T09:00:00Z"));
  const app = useSampleServer(target, { samples: [approvalsPackage()], clock, jobs: "manual" });
  const { as, call } = apiClient(app);

  const staff = () => as("ann", ["staff"]);

  /** the workflow's users: two managers, a director, two CFOs, finance, legal, three board members */
  async function team() {
    for (const [name, role] of [
      ["m1", "manager"],
      ["m2", "manager"],
      ["dora", "director"],
      ["cfo1", "cfo"],
      ["cfo2", "cfo"],
      ["fin", "finance"],
      ["law", "legal"],
      ["b1", "board"],
      ["b2", "board"],
      ["b3", "board"],
    ] as const)
      await as(name, [role]);
  }

  async function newRequest(values: Json): Promise<string> {
    const created = await call(await staff(), "POST", "/api/data/request", {
      title: "Laptops",
      amount: 5000,
      requester: "ann",
      ...values,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  }

  const act = async (who: typeof fetch, id: string, action: string, body?: unknown) =>
    call(who, "POST", `/api/workflow/request/${id}/actions/${action}`, body);
  const record = async (id: string) =>
    (await call(await as("admin1", ["admin"]), "GET", `/api/data/request/${id}`)).body;
  const status = async (id: string) =>
    (await call(await as("admin1", ["admin"]), "GET", `/api/workflow/request/${id}`)).body;
  const inbox = async (user: string) =>
    ((await call(await as(user), "GET", "/api/workflow/tasks")).body.data as Json[]).map(
      (t) => t.recordId,
    );

  it("routes by amount: up to 100,000 to a manager (round robin), above to the CFO", async () => {
    await team();
    const small = await newRequest({ amount: 5000 });
    const small2 = await newRequest({ amount: 6000 });
    const big = await newRequest({ amount: 250000 });
    expect((await record(small)).status).toBe("draft");
    for (const id of [small, small2, big]) {
      const submitted = await act(await staff(), id, "submit");
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    }
    expect((await record(small)).status).toBe("pending_manager");
    expect((await record(big)).status).toBe("pending_cfo");
    const m1 = await inbox("m1");
    const m2 = await inbox("m2");
    expect([...m1, ...m2].filter((id) => id === small || id === small2).sort()).toEqual(
      [small, small2].sort(),
    );
    expect(m1.includes(small) !== m2.includes(small)).toBe(true);
    expect(m1.includes(small) === m1.includes(small2)).toBe(false);
    expect(await inbox("cfo1")).toContain(big);
    expect(await inbox("cfo2")).toContain(big);
    const history = list((await status(small)).history);
    expect(history).toEqual([
      expect.objectContaining({ action: "submit", from: "draft", to: "manager", actor: "ann" }),
    ]);
  });

  it("countersign in mode all: finance and legal must both approve; then the action node's effects", async () => {
    await team();
    const id = await newRequest({ contract: true, title: "Supply contract", amount: 42000 });
    await act(await staff(), id, "submit");
    const first = await act(await as("fin"), id, "approve", { comment: "budget ok" });
    expect(first.status).toBe(200);
    expect(first.body.moved).toBe(false);
    expect((await record(id)).status).toBe("pending_countersign");
    const second = await act(await as("law"), id, "approve");
    expect(second.body.moved).toBe(true);
    const approved = await record(id);
    expect(approved).toMatchObject({ status: "approved", approved_amount: 42000 });
    const logs = await call(
      await as("admin1"),
      "GET",
      "/api/data/approval_log?where=" +
        encodeURIComponent(JSON.stringify({ "==": [{ var: "request_title" }, "Supply contract"] })),
    );
    expect(logs.body.data).toEqual([
      expect.objectContaining({ request_title: "Supply contract", amount: 42000 }),
    ]);
    const notes = await app.db.run(
      async (k) =>
        (
          await k.raw(
            `SELECT "username", "message" FROM loom_sys.notifications WHERE "record_id" = ?`,
            [id],
          )
        ).rows,
    );
    expect(notes).toEqual([
      { username: "ann", message: expect.objectContaining({ en: "Your request was approved" }) },
    ]);
    expect(list((await status(id)).history).map((h) => [h.action, h.actor, h.to])).toEqual([
      ["submit", "ann", "countersign"],
      ["approve", "fin", "countersign"],
      ["approve", "law", "approved"],
    ]);
  });

  it("quorum: 2 of the 3 board members approve, the third task is cancelled", async () => {
    await team();
    const id = await newRequest({ board: true });
    await act(await staff(), id, "submit");
    expect((await act(await as("b2"), id, "approve")).body.moved).toBe(false);
    expect((await act(await as("b3"), id, "approve")).body.moved).toBe(true);
    expect((await record(id)).status).toBe("approved");
    expect(await inbox("b1")).not.toContain(id);
    const late = await act(await as("b1"), id, "approve");
    expect(late.status).toBe(409);
    expect(late.body.code).toBe("action-not-available");
  });

  it("reject (comment required) returns to draft; resubmitting makes new tasks", async () => {
    await team();
    const id = await newRequest({ amount: 300000 });
    await act(await staff(), id, "submit");
    const bare = await act(await as("cfo1"), id, "reject");
    expect(bare.status).toBe(400);
    expect(bare.body.code).toBe("comment-required");
    expect((await record(id)).status).toBe("pending_cfo");
    const rejected = await act(await as("cfo1"), id, "reject", { comment: "too expensive" });
    expect(rejected.status).toBe(200);
    expect((await record(id)).status).toBe("draft");
    expect(await inbox("cfo2")).not.toContain(id);
    const edited = await call(await staff(), "PATCH", `/api/data/request/${id}`, {
      amount: 90000,
      version: (await record(id)).version,
    });
    expect(edited.status).toBe(200);
    await act(await staff(), id, "submit");
    expect((await record(id)).status).toBe("pending_manager");
    expect(list((await status(id)).history).map((h: Json) => [h.action, h.comment])).toEqual([
      ["submit", null],
      ["reject", "too expensive"],
      ["submit", null],
    ]);
  });

  it("withdraw: the requester takes their request back; an approver may not", async () => {
    await team();
    const id = await newRequest({});
    await act(await staff(), id, "submit");
    const [holder] = list((await status(id)).tasks);
    const byApprover = await act(await as(holder!.assignee as string), id, "withdraw");
    expect(byApprover.status).toBe(403);
    const withdrawn = await act(await staff(), id, "withdraw");
    expect(withdrawn.status).toBe(200);
    expect((await record(id)).status).toBe("draft");
    expect((await status(id)).tasks).toEqual([]);
  });

  it("refuses a forbidden action (wrong role 403, wrong state 409, false guard 409) and changes nothing", async () => {
    await team();
    const id = await newRequest({ amount: 0 });
    const snapshot = async () => ({ record: await record(id), workflow: await status(id) });
    const before = await snapshot();
    const guard = await act(await staff(), id, "submit");
    expect(guard.status).toBe(409);
    expect(guard.body.code).toBe("guard-failed");
    expect(guard.body.details).toEqual([{ path: "/edges/submit", message: expect.any(String) }]);
    const wrongRole = await act(await as("m1"), id, "submit");
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body).toMatchObject({ code: "forbidden", permission: "request.submit" });
    const wrongState = await act(await as("m1"), id, "approve");
    expect(wrongState.status).toBe(409);
    expect(wrongState.body).toMatchObject({ code: "action-not-available", actions: ["submit"] });
    const unknown = await act(await staff(), id, "teleport");
    expect(unknown.status).toBe(409);
    const badBody = await act(await staff(), id, "submit", { comment: 5, extra: true });
    expect(badBody.status).toBe(400);
    expect(
      list(badBody.body.details)
        .map((d: Json) => d.path)
        .sort(),
    ).toEqual(["/comment", "/extra"]);
    expect(await snapshot()).toEqual(before);
    // someone else's request is not even there for a staff member outside the scope
    const other = await act(await as("bob", ["staff"]), id, "submit");
    expect(other.status).toBe(404);
  });

  it("edits obey the node's editable fields; the state field is the workflow's alone", async () => {
    await team();
    const id = await newRequest({});
    const draftEdit = await call(await staff(), "PATCH", `/api/data/request/${id}`, {
      title: "Laptops x2",
      status: "approved",
      version: (await record(id)).version,
    });
    expect(draftEdit.status).toBe(200);
    expect(draftEdit.body.status).toBe("draft");
    await act(await staff(), id, "submit");
    const locked = await call(await as("admin1"), "PATCH", `/api/data/request/${id}`, {
      title: "Laptops x3",
      amount: 1,
      note: "ok",
      version: (await record(id)).version,
    });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe("field-locked");
    expect(list(locked.body.details).map((d: Json) => d.path)).toEqual(["/title", "/amount"]);
    const note = await call(await as("admin1"), "PATCH", `/api/data/request/${id}`, {
      note: "urgent",
      title: "Laptops x2",
      version: (await record(id)).version,
    });
    expect(note.status).toBe(200);
    expect(note.body).toMatchObject({
      note: "urgent",
      title: "Laptops x2",
      status: "pending_manager",
    });
  });

  it("escalates after the SLA by the controllable clock; an SLA action decides by itself", async () => {
    await team();
    const small = await newRequest({});
    const big = await newRequest({ amount: 500000 });
    await act(await staff(), small, "submit");
    await act(await staff(), big, "submit");
    clock.advance(23 * HOUR);
    await app.server.jobs.runDue();
    expect(await inbox("dora")).not.toContain(small);
    expect((await record(big)).status).toBe("pending_cfo");
    clock.advance(2 * HOUR);
    await app.server.jobs.runDue();
    expect((await record(big)).status).toBe("draft");
    expect(list((await status(big)).history).at(-1)).toMatchObject({
      action: "reject",
      actor: null,
    });
    clock.advance(24 * HOUR);
    await app.server.jobs.runDue();
    expect(await inbox("dora")).toContain(small);
    expect(list((await status(small)).history).at(-1)).toMatchObject({
      action: "escalate",
      actor: null,
    });
    const approved = await act(await as("dora"), small, "approve");
    expect(approved.body.moved).toBe(true);
    expect((await record(small)).status).toBe("approved");
    // the timer of a step already left does nothing when it runs out
    clock.advance(100 * HOUR);
    expect(await app.server.jobs.runDue()).toBeGreaterThanOrEqual(0);
    expect((await record(small)).status).toBe("approved");
  });

  it("two holders approving one task at once: one moves it, the other is refused, the effect happens once", async () => {
    await team();
    const id = await newRequest({ amount: 700000, title: "Race" });
    await act(await staff(), id, "submit");
    const answers = await Promise.all([
      act(await as("cfo1"), id, "approve"),
      act(await as("cfo2"), id, "approve"),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect((await record(id)).status).toBe("approved");
    const logs = await call(
      await as("admin1"),
      "GET",
      "/api/data/approval_log?count=true&where=" +
        encodeURIComponent(JSON.stringify({ "==": [{ var: "request_title" }, "Race"] })),
    );
    expect(logs.body.count).toBe(1);
  });

  it("delegates a task to another user and lists the inbox with titles", async () => {
    await team();
    const id = await newRequest({ title: "Chairs", amount: 800000 });
    await act(await staff(), id, "submit");
    const task = (
      (await call(await as("cfo1"), "GET", "/api/workflow/tasks")).body.data as Json[]
    ).find((t) => t.recordId === id)!;
    expect(task).toMatchObject({
      entity: "request",
      title: "Chairs",
      node: "cfo",
      requester: "ann",
    });
    const notMine = await call(await as("m1"), "POST", `/api/workflow/tasks/${task.id}/delegate`, {
      to: "m2",
    });
    expect(notMine.status).toBe(404);
    const toHolder = await call(
      await as("cfo1"),
      "POST",
      `/api/workflow/tasks/${task.id}/delegate`,
      { to: "cfo2" },
    );
    expect(toHolder.status).toBe(409);
    const reassign = await call(
      await as("cfo1"),
      "POST",
      `/api/workflow/tasks/${task.id}/reassign`,
      { to: "m1" },
    );
    expect(reassign.status).toBe(403);
    const delegated = await call(
      await as("cfo1"),
      "POST",
      `/api/workflow/tasks/${task.id}/delegate`,
      { to: "m1" },
    );
    expect(delegated.status).toBe(200);
    expect(await inbox("m1")).toContain(id);
    expect(await inbox("cfo1")).not.toContain(id);
    expect((await act(await as("m1"), id, "approve")).body.moved).toBe(true);
  });
});
