import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addUser,
  PEOPLE,
  type Seeded,
  seedMasterData,
  signInThroughPage,
  useAppServer,
} from "./support/app-server.ts";
import { newPerson, screenshot, useBrowser } from "./support/browser.ts";
import { fillOrder, ORDER_FORM_EN } from "./support/order-form.ts";

const EN = ORDER_FORM_EN;

/**
 * An order's lines edited inline: reordered with the keyboard (the focus stays on the moved
 * line), a line's delivery schedule (lines inside a line) opened under it and filled; the order
 * and the schedule come back from the server after a reload, and a schedule the server's rule
 * refuses is explained at the line it belongs to.
 */
describe("an order's lines reordered and scheduled inline, in the browser", () => {
  const app = useAppServer();
  const chromium = useBrowser();
  let seeded: Seeded;
  let person: { context: BrowserContext; page: Page };
  let orderId = "";

  beforeAll(async () => {
    seeded = await seedMasterData(app.db);
    await addUser(app.db, PEOPLE.rep);
    person = await newPerson(chromium.browser);
  });
  afterAll(async () => {
    await person?.context.close();
  });

  const items = (page: Page) =>
    Promise.all([0, 1, 2].map((i) => page.inputValue(`#root_lines_${i}_item`)));
  const focused = (page: Page) =>
    page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? null);
  const scheduleToggle = (page: Page, line: number) =>
    page.getByRole("button", { name: new RegExp(`^Delivery Schedule of line ${line}: \\d+$`) });
  const save = (page: Page) => page.getByRole("button", { name: "Save", exact: true }).click();
  const stored = async () =>
    (await (await app.fetch(`${app.server.url}/api/data/sales_order/${orderId}`)).json()) as {
      lines: { line_no: number; item: string; schedule: Record<string, unknown>[] }[];
    };

  it("moves the third line to the top with the keyboard, the focus on the moved line", async () => {
    const { page } = person;
    await signInThroughPage(page, app.server.url, PEOPLE.rep);
    await page.goto(`${app.server.url}/app/record/sales_order/new`);
    await page.waitForSelector("#root_customer");
    await fillOrder(
      page,
      {
        customer: "Acme Machinery",
        salesPerson: PEOPLE.rep.username,
        poNumber: "PO-LINES",
        lines: [
          { item: "Centrifugal Pump", qty: 2, unitPrice: 1250 },
          { item: "Ball Valve", qty: 10, unitPrice: 85.5 },
          { item: "Electric Motor", qty: 3, unitPrice: 640 },
        ],
      },
      EN,
    );
    // at the ends a line cannot move further
    expect(await page.getByRole("button", { name: "Move line 1 up" }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Move line 3 down" }).isDisabled()).toBe(true);

    await page.getByRole("button", { name: "Move line 3 up" }).focus();
    await page.keyboard.press("Enter");
    expect(await items(page)).toEqual(["Centrifugal Pump", "Electric Motor", "Ball Valve"]);
    expect(await focused(page)).toBe("Move line 2 up");
    await page.keyboard.press("Enter");
    expect(await items(page)).toEqual(["Electric Motor", "Centrifugal Pump", "Ball Valve"]);
    // at the top its "up" is disabled: the focus moves to its "down"
    expect(await focused(page)).toBe("Move line 1 down");
    // each line's values moved with it, the computed amount included
    expect(await page.inputValue("#root_lines_0_qty")).toBe("3");
    expect(await page.textContent("#root_lines_0_amount")).toBe("1,920.00");
  });

  it("opens a line's delivery schedule under it and adds two planned deliveries", async () => {
    const { page } = person;
    const toggle = scheduleToggle(page, 1);
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await page.locator("#root_lines_0_schedule").isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    const panel = page.locator(`#${await toggle.getAttribute("aria-controls")}`);
    expect(await panel.isVisible()).toBe(true);
    const schedule = page.locator("#root_lines_0_schedule");
    expect(await schedule.locator("legend").textContent()).toBe("Delivery Schedule of line 1");
    expect(await schedule.locator(".line.header").textContent()).toBe(
      "#Planned DateQuantityDeliveredRemark",
    );

    for (const [i, [date, qty]] of [
      ["2030-11-15", "1"],
      ["2030-12-15", "2"],
    ].entries()) {
      await schedule.getByRole("button", { name: EN.addLine }).click();
      await page.fill(`#root_lines_0_schedule_${i}_delivery_date`, date!);
      await page.fill(`#root_lines_0_schedule_${i}_qty`, qty!);
    }
    await expect
      .poll(() => toggle.getAttribute("aria-label"))
      .toBe("Delivery Schedule of line 1: 2");
    expect(await toggle.textContent()).toBe("2");
    // the schedule's own lines are labelled with their line and their place in it
    expect(await page.getByLabel("Quantity 1.2").inputValue()).toBe("2");
    expect(await page.getByRole("button", { name: "Move line 1.2 up" }).isEnabled()).toBe(true);
    await screenshot(page, "order-lines-schedule");
  });

  it("saves the new line order and the schedule, and reads both back after a reload", async () => {
    const { page } = person;
    await save(page);
    await page.waitForURL(/\/app\/record\/sales_order\/[0-9a-f-]{36}$/);
    orderId = page.url().split("/").at(-1)!;
    await page.reload();
    await page.getByTestId("workflow-state").waitFor();
    await page.getByRole("tab", { name: EN.lines }).click();
    expect(await items(page)).toEqual(["Electric Motor", "Centrifugal Pump", "Ball Valve"]);
    await scheduleToggle(page, 1).click();
    expect(await page.inputValue("#root_lines_0_schedule_0_delivery_date")).toBe("2030-11-15");
    expect(await page.inputValue("#root_lines_0_schedule_1_delivery_date")).toBe("2030-12-15");
    expect(await page.inputValue("#root_lines_0_schedule_1_qty")).toBe("2");
    expect(await scheduleToggle(page, 2).getAttribute("aria-label")).toBe(
      "Delivery Schedule of line 2: 0",
    );

    const [pump, valve, motor] = seeded.items;
    const order = await stored();
    expect(order.lines.map((l) => [l.line_no, l.item])).toEqual([
      [1, motor],
      [2, pump],
      [3, valve],
    ]);
    expect(
      order.lines[0]!.schedule.map((s) => [s.line_no, s.delivery_date, Number(s.qty)]),
    ).toEqual([
      [1, "2030-11-15", 1],
      [2, "2030-12-15", 2],
    ]);
    const rows = await app.db.run((k) =>
      k.raw(
        `SELECT l.line_no, i.name FROM app.sales_order_line l JOIN app.item i ON i.id = l.item
         WHERE l.parent_id = ? ORDER BY l.line_no`,
        [orderId],
      ),
    );
    expect(rows.rows).toEqual([
      { line_no: 1, name: "Electric Motor" },
      { line_no: 2, name: "Centrifugal Pump" },
      { line_no: 3, name: "Ball Valve" },
    ]);
  });

  it("shows the server's refusal of a schedule beyond the line's quantity at that line", async () => {
    const { page } = person;
    await page.fill("#root_lines_0_schedule_1_qty", "5");
    await save(page);
    const lineErrors = page.locator("#root_lines_0__error li");
    await expect
      .poll(() => lineErrors.allTextContents())
      .toEqual(["The scheduled quantities add up to more than the line quantity."]);
    expect(await page.getByRole("alert").textContent()).toContain("Some values need attention");
    await screenshot(page, "order-lines-schedule-refused");
    expect(Number((await stored()).lines[0]!.schedule[1]!.qty)).toBe(2);

    // a rule of a schedule line lands at that schedule line
    await page.fill("#root_lines_0_schedule_1_qty", "0");
    await save(page);
    await expect
      .poll(() => page.locator("#root_lines_0_schedule_1__error li").allTextContents())
      .toEqual(["Quantity must be greater than zero."]);
    expect(await lineErrors.count()).toBe(0);

    await page.fill("#root_lines_0_schedule_1_qty", "2");
    await save(page);
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    expect(await page.locator(".field-errors li").count()).toBe(0);
  });
});
