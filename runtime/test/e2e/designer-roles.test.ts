import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addUser,
  PEOPLE,
  seedMasterData,
  signInThroughPage,
  useAppServer,
} from "./support/app-server.ts";
import { newPerson, screenshot, useBrowser } from "./support/browser.ts";

const BY_DEPARTMENT = '{"==": [{"var": "department"}, {"var": "$user.department"}]}';

/**
 * The role editor in the browser: a base role is shown read only; the consultant copies the
 * sales rep's role as `regional_sales`, narrows it in the matrix from the keyboard to reading,
 * creating and updating the orders of the user's own department without their margin, and
 * publishes it. A user given the new role sees in /app only their department's order, and no
 * margin, where the consultant sees it.
 */
describe("the role editor at /designer/roles", () => {
  const app = useAppServer();
  const chromium = useBrowser();
  let page: Page;
  /** the two orders the admin entered, by department */
  const orders: Record<"domestic" | "export", { id: string; orderNo: string }> = {
    domestic: { id: "", orderNo: "" },
    export: { id: "", orderNo: "" },
  };

  const cell = (action: string, entity = "Sales Order") =>
    page.getByRole("checkbox", { name: `${action} — ${entity}`, exact: true });
  /** the action checkboxes of the sales orders' row, read to write */
  const checked = () =>
    page
      .locator(`tr.grant-row[data-entity="sales_order"] td.flag input`)
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).checked));
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute("data-cell"));
  const problems = () => page.getByTestId("draft-problems");

  beforeAll(async () => {
    const seeded = await seedMasterData(app.db);
    await addUser(app.db, PEOPLE.consultant);
    await addUser(app.db, PEOPLE.regionalSales);
    for (const department of ["domestic", "export"] as const) {
      const created = await app.fetch(`${app.server.url}/api/data/sales_order`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          customer: seeded.customer,
          sales_person: PEOPLE.rep.username,
          department,
          delivery_date: "2030-12-31",
          customer_po_no: `PO-${department.toUpperCase()}`,
          margin: 1234.5,
          lines: [{ item: seeded.items[0], qty: 2, unit_price: 1250 }],
        }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
      const order = (await created.json()) as { id: string; order_no: string; margin: number };
      expect(order.margin).toBe(1234.5);
      orders[department] = { id: order.id, orderNo: order.order_no };
    }
    ({ page } = await newPerson(chromium.browser));
  });

  it("shows a base package's role read only, with a copy as the way to change it", async () => {
    await signInThroughPage(page, app.server.url, PEOPLE.consultant, "/designer/");
    await page.getByRole("link", { name: "Roles", exact: true }).click();
    await page.getByRole("heading", { name: "Roles", level: 1 }).waitFor();
    await page.locator(".role-list a[href$='/roles/sales_rep']").click();
    await page.getByRole("heading", { name: /^Sales Representative/ }).waitFor();
    expect(await page.textContent("#role-read-only")).toContain("a customization cannot change it");
    expect(await page.getByRole("button", { name: "Remove role" }).count()).toBe(0);
    expect(await page.getByLabel("English label").getAttribute("readonly")).not.toBeNull();
    // its matrix is there to read: a click changes nothing, and the draft stays unchanged
    const del = cell("Delete");
    expect(await del.isChecked()).toBe(true);
    expect(await del.getAttribute("aria-disabled")).toBe("true");
    await del.focus();
    await page.keyboard.press("Space");
    expect(await del.isChecked()).toBe(true);
    expect(await page.getByTestId("draft-changes").textContent()).toBe("0 changes");
    await page.getByRole("button", { name: "Details of Sales Order" }).click();
    const details = page.locator("tr.grant-details");
    expect(await details.getByRole("group", { name: "Hidden fields" }).textContent()).toContain(
      "Estimated Margin",
    );
    expect(await details.getByRole("button", { name: /^Remove margin/ }).count()).toBe(0);
    expect(await details.getByRole("button", { name: "Remove this grant" }).count()).toBe(0);
    await screenshot(page, "designer-roles-base");
  });

  it("copies sales_rep as regional_sales and narrows it in the matrix from the keyboard", async () => {
    await page.getByRole("button", { name: "Copy as new role…" }).click();
    const form = page.getByRole("form", { name: "Copy Sales Representative as a new role" });
    await form.getByLabel("Name").fill("regional_sales");
    await form.getByLabel("English label").fill("Regional Sales");
    await form.getByLabel("Chinese label").fill("区域销售");
    await form.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(/\/designer\/roles\/regional_sales$/);
    await page.getByRole("heading", { name: /^Regional Sales/ }).waitFor();
    expect(await page.locator(".role-list .entity-group").first().textContent()).toContain(
      "Regional Sales",
    );
    expect(await page.locator("#role-read-only").count()).toBe(0);
    expect(await checked()).toEqual([true, true, true, true, true, false, true]);

    // Read, then across to Delete, Export and Report, each cleared with Space
    await cell("Read").focus();
    for (const [moves, action] of [
      [3, "Delete"],
      [1, "Export"],
      [2, "Report"],
    ] as const) {
      for (let i = 0; i < moves; i++) await page.keyboard.press("ArrowRight");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
        `${action} — Sales Order`,
      );
      await page.keyboard.press("Space");
      await expect.poll(() => cell(action).isChecked()).toBe(false);
    }
    expect(await checked()).toEqual([true, true, true, false, false, false, false]);
    // the grid is one Tab stop: leaving it and coming back lands on the cell last used
    await page.keyboard.press("ArrowDown");
    const last = await focused();
    expect(last).toMatch(/^\d+:6$/);
    await page.keyboard.press("Shift+Tab");
    expect(await focused()).toBeNull();
    await page.keyboard.press("Tab");
    expect(await focused()).toBe(last);

    await page.getByRole("button", { name: "Details of Sales Order" }).click();
    // the row scope, from "own orders" to "orders of the user's department", in the builder
    const scope = page.getByRole("group", { name: "Row scope (json-logic)" });
    await scope.getByLabel("Field").selectOption("department");
    await scope.getByLabel("Compare with").selectOption("$user");
    await scope.getByLabel("Attribute").fill("department");
    await scope.getByText(BY_DEPARTMENT).waitFor();

    // margin came with the copy; taken away and hidden again from the list of the order's fields
    const hidden = page.getByRole("group", { name: "Hidden fields" });
    await hidden.getByRole("button", { name: "Remove margin from Hidden fields" }).click();
    await hidden.getByText("None").waitFor();
    await hidden.getByLabel("Add to Hidden fields").selectOption("margin");
    await hidden.getByRole("button", { name: "Remove margin from Hidden fields" }).waitFor();
    expect(await hidden.textContent()).toContain("Estimated Margin");

    // checked by the engine as it changes: hidden and read-only at once is a problem on the row
    const readOnly = page.getByRole("group", { name: "Read-only fields" });
    await readOnly.getByLabel("Add to Read-only fields").selectOption("margin");
    const rowProblem = page.locator("tr.grant-problems");
    await rowProblem.filter({ hasText: "also hidden" }).waitFor();
    expect(await rowProblem.textContent()).toContain("/grants/0/readOnlyFields/0");
    const row = page.locator('tr.grant-row[data-entity="sales_order"]');
    expect(await row.getAttribute("class")).toContain("has-problems");
    expect(await readOnly.getByLabel("Add to Read-only fields").getAttribute("aria-invalid")).toBe(
      "true",
    );
    await screenshot(page, "designer-roles-problem");
    await readOnly.getByRole("button", { name: "Remove margin from Read-only fields" }).click();
    await rowProblem.waitFor({ state: "detached" });

    await problems()
      .filter({ hasText: /^0 problems$/ })
      .waitFor();
    await page
      .getByTestId("save-status")
      .filter({ hasText: /^Saved$/ })
      .waitFor();
    await screenshot(page, "designer-roles");

    const draft = (await (await app.fetch(`${app.server.url}/api/designer/draft`)).json()) as {
      files: Record<string, string>;
    };
    const stored = JSON.parse(draft.files["roles/regional_sales.json"]!) as {
      labels: unknown;
      grants: unknown[];
    };
    expect(stored.labels).toEqual({ en: "Regional Sales", "zh-CN": "区域销售" });
    expect(stored.grants[0]).toEqual({
      entity: "sales_order",
      actions: ["read", "create", "update"],
      where: JSON.parse(BY_DEPARTMENT),
      hiddenFields: ["margin"],
      workflowActions: ["submit", "withdraw", "cancel"],
    });
  });

  it("publishes the new role", async () => {
    await page.getByRole("button", { name: "Publish…" }).click();
    const dialog = page.getByRole("dialog");
    // a role is no table: nothing changes in the database
    await dialog.getByText("No database changes.").waitFor();
    expect(await dialog.getByTestId("changed-files").textContent()).toContain(
      "roles/regional_sales.json",
    );
    await dialog.getByLabel("Note").fill("Regional sales by department");
    await dialog.getByRole("button", { name: "Publish", exact: true }).click();
    await dialog.getByText(/^Published as revision \d+\.$/).waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();
    const stored = await app.db.run((k) => k.raw(`SELECT count(*)::int AS n FROM app.sales_order`));
    expect(stored.rows).toEqual([{ n: 2 }]);
  });

  it("lets a user given the role see only their department's order in /app, without its margin", async () => {
    const { page: user, context } = await newPerson(chromium.browser);
    await signInThroughPage(user, app.server.url, PEOPLE.regionalSales);
    await user.goto(`${app.server.url}/app/list/open_sales_orders`);
    const rows = user.locator("table.list tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(orders.export.orderNo);

    const listed = await user.request.get(`${app.server.url}/api/data/sales_order`);
    const body = (await listed.json()) as { data: Record<string, unknown>[] };
    expect(body.data.map((order) => order.id)).toEqual([orders.export.id]);
    expect(body.data[0]).not.toHaveProperty("margin");
    const other = await user.request.get(
      `${app.server.url}/api/data/sales_order/${orders.domestic.id}`,
    );
    expect(other.status()).toBe(404);

    await user.goto(`${app.server.url}/app/record/sales_order/${orders.export.id}`);
    await user.getByRole("tab", { name: "Lines" }).click();
    await user.getByText("Order Total", { exact: true }).first().waitFor();
    expect(await user.getByText("Estimated Margin", { exact: true }).count()).toBe(0);
    await context.close();

    // the consultant's own role shows it: the margin is there to be hidden
    await page.goto(`${app.server.url}/app/record/sales_order/${orders.export.id}`);
    await page.getByRole("tab", { name: "Lines" }).click();
    await page.getByText("Estimated Margin", { exact: true }).first().waitFor();
  });

  it("speaks Chinese once switched to zh-CN", async () => {
    await page.goto(`${app.server.url}/designer/roles/regional_sales`);
    await page.getByRole("heading", { name: /^Regional Sales/ }).waitFor();
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
    await page.getByRole("heading", { name: /^区域销售/ }).waitFor();
    expect(await page.locator("table.role-matrix thead").textContent()).toContain("查看");
    await page.getByRole("checkbox", { name: "查看 — 销售订单", exact: true }).waitFor();
    await page.getByRole("button", { name: "销售订单 的详细设置" }).click();
    await page.getByRole("group", { name: "隐藏字段" }).getByText("预估毛利").waitFor();
    await screenshot(page, "designer-roles-zh");
  });
});
