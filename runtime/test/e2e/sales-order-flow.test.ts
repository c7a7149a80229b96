import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addUser,
  PEOPLE,
  seedMasterData,
  signInThroughPage,
  useAppServer,
} from "./support/app-server.ts";
import { newPerson, screenshot, useBrowser } from "./support/browser.ts";
import { fillOrder, ORDER_FORM_EN } from "./support/order-form.ts";

const EN = ORDER_FORM_EN;

/**
 * The sample's order-to-approval flow in the browser: a sales rep enters an order of three lines
 * (the total computed as they type), saves and submits it; a sales manager, in a browser of
 * their own, finds it in their tasks and approves; the rep sees the approval and its history.
 * Before submitting, the rep corrects the PO number and finds that edit in the record's history.
 */
describe("a sales order from entry to approval, in the browser", () => {
  const app = useAppServer();
  const chromium = useBrowser();
  let rep: { context: BrowserContext; page: Page };
  let orderUrl = "";

  beforeAll(async () => {
    await seedMasterData(app.db);
    for (const person of Object.values(PEOPLE)) await addUser(app.db, person);
    rep = await newPerson(chromium.browser);
  });

  it("lets a sales rep enter an order of three lines, the total computed before saving", async () => {
    const { page } = rep;
    await signInThroughPage(page, app.server.url, PEOPLE.rep);
    await page.getByRole("link", { name: "My Sales Orders" }).click();
    await page.getByRole("heading", { name: "My Sales Orders" }).waitFor();
    await page.getByRole("link", { name: "New", exact: true }).click();
    await page.waitForSelector("#root_customer");
    await fillOrder(
      page,
      {
        customer: "Acme Machinery",
        salesPerson: PEOPLE.rep.username,
        poNumber: "PO-4711",
        lines: [
          { item: "Centrifugal Pump", qty: 2, unitPrice: 1250 },
          { item: "Ball Valve", qty: 10, unitPrice: 85.5 },
          { item: "Electric Motor", qty: 3, unitPrice: 640 },
        ],
      },
      EN,
    );
    // computed in the browser by the engine, nothing saved yet
    expect(await page.textContent("#root_lines_1_amount")).toBe("855.00");
    expect(await page.textContent("#root_total")).toBe("5,275.00");
    expect(page.url()).toMatch(/\/app\/record\/sales_order\/new$/);
    await screenshot(page, "order-form-new");

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.waitForURL(/\/app\/record\/sales_order\/[0-9a-f-]{36}$/);
    await page.getByTestId("workflow-state").waitFor();
    expect(await page.textContent("#root_total")).toBe("5,275.00");
    expect(await page.inputValue("#root_order_no")).toMatch(/^SO-\d{4}-\d{5}$/);
    orderUrl = page.url();
  });

  it("keeps the rep's edit in the record's history: who, and the field from → to", async () => {
    const { page } = rep;
    const changes = page.locator(".record-history .audit > li");
    await expect.poll(() => changes.count()).toBe(1);
    expect(await changes.first().textContent()).toContain("Created");
    await page.fill("#root_customer_po_no", "PO-4711-B");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    // the newest first, read again after the save
    await expect.poll(() => changes.count()).toBe(2);
    const edit = changes.first();
    expect(await edit.locator(".what").textContent()).toBe("Changed");
    expect(await edit.locator(".who").textContent()).toContain(PEOPLE.rep.username);
    expect(await edit.locator(".audit-fields li").allTextContents()).toEqual([
      "Customer PO No.: PO-4711 → PO-4711-B",
    ]);
    await screenshot(page, "order-history");
  });

  it("submits the order: the manager's step is next, and the rep's list shows it", async () => {
    const { page } = rep;
    await page.click("button[data-action=submit]");
    await expect
      .poll(() => page.textContent("[data-testid=workflow-state]"))
      .toBe("Manager Approval");
    // the form follows the workflow: nothing is editable while the manager decides
    expect(await page.locator("button[type=submit]").count()).toBe(0);
    await page.getByRole("tab", { name: "Order" }).click();
    await screenshot(page, "order-form-submitted");

    await page.getByRole("link", { name: "My Sales Orders" }).click();
    const row = page.locator("table.list tbody tr").first();
    await row.waitFor();
    expect(await row.textContent()).toContain("Acme Machinery");
    expect(await row.textContent()).toContain("5,275.00");
    expect(await row.textContent()).toContain("Pending Manager Approval");
    await screenshot(page, "order-list");

    // quick search on the view's fields (the customer's PO number), and sorting by a header
    await page.getByRole("searchbox").fill("4711");
    await expect.poll(() => page.locator("table.list tbody tr").count()).toBe(1);
    await page.getByRole("searchbox").fill("no such order");
    await page.getByText("No records match.").waitFor();
    await page.getByRole("searchbox").fill("");
    await page.getByRole("button", { name: "Order Total" }).click();
    await expect
      .poll(() => page.locator("th", { hasText: "Order Total" }).getAttribute("aria-sort"))
      .toBe("ascending");
    await page.locator("table.list tbody tr").first().waitFor();
  });

  it("has the sales manager find it in their tasks and approve it", async () => {
    const manager = await newPerson(chromium.browser);
    const { page } = manager;
    await signInThroughPage(page, app.server.url, PEOPLE.manager);
    expect(await page.textContent("[data-testid=task-count]")).toBe("1");
    await page.getByRole("link", { name: /My tasks/ }).click();
    const task = page.locator("table.inbox tbody tr").first();
    await task.waitFor();
    expect(await task.textContent()).toContain("Sales Order");
    expect(await task.textContent()).toContain("Manager Approval");
    expect(await task.textContent()).toContain(PEOPLE.rep.username);
    await screenshot(page, "inbox");

    await task.getByRole("link").click();
    await page.waitForURL(orderUrl);
    await page.fill("#workflow-comment", "Prices checked, go ahead.");
    await page.click("button[data-action=approve]");
    await expect.poll(() => page.textContent("[data-testid=workflow-state]")).toBe("Approved");
    await expect.poll(() => page.locator("[data-testid=task-count]").count()).toBe(0);
    await manager.context.close();
  });

  it("shows the rep the approval and its history after a reload", async () => {
    const { page } = rep;
    await page.goto(orderUrl);
    await expect.poll(() => page.textContent("[data-testid=workflow-state]")).toBe("Approved");
    const history = page.locator(".timeline li");
    expect(await history.count()).toBe(2);
    expect(await history.nth(0).textContent()).toContain(PEOPLE.rep.username);
    expect(await history.nth(0).textContent()).toContain("Submit");
    expect(await history.nth(1).textContent()).toContain(PEOPLE.manager.username);
    expect(await history.nth(1).textContent()).toContain("Prices checked, go ahead.");
    await screenshot(page, "order-approved");
    await rep.context.close();
  });
});
