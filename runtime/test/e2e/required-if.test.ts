import type { BrowserContext, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
 * The customization's `project_code` is required for export orders (`requiredIf` on
 * `sales_channel`): the form marks it as the user picks the channel, evaluated by the engine as
 * the server does, and refuses to save it empty without asking the server.
 */
describe("a field required by a condition on the record, in the browser", () => {
  const app = useAppServer();
  const chromium = useBrowser();
  let person: { context: BrowserContext; page: Page };
  /** the writes of sales orders the page sent */
  const writes: string[] = [];

  beforeAll(async () => {
    await seedMasterData(app.db);
    await addUser(app.db, PEOPLE.rep);
    person = await newPerson(chromium.browser);
    person.page.on("request", (request: Request) => {
      if (request.method() !== "GET" && request.url().includes("/api/data/sales_order"))
        writes.push(`${request.method()} ${new URL(request.url()).pathname}`);
    });
  });
  afterAll(async () => {
    await person?.context.close();
  });

  const projectCode = () => person.page.locator("#root_project_code");
  const marked = () => person.page.locator("label[for=root_project_code] .required").count();
  const fieldErrors = () => person.page.locator("#root_project_code__error li").allTextContents();
  const save = () => person.page.getByRole("button", { name: "Save", exact: true }).click();

  it("marks the project code required only while the channel is export, on a new order", async () => {
    const { page } = person;
    await signInThroughPage(page, app.server.url, PEOPLE.rep);
    await page.goto(`${app.server.url}/app/record/sales_order/new`);
    await page.waitForSelector("#root_customer");
    await fillOrder(
      page,
      {
        customer: "Acme Machinery",
        salesPerson: PEOPLE.rep.username,
        poNumber: "PO-9001",
        lines: [{ item: "Ball Valve", qty: 4, unitPrice: 85.5 }],
      },
      EN,
    );
    await page.getByRole("tab", { name: EN.delivery }).click();
    await projectCode().waitFor();
    expect(await marked()).toBe(0);

    await page.selectOption("#root_sales_channel", { label: "Export" });
    await expect.poll(marked).toBe(1);
    expect(await projectCode().getAttribute("required")).not.toBeNull();
    await save();
    // one message, though both ajv (`required`) and the requiredIf check refuse the unset field
    await expect.poll(fieldErrors).toEqual(["Required."]);
    expect(await page.getByRole("alert").textContent()).toContain("Some values need attention");
    expect(writes).toEqual([]);

    await page.selectOption("#root_sales_channel", { label: "Direct" });
    await expect.poll(marked).toBe(0);
    await save();
    await page.waitForURL(/\/app\/record\/sales_order\/[0-9a-f-]{36}$/);
    expect(writes).toEqual(["POST /api/data/sales_order"]);
  });

  it("refuses an export order whose stored project code is empty, then saves it filled", async () => {
    const { page } = person;
    const id = page.url().split("/").at(-1)!;
    await page.getByTestId("workflow-state").waitFor();
    await page.getByRole("tab", { name: EN.delivery }).click();
    expect(await projectCode().inputValue()).toBe("");
    expect(await marked()).toBe(0);

    // the stored value is null (ajv's `required` is satisfied): the app's own check refuses it
    await page.selectOption("#root_sales_channel", { label: "Export" });
    await expect.poll(marked).toBe(1);
    await save();
    await expect.poll(fieldErrors).toEqual(["Required."]);
    expect(writes).toEqual(["POST /api/data/sales_order"]);
    await screenshot(page, "required-if-refused");

    await projectCode().fill("PRJ-0042");
    await save();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    expect(await fieldErrors()).toEqual([]);
    expect(writes).toEqual(["POST /api/data/sales_order", `PATCH /api/data/sales_order/${id}`]);
    const stored = (await (
      await app.fetch(`${app.server.url}/api/data/sales_order/${id}`)
    ).json()) as Record<string, unknown>;
    expect(stored.sales_channel).toBe("export");
    expect(stored.project_code).toBe("PRJ-0042");
  });
});
