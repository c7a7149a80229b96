import { beforeAll, describe, expect, it } from "vitest";
import {
  addUser,
  PEOPLE,
  seedMasterData,
  signInThroughPage,
  useAppServer,
} from "./support/app-server.ts";
import { newPerson, screenshot, useBrowser } from "./support/browser.ts";

/** The warehouse clerk's role hides every price: the app shows no price anywhere. */
describe("a warehouse clerk in the browser", () => {
  const app = useAppServer();
  const chromium = useBrowser();
  let request = "";

  beforeAll(async () => {
    const seeded = await seedMasterData(app.db);
    await addUser(app.db, PEOPLE.clerk);
    const created = await app.fetch(`${app.server.url}/api/data/purchase_request`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        requester: PEOPLE.clerk.username,
        warehouse: seeded.warehouse,
        purpose: "Spare pumps for line 2",
        lines: [{ item: seeded.items[0], qty: 4, estimated_price: 1250 }],
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    request = ((await created.json()) as { id: string }).id;
  });

  it("sees no sales orders and no price in the items list or a purchase request", async () => {
    const { page, context } = await newPerson(chromium.browser);
    await signInThroughPage(page, app.server.url, PEOPLE.clerk);
    const nav = (await page.textContent("nav")) ?? "";
    expect(nav).toContain("Stock Items");
    expect(nav).not.toContain("Sales Order");

    await page.getByRole("link", { name: "Stock Items" }).click();
    await page.locator("table.list tbody tr").first().waitFor();
    const headers = await page.locator("table.list thead th").allTextContents();
    expect(headers.join("|")).toContain("Name");
    expect(headers.join("|")).not.toMatch(/Price/);
    expect(await page.textContent("table.list")).not.toContain("1,250");

    await page.goto(`${app.server.url}/app/record/purchase_request/${request}`);
    await page
      .getByRole("tab", { name: "Items" })
      .click()
      .catch(() => undefined);
    await page.locator("#root_lines_0_qty").waitFor({ state: "attached" });
    const text = (await page.textContent("main")) ?? "";
    for (const price of ["Estimated Price", "Amount", "Estimated Total", "1,250", "5,000"])
      expect(text).not.toContain(price);
    expect(await page.locator("#root_lines_0_estimated_price, #root_estimated_total").count()).toBe(
      0,
    );
    await screenshot(page, "clerk-purchase-request");

    await page.goto(`${app.server.url}/app/list/my_sales_orders`);
    await page.getByText("This page does not exist.").waitFor();
    await context.close();
  });
});
