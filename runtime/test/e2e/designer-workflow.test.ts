import { randomUUID } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { fetchWith, signIn } from "../support/auth.ts";
import {
  addUser,
  PEOPLE,
  seedMasterData,
  signInThroughPage,
  useAppServer,
} from "./support/app-server.ts";
import { newPerson, screenshot, useBrowser } from "./support/browser.ts";

const STATUS: Record<string, { en: string; "zh-CN": string }> = {
  draft: { en: "Draft", "zh-CN": "草稿" },
  submitted: { en: "Submitted", "zh-CN": "已提交" },
  pending_cfo: { en: "Pending CFO", "zh-CN": "待财务总监审批" },
  approved: { en: "Approved", "zh-CN": "已审批" },
  rejected: { en: "Rejected", "zh-CN": "已驳回" },
  cancelled: { en: "Cancelled", "zh-CN": "已取消" },
};

/**
 * What the consultant prepared in the draft before drawing (the entity and role designers' part):
 * a purchase order status for the second level, a buyer who enters and submits orders, and a
 * purchasing manager who reads them.
 */
const PREPARED: Record<string, unknown> = {
  "extensions/purchase_order.json": {
    kind: "entity-extension",
    entity: "purchase_order",
    fieldOverrides: {
      status: {
        options: Object.entries(STATUS).map(([value, labels]) => ({ value, labels })),
      },
    },
  },
  "roles/buyer.json": {
    kind: "role",
    name: "buyer",
    labels: { en: "Buyer", "zh-CN": "采购员" },
    grants: [
      {
        entity: "purchase_order",
        actions: ["read", "create", "update"],
        workflowActions: ["submit", "withdraw"],
      },
      { entity: "supplier", actions: ["read"] },
      { entity: "item", actions: ["read"] },
      { entity: "warehouse", actions: ["read"] },
      { entity: "unit", actions: ["read"] },
    ],
  },
  "roles/purchasing_manager.json": {
    kind: "role",
    name: "purchasing_manager",
    labels: { en: "Purchasing Manager", "zh-CN": "采购经理" },
    grants: [
      { entity: "purchase_order", actions: ["read"], workflowActions: ["approve", "reject"] },
    ],
  },
};

/**
 * The workflow designer in the browser: the consultant draws a two-level approval of purchase
 * orders (nodes from the palette, edges by dragging handles, assignees in the side panel), breaks
 * it twice — an edge to a node that does not exist, a decision without an else route — and sees
 * each error on the node or edge while publishing is refused; fixes it, publishes, and the
 * workflow runs in /app: the buyer submits, the purchasing manager and then the CFO approve.
 */
describe("the workflow designer at /designer/workflows", () => {
  const app = useAppServer();
  const chromium = useBrowser();
  let page: Page;
  let order = "";
  let buyerFetch: typeof fetch;

  const canvasNode = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
  const panel = () => page.locator("aside.wf-panel");
  const problems = () => page.getByTestId("draft-problems");

  /** Drags from the source handle of `from` onto the target handle of `to`, as a person would. */
  async function drawEdge(from: string, to: string): Promise<void> {
    const source = await canvasNode(from).locator(".react-flow__handle.source").boundingBox();
    const target = await canvasNode(to).locator(".react-flow__handle.target").boundingBox();
    if (!source || !target) throw new Error(`no handles between ${from} and ${to}`);
    await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
    await page.mouse.up();
  }

  async function selectNode(id: string): Promise<void> {
    await canvasNode(id).click();
    await panel()
      .getByRole("heading", { name: `Node ${id}` })
      .waitFor();
  }

  async function selectEdge(id: string): Promise<void> {
    await page.getByTestId(`wf-edge-${id}`).click();
    await panel()
      .getByRole("heading", { name: `Edge ${id}` })
      .waitFor();
  }

  async function commit(field: Locator, value: string): Promise<void> {
    await field.fill(value);
    await field.press("Enter");
  }

  /** Where the nodes are drawn and how the view is panned: what a drag aims by. */
  const drawn = () =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>(".react-flow__viewport, .react-flow__node")]
        .map((element) => element.style.transform)
        .join(";"),
    );

  /** Auto layout (elk loads the first time), then waits until the view has fitted the nodes. */
  async function layOut(): Promise<void> {
    const before = await drawn();
    await page.getByRole("button", { name: "Auto layout: Left to right" }).click();
    await expect.poll(drawn).not.toBe(before);
    let last = "";
    await expect
      .poll(async () => {
        const now = await drawn();
        const still = now === last;
        last = now;
        return still;
      })
      .toBe(true);
  }

  async function expectPublishRefused(): Promise<void> {
    const publish = page.getByRole("button", { name: "Publish…" });
    expect(await publish.isDisabled()).toBe(true);
    expect(await publish.getAttribute("title")).toContain("Fix the problems first");
  }

  beforeAll(async () => {
    const { items, warehouse } = await seedMasterData(app.db);
    const supplier = randomUUID();
    await app.db.run((k) =>
      k.raw(
        `INSERT INTO app.supplier (id, code, name, is_active) VALUES (?, 'S-STEEL', 'Steel Works', true)`,
        [supplier],
      ),
    );
    for (const person of [PEOPLE.consultant, PEOPLE.purchasingManager, PEOPLE.cfo])
      await addUser(app.db, person);
    const draft = (await (await app.fetch(`${app.server.url}/api/designer/draft`)).json()) as {
      version: number;
    };
    const saved = await app.fetch(`${app.server.url}/api/designer/draft`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        version: draft.version,
        changes: Object.entries(PREPARED).map(([file, value]) => ({
          file,
          text: `${JSON.stringify(value, null, 2)}\n`,
        })),
      }),
    });
    expect(saved.status).toBe(200);
    // the buyer's order, entered before the workflow exists (as draft, the status default)
    const buyer = await signIn(app.db, { ...PEOPLE.buyer, roles: [...PEOPLE.buyer.roles] });
    order = JSON.stringify({
      supplier,
      warehouse,
      lines: [{ item: items[0], qty: 8, unit_price: 2500 }],
    });
    buyerFetch = fetchWith(buyer.token);
    ({ page } = await newPerson(chromium.browser));
  });

  it("creates a workflow for Purchase Order, which follows none yet", async () => {
    await signInThroughPage(page, app.server.url, PEOPLE.consultant, "/designer/");
    await page.getByRole("link", { name: "Workflows" }).click();
    await page.getByRole("heading", { name: "Workflows", level: 1 }).waitFor();
    // the base package's workflows are listed, read only
    expect(await page.locator(".workflow-list").textContent()).toContain("Sales Order Approval");
    await page.getByRole("button", { name: "+ New workflow" }).click();
    const form = page.getByRole("form", { name: "New workflow" });
    await form.getByLabel("Entity").selectOption("purchase_order");
    expect(await form.getByLabel("State field").inputValue()).toBe("status");
    expect(await form.getByLabel("Name").inputValue()).toBe("purchase_order_approval");
    await form.getByLabel("English label").fill("Purchase Order Approval");
    await form.getByLabel("Chinese label").fill("采购订单审批");
    await form.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(/\/designer\/workflows\/purchase_order_approval$/);
    await canvasNode("draft").waitFor();
    expect(await canvasNode("draft").textContent()).toContain("Start");
    // the initial node is named after the state it rests at, in both languages
    expect(await canvasNode("draft").textContent()).toContain("Draft");
  });

  it("draws two levels of approval: nodes from the palette, edges by dragging", async () => {
    await page.getByTestId("wf-add-approval").click();
    await selectNode("approval");
    await commit(panel().getByLabel("Id", { exact: true }), "manager_approval");
    await panel().getByRole("heading", { name: "Node manager_approval" }).waitFor();
    await panel().getByLabel("English label").fill("Purchasing Manager Approval");
    await panel().getByLabel("Chinese label").fill("采购经理审批");
    expect(await panel().getByLabel("State value").inputValue()).toBe("submitted");
    await panel().getByLabel("Role", { exact: true }).selectOption("purchasing_manager");

    await page.getByTestId("wf-add-approval").click();
    await selectNode("approval");
    await commit(panel().getByLabel("Id", { exact: true }), "cfo_approval");
    await panel().getByLabel("English label").fill("CFO Approval");
    await panel().getByLabel("Chinese label").fill("财务总监审批");
    await panel().getByLabel("State value").selectOption("pending_cfo");
    await panel().getByLabel("Role", { exact: true }).selectOption("cfo");

    await page.getByTestId("wf-add-state").click();
    await selectNode("approved");
    await panel().getByLabel("English label").fill("Approved");
    await panel().getByLabel("Chinese label").fill("已审批");
    await panel().getByLabel("The process ends here").check();
    await layOut();

    await drawEdge("draft", "manager_approval");
    await panel().getByRole("heading", { name: "Edge draft_submit" }).waitFor();
    await drawEdge("manager_approval", "cfo_approval");
    await drawEdge("manager_approval", "draft");
    await drawEdge("cfo_approval", "approved");
    await drawEdge("cfo_approval", "draft");
    await layOut();
    for (const edge of [
      "draft_submit",
      "manager_approval_approve",
      "manager_approval_reject",
      "cfo_approval_approve",
      "cfo_approval_reject",
    ])
      await page.getByTestId(`wf-edge-${edge}`).waitFor();
    await expect.poll(() => problems().textContent()).toBe("0 problems");
    expect(await page.locator(".wf-badge").count()).toBe(0);
    await page.locator(".react-flow__pane").click({ position: { x: 5, y: 5 } });
    await screenshot(page, "designer-workflow");
  });

  it("an edge to nowhere: the error is on the edge and the node it cut off; publishing is refused", async () => {
    await selectEdge("manager_approval_approve");
    await commit(panel().getByLabel("To node"), "nowhere");
    const edge = page.getByTestId("wf-edge-manager_approval_approve");
    await expect.poll(() => edge.textContent()).toContain('enters node "nowhere"');
    await canvasNode("missing:nowhere").waitFor();
    // the second level cannot be reached any more: said on its node
    await expect
      .poll(() => canvasNode("cfo_approval").getByTestId("wf-node-issue").textContent())
      .toContain("cannot be reached");
    await expect.poll(() => problems().textContent()).toMatch(/^[1-9]\d* problems?$/);
    await screenshot(page, "designer-workflow-edge-error");
    await expectPublishRefused();
    await selectEdge("manager_approval_approve");
    await commit(panel().getByLabel("To node"), "cfo_approval");
    await expect.poll(() => problems().textContent()).toBe("0 problems");
  });

  it("a decision without else: the error is on the decision node; an else route fixes it", async () => {
    // orders up to 10,000 need the manager only: a decision after the first level
    await page.getByTestId("wf-add-decision").click();
    await selectNode("decision");
    await panel().getByLabel("English label").fill("Over 10,000?");
    await panel().getByLabel("Chinese label").fill("是否超过 1 万");
    await selectEdge("manager_approval_approve");
    await commit(panel().getByLabel("To node"), "decision");
    await layOut();
    await drawEdge("decision", "cfo_approval");
    await drawEdge("decision", "approved");

    await selectNode("decision");
    const routes = panel().locator(".wf-effect");
    const toCfo = routes.filter({ hasText: "CFO Approval" });
    await toCfo.getByLabel("Else: taken when no guard holds").uncheck();
    const guard = toCfo.getByRole("group", { name: "Guard (json-logic)" });
    await guard.getByRole("button", { name: "Add condition" }).click();
    await guard.getByLabel("Field").selectOption("total");
    await guard.getByLabel("Operator").selectOption(">");
    await guard.getByLabel("Value").fill("10000");
    expect(await guard.locator(".expression-json code").textContent()).toBe(
      '{">": [{"var": "total"}, 10000]}',
    );
    const issue = canvasNode("decision").getByTestId("wf-node-issue");
    await expect.poll(() => issue.textContent()).toContain('needs one route with "else": true');
    // the guard's value was just typed: its last keystroke's check may still be on its way
    await expect.poll(() => canvasNode("decision").locator(".wf-badge").textContent()).toBe("1");
    await page.getByTestId("wf-edge-decision_to_approved").waitFor();
    expect(await page.getByTestId("wf-edge-decision_to_approved").textContent()).toContain(
      'needs a "when" guard',
    );
    await screenshot(page, "designer-workflow-decision-error");
    await expectPublishRefused();

    await selectNode("decision");
    await routes
      .filter({ hasText: "Approved" })
      .getByLabel("Else: taken when no guard holds")
      .check();
    await expect.poll(() => problems().textContent()).toBe("0 problems");
    expect(await page.locator(".wf-badge").count()).toBe(0);
    await layOut();
    await page.locator(".react-flow__pane").click({ position: { x: 5, y: 5 } });
    await screenshot(page, "designer-workflow-fixed");
  });

  it("publishes the workflow", async () => {
    await expect.poll(() => page.getByTestId("save-status").textContent()).toBe("Saved");
    await page.getByRole("button", { name: "Publish…" }).click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.getByTestId("changed-files").textContent()).toContain(
      "workflows/purchase_order_approval.json",
    );
    await dialog.getByRole("button", { name: "Publish", exact: true }).click();
    await dialog.getByText(/^Published as revision \d+\.$/).waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();
  });

  it("shows a base package's workflow read only, in Chinese", async () => {
    await page.locator("select.language").selectOption("zh-CN");
    await page.locator(".workflow-list a[href$='/workflows/sales_order_approval']").click();
    await page.getByRole("heading", { name: "销售订单审批", level: 1 }).waitFor();
    await canvasNode("countersign").waitFor();
    expect(await canvasNode("countersign").textContent()).toContain("财务与法务会签");
    expect(await canvasNode("countersign").textContent()).toContain("全部同意");
    // nothing to add, lay out or connect: the draft cannot change another package's workflow
    expect(await page.getByTestId("wf-add-approval").count()).toBe(0);
    expect(await page.locator(".react-flow__handle.connectable").count()).toBe(0);
    await screenshot(page, "designer-workflow-base-zh");
    await page.locator("select.language").selectOption("en");
  });

  it("runs in /app: the buyer submits, the manager and the CFO approve", async () => {
    const created = await buyerFetch(`${app.server.url}/api/data/purchase_order`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: order,
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const record = `${app.server.url}/app/record/purchase_order/${id}`;

    const buyer = await newPerson(chromium.browser);
    await signInThroughPage(buyer.page, app.server.url, PEOPLE.buyer);
    await buyer.page.goto(record);
    await buyer.page.click("button[data-action=submit]");
    await expect
      .poll(() => buyer.page.textContent("[data-testid=workflow-state]"))
      .toBe("Purchasing Manager Approval");
    await buyer.context.close();

    for (const [person, next] of [
      [PEOPLE.purchasingManager, "CFO Approval"],
      [PEOPLE.cfo, "Approved"],
    ] as const) {
      const approver = await newPerson(chromium.browser);
      await signInThroughPage(approver.page, app.server.url, person);
      expect(await approver.page.textContent("[data-testid=task-count]")).toBe("1");
      await approver.page.getByRole("link", { name: /My tasks/ }).click();
      await approver.page.locator("table.inbox tbody tr").first().getByRole("link").click();
      await approver.page.waitForURL(record);
      await approver.page.click("button[data-action=approve]");
      await expect.poll(() => approver.page.textContent("[data-testid=workflow-state]")).toBe(next);
      if (next === "Approved") await screenshot(approver.page, "designer-workflow-run");
      await approver.context.close();
    }
  });
});
