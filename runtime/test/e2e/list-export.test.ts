import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addUser,
  PEOPLE,
  seedMasterData,
  signInThroughPage,
  useAppServer,
} from "./support/app-server.ts";
import { newPerson, useBrowser } from "./support/browser.ts";

/** The list's "Export CSV": offered where the role may export, downloading what the list shows. */
describe("exporting a list in the browser", () => {
  const app = useAppServer();
  const chromium = useBrowser();

  beforeAll(async () => {
    const seeded = await seedMasterData(app.db);
    await addUser(app.db, PEOPLE.rep);
    await addUser(app.db, PEOPLE.clerk);
    await app.db.transaction(async (tx) => {
      for (const [no, person] of [
        ["SO-E-1", PEOPLE.rep.username],
        ["SO-E-2", PEOPLE.rep.username],
        ["SO-E-3", "someone.else"],
      ] as const)
        await tx.raw(
          `INSERT INTO app.sales_order (id, order_no, customer, order_date, delivery_date, status, currency, exchange_rate, total, sales_person)
           VALUES (?, ?, ?, '2026-01-05', '2026-02-01', 'draft', 'CNY', 1, 100, ?)`,
          [randomUUID(), no, seeded.customer, person],
        );
    });
  });

  it("downloads the searched rows of the view, headed by the labels of the app's language", async () => {
    const { page, context } = await newPerson(chromium.browser);
    await signInThroughPage(page, app.server.url, PEOPLE.rep);
    await page.goto(`${app.server.url}/app/list/my_sales_orders`);
    await page.locator("table.list tbody tr").first().waitFor();
    await page.getByRole("searchbox").fill("SO-E-2");
    await page.waitForFunction(() => document.querySelectorAll("table.list tbody tr").length === 1);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("sales_order.csv");
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = bytes.subarray(3).toString("utf8").trimEnd().split("\n");
    expect(header).toBe("Order No.,Customer,Order Date,Status,Order Total,Currency");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^SO-E-2,[0-9a-f-]{36},2026-01-05,Draft,100,Chinese Yuan \(CNY\)$/);
    await context.close();
  });

  it("offers no export to a role that may not export", async () => {
    const { page, context } = await newPerson(chromium.browser);
    await signInThroughPage(page, app.server.url, PEOPLE.clerk);
    await page.getByRole("link", { name: "Stock Items" }).click();
    await page.locator("table.list tbody tr").first().waitFor();
    expect(await page.getByRole("button", { name: "Export CSV" }).count()).toBe(0);
    await context.close();
  });
});
