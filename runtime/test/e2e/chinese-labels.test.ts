import { beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../support/auth.ts";
import { addUser, PEOPLE, seedMasterData, useAppServer } from "./support/app-server.ts";
import { newPerson, screenshot, useBrowser } from "./support/browser.ts";
import { fillOrder, ORDER_FORM_ZH } from "./support/order-form.ts";

const ZH = ORDER_FORM_ZH;

/** The same order entry in Chinese: labels from the metadata, the app's words, the server's messages. */
describe("the app in zh-CN", () => {
  const app = useAppServer();
  const chromium = useBrowser();

  beforeAll(async () => {
    await seedMasterData(app.db);
    await addUser(app.db, PEOPLE.rep);
  });

  it("shows Chinese labels and the server's messages in Chinese, and remembers the choice", async () => {
    const { page, context } = await newPerson(chromium.browser);
    await page.goto(`${app.server.url}/app/`);
    await page.getByLabel("Language").selectOption("zh-CN");
    expect(await page.textContent("button[type=submit]")).toBe("登录");
    await page.fill("#username", PEOPLE.rep.username);
    await page.fill("#password", "wrong password");
    await page.click("button[type=submit]");
    await page.getByText("用户名或密码错误。").waitFor();
    await page.fill("#password", TEST_PASSWORD);
    await page.click("button[type=submit]");
    await page.getByRole("link", { name: "我的销售订单" }).click();
    await page.getByRole("heading", { name: "我的销售订单" }).waitFor();
    const headers = await page.locator("table.list thead th").allTextContents();
    expect(headers).toEqual(
      expect.arrayContaining([
        expect.stringContaining("订单编号"),
        expect.stringContaining("客户"),
      ]),
    );
    expect(await page.textContent("nav")).toContain("我的待办");

    await page.getByRole("link", { name: "新建", exact: true }).click();
    await page.waitForSelector("#root_customer");
    expect(await page.textContent("label[for=root_customer]")).toContain("客户");
    await fillOrder(
      page,
      {
        customer: "Acme Machinery",
        salesPerson: PEOPLE.rep.username,
        poNumber: "PO-ZH",
        lines: [{ item: "Centrifugal Pump", qty: 1, unitPrice: 1250 }],
      },
      ZH,
    );
    // a delivery before the order: the server's rule answers in the user's language
    await page.getByRole("tab", { name: "交货" }).click();
    await page.fill("#root_delivery_date", "2020-01-01");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.getByText("交货日期不能早于订单日期。").waitFor();
    await screenshot(page, "order-form-zh");

    await page.fill("#root_delivery_date", "2030-12-31");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.getByTestId("workflow-state").waitFor();
    expect(await page.textContent("[data-testid=workflow-state]")).toBe("草稿");
    expect(await page.textContent("button[data-action=submit]")).toBe("提交");

    await page.reload();
    await page.getByTestId("workflow-state").waitFor();
    expect(await page.textContent(".app-header")).toContain("退出登录");
    await context.close();
  });
});
