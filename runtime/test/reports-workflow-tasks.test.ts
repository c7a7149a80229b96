import type { ReportResult } from "@loom/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openReportsApp, type ReportsApp, type Seeded } from "./reports-fixture.ts";
import type { Api } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";

/** The built-in `$workflow_tasks` dataset: approval tasks, in the scope of the records they are about. */
describe.each(testDatabases())("reports over workflow tasks on $name", ({ open }) => {
  let db: ReportsApp["db"];
  let seeded: Seeded;
  let as: Record<string, Api>;

  beforeAll(async () => {
    const users = {
      admin: { roles: ["admin"], attributes: {} },
      rep1: { roles: ["sales_rep"], attributes: { department: "domestic" } },
      rep2: { roles: ["sales_rep"], attributes: { department: "domestic" } },
      clerk: { roles: ["warehouse_clerk"], attributes: {} },
      // the approval's assignee
      manager: { roles: ["sales_manager"], attributes: { department: "domestic" } },
    };
    ({ db, seeded, as } = await openReportsApp(open, users));
    const item = (await db.run((k) => k.raw(`SELECT id FROM app.item LIMIT 1`))).rows[0].id;
    // three orders submitted for approval: two of rep1's, one of rep2's
    for (const rep of ["rep1", "rep1", "rep2"]) {
      const created = await as[rep]!.post("/api/data/sales_order").send({
        customer: seeded.customers.A,
        sales_person: rep,
        department: "domestic",
        delivery_date: "2026-12-31",
        lines: [{ item, qty: 1, unit_price: 100 }],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const submitted = await as[rep]!.post(
        `/api/workflow/sales_order/${created.body.id as string}/actions/submit`,
      );
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    }
  });
  afterAll(() => db?.dispose());

  const tasks = async (api: Api) => {
    const res = await api.get("/api/reports/t_tasks_by_workflow");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as ReportResult;
  };

  it("counts the open tasks per workflow with their hours so far", async () => {
    const result = await tasks(as.admin!);
    expect(result.rows.map((row) => row.slice(0, 3))).toEqual([
      ["sales_order_approval", "open", 3],
    ]);
    const hours = result.rows[0]![3] as number;
    expect(hours).toBeGreaterThanOrEqual(0);
    expect(hours).toBeLessThan(1);
    expect(result.labels.status).toMatchObject({ open: "Open" });
    expect(result.labels.workflow).toMatchObject({ sales_order_approval: expect.any(String) });
    expect(result.drill).toBeUndefined();
  });

  it("counts only the tasks of records the caller may read", async () => {
    expect((await tasks(as.rep1!)).totals.tasks).toBe(2);
    expect((await tasks(as.rep2!)).totals.tasks).toBe(1);
    // no read on sales orders: none of their tasks, and no error
    expect((await tasks(as.clerk!)).totals).toEqual({ tasks: 0, hours: null });
  });
});
