import type { BrowserContext, Locator, Page } from "playwright-core";
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

const FIELD = "delivery_contact";
const SHIPPING_ORDER = ["delivery_date", "shipping_address", FIELD, "remark"];

/**
 * The form designer in the browser: the consultant adds a field with a Chinese label to the base
 * package's Sales Order, places it in the Delivery tab's shipping section (from the keyboard, then
 * by drag and drop), gives it a placeholder, sees it in the live preview in both languages,
 * publishes, and fills it in on a new order in /app, where it sits in its section, not under
 * "Other Fields".
 */
describe("the form designer at /designer/forms", () => {
  const app = useAppServer();
  const chromium = useBrowser();
  let consultant: { context: BrowserContext; page: Page };

  const page = () => consultant.page;
  /** the fields of a section of the layout, in order */
  const sectionFields = (section: string) =>
    page()
      .locator(`[data-section=${section}] [data-drag-item]`)
      .evaluateAll((items) => items.map((item) => item.getAttribute("data-drag-item")));
  const palette = () => page().locator("section.unplaced");
  const preview = () => page().locator("section.form-preview");
  const saved = () =>
    page()
      .getByTestId("save-status")
      .filter({ hasText: /^Saved$/ })
      .waitFor();

  /** the whole page from its top, where the sticky palette and preview sit in place */
  const shot = async (name: string) => {
    await page().evaluate(() => window.scrollTo(0, 0));
    await screenshot(page(), name);
  };

  beforeAll(async () => {
    await seedMasterData(app.db);
    await addUser(app.db, PEOPLE.consultant);
    consultant = await newPerson(chromium.browser);
  });

  it("adds Delivery Contact to Sales Order in the entity designer", async () => {
    await signInThroughPage(
      page(),
      app.server.url,
      PEOPLE.consultant,
      "/designer/entities/sales_order",
    );
    const form = page().locator("form.add-field");
    await form.getByLabel("Field name").fill(FIELD);
    await form.getByLabel("Type").selectOption("text");
    await form.getByLabel("English label").fill("Delivery Contact");
    await form.getByLabel("Chinese label").fill("收货联系人");
    await form.getByRole("button", { name: "Add field" }).click();
    await page().locator(`tr[data-field=${FIELD}]`).waitFor();
  });

  it("shows the base form, the new field unplaced, and where an edit of it will go", async () => {
    await page().getByRole("link", { name: "Forms", exact: true }).click();
    await page().locator(".entity-list a[href$='/forms/sales_order']").click();
    await page()
      .getByRole("heading", { level: 1, name: /^Sales Order/ })
      .waitFor();
    const source = page().locator("#form-source");
    expect(await source.getAttribute("data-source")).toBe("base");
    expect(await source.textContent()).toContain("forms/sales_order.json of acme-custom");
    // the customization's fields are not in the base form: the app shows them under Other Fields
    expect(
      await palette()
        .locator("[data-drag-item]")
        .evaluateAll((items) => items.map((item) => item.getAttribute("data-drag-item"))),
    ).toEqual(["sales_channel", "project_code", FIELD]);
    expect(await sectionFields("shipping")).toEqual([
      "delivery_date",
      "shipping_address",
      "remark",
    ]);
    // child entities have no form of their own
    expect(await page().locator(".entity-list a[href$='/forms/sales_order_line']").count()).toBe(0);
  });

  it("places it after the shipping address from the keyboard, copying the base form into the draft", async () => {
    const place = palette().getByLabel(`Place ${FIELD} in`);
    await place.focus();
    await place.selectOption({ label: "Delivery › shipping" });
    await expect
      .poll(() => sectionFields("shipping"))
      .toEqual([...SHIPPING_ORDER.slice(0, 2), "remark", FIELD]);
    // the focus follows the field into its section, onto its section menu
    expect(await page().evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      `Section of ${FIELD}`,
    );
    await page()
      .getByRole("button", { name: `Move ${FIELD} up` })
      .focus();
    await page().keyboard.press("Enter");
    await expect.poll(() => sectionFields("shipping")).toEqual(SHIPPING_ORDER);
    expect(await page().evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      `Move ${FIELD} up`,
    );
    const source = page().locator("#form-source");
    expect(await source.getAttribute("data-source")).toBe("draft");
    expect(await source.textContent()).toContain("acme-custom replaces the form of manufacturing");
    await page()
      .getByTestId("draft-problems")
      .filter({ hasText: /^0 problems$/ })
      .waitFor();
    await saved();
  });

  it("places it by drag and drop as well", async () => {
    await page()
      .getByRole("button", { name: `Take ${FIELD} out of the form` })
      .click();
    await palette().locator(`[data-drag-item=${FIELD}]`).waitFor();
    expect(await sectionFields("shipping")).toEqual([
      "delivery_date",
      "shipping_address",
      "remark",
    ]);
    // the palette stays in sight while the layout scrolls to the section; dropped on the upper
    // half of remark, the field goes before it
    const remark = page().locator("[data-section=shipping] [data-drag-item=remark]");
    await remark.scrollIntoViewIfNeeded();
    await palette()
      .locator(`[data-drag-item=${FIELD}]`)
      .dragTo(remark, {
        targetPosition: { x: 40, y: 4 },
      });
    await expect.poll(() => sectionFields("shipping")).toEqual(SHIPPING_ORDER);
    expect(await palette().locator(`[data-drag-item=${FIELD}]`).count()).toBe(0);
    await saved();
  });

  it("gives it a placeholder in both languages, and shows it in the live preview in each", async () => {
    await page()
      .getByRole("button", { name: `Widget and placeholder of ${FIELD}` })
      .click();
    await page().getByLabel(`Widget of ${FIELD}`).selectOption("text");
    await page().getByLabel(`English placeholder of ${FIELD}`).fill("Name and phone");
    await page().getByLabel(`Chinese placeholder of ${FIELD}`).fill("姓名和电话");
    await preview().getByRole("tab", { name: "Delivery" }).click();
    const panel = preview().getByRole("tabpanel", { name: "Delivery" });
    const shipping = panel.locator("fieldset", { has: page().getByLabel("Shipping Address") });
    await shipping.getByLabel("Delivery Contact").waitFor();
    expect(await labelsIn(shipping)).toEqual([
      "Delivery Date",
      "Shipping Address",
      "Delivery Contact",
      "Internal Notes",
    ]);
    const other = panel.locator("fieldset", { hasText: "Other Fields" });
    expect(await other.getByLabel("Delivery Contact").count()).toBe(0);
    await expect
      .poll(() => shipping.getByLabel("Delivery Contact").getAttribute("placeholder"))
      .toBe("Name and phone");
    // filled with sample values, editable, never saved
    expect(await panel.getByLabel("Delivery Date").inputValue()).toBe("2025-03-18");
    await panel.getByLabel("Delivery Contact").fill("Ms. Zhou");
    await shot("designer-form-en");
    // one sample line, its links titled without reading anything
    await preview().getByRole("tab", { name: "Lines" }).click();
    expect(await preview().locator("#root_lines_0_item").inputValue()).toBe("Item #1");
    expect(await preview().locator("#root_lines_1_item").count()).toBe(0);
    await shot("designer-form-lines");

    await preview().getByLabel("Preview language").selectOption("zh-CN");
    await preview().getByRole("tab", { name: "交货" }).click();
    const zh = preview().getByRole("tabpanel", { name: "交货" });
    await zh.getByLabel("收货联系人").waitFor();
    expect(await zh.getByLabel("收货联系人").inputValue()).toBe("Ms. Zhou");
    expect(await zh.getByLabel("收货联系人").getAttribute("placeholder")).toBe("姓名和电话");
    // the designer itself still speaks the user's language
    await page().getByRole("link", { name: "Forms", exact: true }).waitFor();
    await shot("designer-form-zh");
    await preview().getByLabel("Preview language").selectOption("en");
    await saved();
  });

  it("publishes the form with the field, which /app shows in the Delivery tab", async () => {
    await page().getByRole("button", { name: "Publish…" }).click();
    const dialog = page().getByRole("dialog");
    await dialog.getByTestId("plan-steps").waitFor();
    const files = await dialog.getByTestId("changed-files").textContent();
    expect(files).toContain("forms/sales_order.json");
    expect(files).toContain("extensions/sales_order.json");
    expect(await dialog.getByTestId("plan-steps").textContent()).toContain(
      `add column sales_order.${FIELD}`,
    );
    await dialog.getByLabel("Note").fill("Delivery contact on the Delivery tab");
    await dialog.getByRole("button", { name: "Publish", exact: true }).click();
    await dialog.getByText(/^Published as revision \d+\.$/).waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();

    await page().goto(`${app.server.url}/app/record/sales_order/new`);
    await page().waitForSelector("#root_customer");
    await fillOrder(
      page(),
      {
        customer: "Acme Machinery",
        salesPerson: PEOPLE.consultant.username,
        poNumber: "PO-FORM-1",
        lines: [{ item: "Ball Valve", qty: 2, unitPrice: 85.5 }],
      },
      ORDER_FORM_EN,
    );
    await page().getByRole("tab", { name: "Delivery" }).click();
    const panel = page().getByRole("tabpanel", { name: "Delivery" });
    const shipping = panel.locator("fieldset", { has: page().getByLabel("Shipping Address") });
    expect(await labelsIn(shipping)).toEqual([
      "Delivery Date",
      "Shipping Address",
      "Delivery Contact",
      "Internal Notes",
    ]);
    expect(
      await panel
        .locator("fieldset", { hasText: "Other Fields" })
        .getByLabel("Delivery Contact")
        .count(),
    ).toBe(0);
    const contact = shipping.getByLabel("Delivery Contact");
    expect(await contact.getAttribute("placeholder")).toBe("Name and phone");
    await contact.fill("Ms. Zhou, +86 21 5555 0101");
    await page().getByRole("button", { name: "Save", exact: true }).click();
    await page().waitForURL(/\/app\/record\/sales_order\/[0-9a-f-]{36}$/);
    const stored = await app.db.run((k) =>
      k.raw(`SELECT ${FIELD} AS value FROM app.sales_order WHERE customer_po_no = 'PO-FORM-1'`),
    );
    expect(stored.rows).toEqual([{ value: "Ms. Zhou, +86 21 5555 0101" }]);
  });
});

/** The labels of a form section's fields, in order. */
function labelsIn(section: Locator): Promise<string[]> {
  return section
    .locator(".field > label")
    .evaluateAll((labels) =>
      labels.map((label) => (label.textContent ?? "").replace(/\s*\*$/, "").trim()),
    );
}
