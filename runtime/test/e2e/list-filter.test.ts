import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addUser,
  PEOPLE,
  seedMasterData,
  signInThroughPage,
  useAppServer,
} from "./support/app-server.ts";
import { newPerson, useBrowser } from "./support/browser.ts";

/** The list's filter builder: conditions AND-ed with the view's filter, removed to show all again. */
describe("filtering a list in the browser", () => {
  const app = useAppServer();
  const chromium = useBrowser();

  beforeAll(async () => {
    const seeded = await seedMasterData(app.db);
    await addUser(app.db, PEOPLE.rep);
    await app.db.transaction(async (tx) => {
      for (const [no, status, total, person] of [
        ["SO-F-1", "draft", 100, PEOPLE.rep.username],
        ["SO-F-2", "submitted", 250, PEOPLE.rep.username],
        ["SO-F-3", "draft", 900, PEOPLE.rep.username],
        // outside the view's own filter: no condition may bring it in
        ["SO-F-4", "draft", 900, "someone.else"],
      ] as const)
        await tx.raw(
          `INSERT INTO app.sales_order (id, order_no, customer, order_date, delivery_date, status, currency, exchange_rate, total, sales_person)
           VALUES (?, ?, ?, '2026-01-05', '2026-02-01', ?, 'CNY', 1, ?, ?)`,
          [randomUUID(), no, seeded.customer, status, total, person],
        );
    });
  });

  const orderNumbers = (page: Page) =>
    page.locator("table.list tbody tr td:first-child").allInnerTexts();
  const waitForRows = (page: Page, count: number) =>
    page.waitForFunction(
      (n) => document.querySelectorAll("table.list tbody tr").length === n,
      count,
    );

  it("shows only the rows matching every condition, and all of them again once removed", async () => {
    const { page, context } = await newPerson(chromium.browser);
    await signInThroughPage(page, app.server.url, PEOPLE.rep);
    await page.goto(`${app.server.url}/app/list/my_sales_orders`);
    await waitForRows(page, 3);

    await page.getByRole("button", { name: "Add condition" }).click();
    const total = page.locator(".filter-row").nth(0);
    await total.getByLabel("Field").selectOption({ label: "Order Total" });
    await total.getByLabel("Operator").selectOption({ label: ">" });
    await total.getByLabel("Value").fill("200");
    await page.getByRole("button", { name: "Apply" }).click();
    await waitForRows(page, 2);
    expect((await orderNumbers(page)).sort()).toEqual(["SO-F-2", "SO-F-3"]);

    await page.getByRole("button", { name: "Add condition" }).click();
    const status = page.locator(".filter-row").nth(1);
    await status.getByLabel("Field").selectOption({ label: "Status" });
    await status.getByLabel("Operator").selectOption({ label: "is" });
    await status.getByLabel("Value").selectOption({ label: "Draft" });
    await page.getByRole("button", { name: "Apply" }).click();
    await waitForRows(page, 1);
    expect(await orderNumbers(page)).toEqual(["SO-F-3"]);

    await status.getByRole("button", { name: "Remove condition" }).click();
    await waitForRows(page, 2);
    await page.getByRole("button", { name: "Remove condition" }).click();
    await waitForRows(page, 3);
    expect((await orderNumbers(page)).sort()).toEqual(["SO-F-1", "SO-F-2", "SO-F-3"]);
    await context.close();
  });
});
