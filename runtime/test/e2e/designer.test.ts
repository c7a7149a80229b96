import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { APP_SITE } from "../../src/server/app-static.ts";
import {
  addUser,
  PEOPLE,
  seedMasterData,
  signInThroughPage,
  useAppServer,
} from "./support/app-server.ts";
import { newPerson, screenshot, useBrowser } from "./support/browser.ts";
import { fillOrder, ORDER_FORM_EN } from "./support/order-form.ts";

const FIELD = "customer_contact";

/**
 * The designer in the browser: a consultant adds a custom field with a Chinese label to the base
 * package's Sales Order (into the customization layer), publishes it, and fills it in /app; drops
 * it again through the data-loss confirmation; rolls back to the revision that had it; and reads
 * the designer in Chinese. A sales rep is told they may not design.
 */
describe("the designer at /designer", () => {
  const app = useAppServer();
  const chromium = useBrowser();
  let consultant: { context: BrowserContext; page: Page };
  /** the revision that published the field */
  let withField = 0;

  const columns = async (): Promise<string[]> =>
    (
      await app.db.run((k) =>
        k.raw(
          `SELECT column_name FROM information_schema.columns
           WHERE table_schema = 'app' AND table_name = 'sales_order'`,
        ),
      )
    ).rows.map((row: { column_name: string }) => row.column_name);
  const publishDialog = () => consultant.page.getByRole("dialog");
  const publishButton = () => publishDialog().getByRole("button", { name: "Publish", exact: true });

  beforeAll(async () => {
    await seedMasterData(app.db);
    await addUser(app.db, PEOPLE.rep);
    await addUser(app.db, PEOPLE.consultant);
    consultant = await newPerson(chromium.browser);
  });

  it("tells a sales rep who opens it that it needs a designer role", async () => {
    const { page, context } = await newPerson(chromium.browser);
    await signInThroughPage(page, app.server.url, PEOPLE.rep, "/designer/");
    await page.getByRole("heading", { name: "You need a designer role" }).waitFor();
    expect(await page.getByRole("button", { name: "Publish…" }).count()).toBe(0);
    await screenshot(page, "designer-no-permission");
    await context.close();
  });

  it("adds a field with a Chinese label to the base Sales Order, into the customization layer", async () => {
    const { page } = consultant;
    await signInThroughPage(page, app.server.url, PEOPLE.consultant, "/designer/");
    expect(page.url()).toMatch(/\/designer\/$/);
    await page.locator(".entity-list a[href$='/entities/sales_order']").click();
    await page.getByRole("heading", { name: /^Sales Order/ }).waitFor();
    expect(await page.textContent("#base-note")).toContain("extensions/sales_order.json");
    // a base field's type belongs to its package: shown, not editable
    expect(await page.getByRole("combobox", { name: "Type — remark" }).count()).toBe(0);

    const form = page.locator("form.add-field");
    await form.getByLabel("Field name").fill(FIELD);
    await form.getByLabel("Type").selectOption("text");
    await form.getByLabel("English label").fill("Customer Contact");
    await form.getByLabel("Chinese label").fill("客户联系人");
    await form.getByRole("button", { name: "Add field" }).click();
    const row = page.locator(`tr[data-field=${FIELD}]`);
    await row.waitFor();
    expect(await row.getByLabel(`Chinese label — ${FIELD}`).inputValue()).toBe("客户联系人");

    // reordered from the keyboard: the focus stays on the button that moved the field
    const order = () =>
      page
        .locator("tr.field-row.own")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-field")));
    expect(await order()).toEqual(["sales_channel", "project_code", FIELD]);
    await row.getByRole("button", { name: `Move ${FIELD} up` }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(order).toEqual(["sales_channel", FIELD, "project_code"]);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      `Move ${FIELD} up`,
    );
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(order).toEqual(["sales_channel", "project_code", FIELD]);

    // checked in the browser as it is typed: an empty English label is a problem at its row
    await row.getByLabel(`English label — ${FIELD}`).fill("");
    await page.locator("tr.field-problems").filter({ hasText: "labels" }).waitFor();
    expect(await page.getByTestId("draft-problems").textContent()).toMatch(/^[1-9]\d* problems?$/);
    await row.getByLabel(`English label — ${FIELD}`).fill("Customer Contact");
    await page
      .getByTestId("draft-problems")
      .filter({ hasText: /^0 problems$/ })
      .waitFor();

    // an expression is checked against the entity's fields as it is typed
    await row.getByRole("button", { name: `Details of ${FIELD}` }).click();
    const visibleIf = page.getByRole("group", { name: "Visible if (json-logic)" });
    await visibleIf.getByRole("button", { name: "JSON" }).click();
    const editor = visibleIf.locator(".monaco-editor .view-lines");
    await editor.click();
    await page.keyboard.type('{"==": [{"var": "no_such_field"}, "export"]}');
    const problem = page.locator("tr.field-problems").filter({ hasText: "visibleIf" });
    await problem.waitFor();
    expect(await problem.textContent()).toContain("no_such_field");
    expect(await visibleIf.locator(".expression-errors").textContent()).toContain("no_such_field");
    await screenshot(page, "designer-field-problem");
    await editor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Backspace");
    await page
      .getByTestId("draft-problems")
      .filter({ hasText: /^0 problems$/ })
      .waitFor();
    // saved by itself about a second after the last edit
    await page
      .getByTestId("save-status")
      .filter({ hasText: /^Saved$/ })
      .waitFor();
    expect(await page.getByTestId("draft-changes").textContent()).toBe("1 change");
    await screenshot(page, "designer-entity");
  });

  it("publishes it: the plan adds the column, and the revision is live", async () => {
    const { page } = consultant;
    await page.getByRole("button", { name: "Publish…" }).click();
    await publishDialog().getByTestId("plan-steps").waitFor();
    expect(await publishDialog().getByTestId("changed-files").textContent()).toContain(
      "extensions/sales_order.json",
    );
    const steps = await publishDialog().getByTestId("plan-steps").textContent();
    expect(steps).toContain(`add column sales_order.${FIELD}`);
    expect(steps).not.toContain("deletes data");
    expect(await publishButton().isEnabled()).toBe(true);
    await publishDialog().getByLabel("Note").fill("Customer contact on orders");
    await publishButton().click();
    const done = publishDialog().getByText(/^Published as revision \d+\.$/);
    await done.waitFor();
    withField = Number(/\d+/.exec((await done.textContent())!)![0]);
    await publishDialog().getByRole("button", { name: "Close" }).click();
    expect(await columns()).toContain(FIELD);
    // the published draft is gone: a fresh one of the package as it is now
    await page
      .getByTestId("draft-changes")
      .filter({ hasText: /^0 changes$/ })
      .waitFor();
  });

  it("shows the field in /app, where the consultant fills it in on a new order", async () => {
    const { page } = consultant;
    await page.goto(`${app.server.url}/app/record/sales_order/new`);
    await page.waitForSelector("#root_customer");
    await fillOrder(
      page,
      {
        customer: "Acme Machinery",
        salesPerson: PEOPLE.consultant.username,
        poNumber: "PO-DESIGN-1",
        lines: [{ item: "Ball Valve", qty: 4, unitPrice: 85.5 }],
      },
      ORDER_FORM_EN,
    );
    // not placed by the form yet: the engine puts it under "Other Fields" of the last tab
    await page.getByRole("tab", { name: "Delivery" }).click();
    const other = page.locator("fieldset", { hasText: "Other Fields" });
    await other.getByLabel("Customer Contact").fill("Ms. Zhou, +86 21 5555 0101");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.waitForURL(/\/app\/record\/sales_order\/[0-9a-f-]{36}$/);
    const stored = await app.db.run((k) =>
      k.raw(`SELECT ${FIELD} AS value FROM app.sales_order WHERE customer_po_no = 'PO-DESIGN-1'`),
    );
    expect(stored.rows).toEqual([{ value: "Ms. Zhou, +86 21 5555 0101" }]);
  });

  it("flags dropping the field as data loss: Publish waits for the confirmation", async () => {
    const { page } = consultant;
    await page.goto(`${app.server.url}/designer/entities/sales_order`);
    await page.getByRole("button", { name: `Remove ${FIELD}` }).click();
    await page.locator(`tr[data-field=${FIELD}]`).waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Publish…" }).click();
    await publishDialog().getByTestId("plan-steps").waitFor();
    expect(await publishDialog().locator("li.data-losing").textContent()).toContain(
      `drop column sales_order.${FIELD}`,
    );
    await publishDialog().getByText("Some of these steps delete data").waitFor();
    expect(await publishButton().isDisabled()).toBe(true);
    await screenshot(page, "designer-publish-data-loss");
    await publishDialog().getByLabel("I understand these steps delete data").check();
    expect(await publishButton().isEnabled()).toBe(true);
    await publishButton().click();
    await publishDialog()
      .getByText(/^Published as revision \d+\.$/)
      .waitFor();
    await publishDialog().getByRole("button", { name: "Close" }).click();
    expect(await columns()).not.toContain(FIELD);
  });

  it("rolls back to the revision with the field, after showing its plan: the field is back in /app", async () => {
    const { page } = consultant;
    await page.getByRole("link", { name: "Revisions" }).click();
    const revision = page.locator(`tr[data-revision="${withField}"]`);
    await revision.waitFor();
    expect(await revision.textContent()).toContain("Customer contact on orders");
    expect(await revision.textContent()).toContain(PEOPLE.consultant.username);
    const dropped = page.locator(`tr[data-revision="${withField + 1}"]`);
    expect(await dropped.locator(".loss-tag").textContent()).toBe("yes");
    await revision.getByRole("link", { name: `Revision ${withField}` }).click();
    await page.getByTestId("changed-files").waitFor();
    expect(await page.getByTestId("changed-files").textContent()).toContain(
      "acme-custom/extensions/sales_order.json",
    );
    // inside the file: the field it published, on an added line
    const added = page.getByTestId("file-diff").locator(".diff-line.added");
    expect(await added.allTextContents()).toContainEqual(expect.stringMatching(`^\\+.*"${FIELD}"`));
    await screenshot(page, "designer-revisions");

    await page.getByRole("button", { name: `Roll back to revision ${withField}…` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByTestId("plan-steps").waitFor();
    expect(await dialog.getByTestId("plan-steps").textContent()).toContain(
      `add column sales_order.${FIELD}`,
    );
    await dialog.getByRole("button", { name: "Roll back", exact: true }).click();
    await dialog.getByText(/^Rolled back: revision \d+ is live\.$/).waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();
    expect(await columns()).toContain(FIELD);
    // its values went with the drop: the column is back, empty
    const stored = await app.db.run((k) =>
      k.raw(`SELECT ${FIELD} AS value FROM app.sales_order WHERE customer_po_no = 'PO-DESIGN-1'`),
    );
    expect(stored.rows).toEqual([{ value: null }]);

    await page.goto(`${app.server.url}/app/record/sales_order/new`);
    await page.getByRole("tab", { name: "Delivery" }).click();
    await page
      .locator("fieldset", { hasText: "Other Fields" })
      .getByLabel("Customer Contact")
      .waitFor();
  });

  it("leaves the business app's bundle without the designer's code", async () => {
    const assets = path.join(APP_SITE.dist, "assets");
    for (const file of await readdir(assets)) {
      const text = await readFile(path.join(assets, file), "utf8");
      expect(text.includes("You need a designer role"), file).toBe(false);
      expect(text.includes("Loom Designer"), file).toBe(false);
    }
  });

  it("speaks Chinese once switched to zh-CN", async () => {
    const { page } = consultant;
    await page.goto(`${app.server.url}/designer/entities/sales_order`);
    await page.getByRole("heading", { name: /^Sales Order/ }).waitFor();
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
    await page.getByRole("heading", { name: /^销售订单/ }).waitFor();
    await page.getByRole("link", { name: "发布记录" }).waitFor();
    await page.getByRole("button", { name: "发布…" }).waitFor();
    expect(await page.locator("table.field-table thead").textContent()).toContain("中文标签");
    expect(await page.getByTestId("draft-problems").textContent()).toBe("0 个问题");
    expect(await page.getByRole("textbox", { name: `中文标签 — ${FIELD}` }).inputValue()).toBe(
      "客户联系人",
    );
    await screenshot(page, "designer-entity-zh");
  });
});
