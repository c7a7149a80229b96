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

type Json = Record<string, unknown>;

/** Someone saves the order while the rep edits it: the rep's save is refused and explained, nothing they typed is lost. */
describe("a conflicting save in the browser", () => {
  const app = useAppServer();
  const chromium = useBrowser();
  let order = "";
  let rep: typeof fetch;

  beforeAll(async () => {
    const seeded = await seedMasterData(app.db);
    await addUser(app.db, PEOPLE.rep);
    rep = fetchWith((await signIn(app.db, { ...PEOPLE.rep, roles: [...PEOPLE.rep.roles] })).token);
    const created = await rep(`${app.server.url}/api/data/sales_order`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        customer: seeded.customer,
        sales_person: PEOPLE.rep.username,
        department: "domestic",
        delivery_date: "2030-12-31",
        customer_po_no: "PO-1",
        lines: [{ item: seeded.items[0], qty: 1, unit_price: 100 }],
      }),
    });
    expect(created.status).toBe(201);
    order = ((await created.json()) as Json).id as string;
  });

  it("explains the conflict, keeps the rep's input, and saves it over the new version", async () => {
    const { page, context } = await newPerson(chromium.browser);
    await signInThroughPage(page, app.server.url, PEOPLE.rep);
    await page.goto(`${app.server.url}/app/record/sales_order/${order}`);
    await page.fill("#root_customer_po_no", "PO-MINE");

    // meanwhile, through the API: the same field and another one
    const patched = await app.fetch(`${app.server.url}/api/data/sales_order/${order}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", "if-match": '"1"' },
      body: JSON.stringify({ customer_po_no: "PO-THEIRS", shipping_address: "Dock 7" }),
    });
    expect(patched.status).toBe(200);

    await page.getByRole("button", { name: "Save", exact: true }).click();
    const panel = page.locator(".conflict");
    await panel.waitFor();
    expect(await panel.textContent()).toContain("Someone else saved this record meanwhile");
    expect(await panel.textContent()).toContain("version 2");
    expect(await page.inputValue("#root_customer_po_no")).toBe("PO-MINE");

    await page.getByRole("button", { name: "Reload, keeping my changes" }).click();
    const row = panel.locator("tr[data-field=customer_po_no]");
    await row.waitFor();
    expect(await row.locator(".mine").textContent()).toBe("PO-MINE");
    expect(await row.locator(".theirs").textContent()).toBe("PO-THEIRS");
    expect(await page.inputValue("#root_customer_po_no")).toBe("PO-MINE");
    await screenshot(page, "version-conflict");

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Saved.", { exact: true }).waitFor();
    const stored = (await (
      await rep(`${app.server.url}/api/data/sales_order/${order}`)
    ).json()) as Json;
    // the rep's value over the other person's save, which is otherwise kept
    expect(stored).toMatchObject({
      customer_po_no: "PO-MINE",
      shipping_address: "Dock 7",
      version: 3,
    });
    await context.close();
  });
});
