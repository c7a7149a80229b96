import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { fetchWith, signIn, TEST_PASSWORD } from "../support/auth.ts";
import {
  addUser,
  PEOPLE,
  seedMasterData,
  signInThroughPage,
  useAppServer,
} from "./support/app-server.ts";
import { newPerson, screenshot, useBrowser } from "./support/browser.ts";
import { fillOrder, ORDER_FORM_EN } from "./support/order-form.ts";

const AXE = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const APP_DIST = fileURLToPath(new URL("../../../app/dist/", import.meta.url));

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * axe-core's violations of impact serious or critical on the page as it is now, one line each
 * (rule, help, the elements and why). axe is evaluated, not added as a script tag: the app's CSP
 * refuses inline scripts.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}: ${v.nodes
          .map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ""}`)
          .join("; ")}`,
    );
}

async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(await seriousViolations(page), `axe on ${where}`).toEqual([]);
}

/** What has the focus, and whether it is drawn: an outline or a box-shadow around it. */
function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return { what: "body", drawn: false };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
    return {
      what: `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""} "${(element.textContent ?? "").trim().slice(0, 40)}"`,
      drawn: outline || style.boxShadow !== "none",
    };
  });
}

const hasFocus = (page: Page, selector: string) =>
  page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

/** Presses Tab (Shift+Tab `backwards`) until the focus is on an element matching `selector`. */
async function tabTo(page: Page, selector: string, backwards = false): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    if (await hasFocus(page, selector)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error(`Tab never reached ${selector}; the focus is on ${(await focused(page)).what}`);
}

/** The focus is on `selector`, and a person sees where. */
async function expectVisibleFocus(page: Page, selector: string): Promise<void> {
  const now = await focused(page);
  expect(await hasFocus(page, selector), `focus on ${selector}, not ${now.what}`).toBe(true);
  expect(now.drawn, `a focus ring on ${now.what}`).toBe(true);
}

/** After a page change the focus is on the new page's heading, which screen readers announce. */
async function expectHeadingFocused(page: Page, heading: string): Promise<void> {
  await page.getByRole("heading", { level: 1, name: heading, exact: true }).waitFor();
  await expect.poll(() => hasFocus(page, "h1#page-title")).toBe(true);
}

/** The app for people who use the keyboard and screen readers, checked by axe and by the keyboard. */
describe("the app for keyboard and screen-reader users", () => {
  const app = useAppServer();
  const chromium = useBrowser();
  const orders: { id: string; orderNo: string }[] = [];

  beforeAll(async () => {
    const seeded = await seedMasterData(app.db);
    for (const person of Object.values(PEOPLE)) await addUser(app.db, person);
    const rep = fetchWith(
      (await signIn(app.db, { ...PEOPLE.rep, roles: [...PEOPLE.rep.roles] })).token,
    );
    for (const [po, item] of [
      ["PO-A11Y-1", seeded.items[0]],
      ["PO-A11Y-2", seeded.items[1]],
    ] as const) {
      const created = await rep(`${app.server.url}/api/data/sales_order`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          customer: seeded.customer,
          sales_person: PEOPLE.rep.username,
          department: "domestic",
          delivery_date: "2030-12-31",
          customer_po_no: po,
          lines: [{ item, qty: 2, unit_price: 100 }],
        }),
      });
      expect(created.status).toBe(201);
      const order = (await created.json()) as { id: string; order_no: string };
      orders.push({ id: order.id, orderNo: order.order_no });
    }
    // the manager's inbox holds a task: the second order, submitted
    const submitted = await rep(
      `${app.server.url}/api/workflow/sales_order/${orders[1]!.id}/actions/submit`,
      { method: "POST", headers: { "content-type": "application/json" }, body: "{}" },
    );
    expect(submitted.status).toBe(200);
  });

  it("has no serious or critical axe violations on sign-in, lists, forms and inboxes", async () => {
    const { page, context } = await newPerson(chromium.browser);
    await page.goto(`${app.server.url}/app/`);
    await page.locator("#username").waitFor();
    await expectAccessible(page, "the sign-in page");

    await signInThroughPage(page, app.server.url, PEOPLE.rep);
    await page.locator("table.list tbody tr").nth(1).waitFor();
    await page.getByRole("button", { name: "Add condition" }).click();
    await expectAccessible(page, "the list with a filter row");

    await page.goto(`${app.server.url}/app/record/sales_order/new`);
    await page.locator("#root_customer").waitFor();
    await fillOrder(
      page,
      {
        customer: "Acme Machinery",
        salesPerson: PEOPLE.rep.username,
        poNumber: "PO-AXE",
        lines: [
          { item: "Centrifugal Pump", qty: 2, unitPrice: 1250 },
          { item: "Ball Valve", qty: 10, unitPrice: 85.5 },
        ],
      },
      ORDER_FORM_EN,
    );
    // the link picker open, its listbox showing
    await page.fill("#root_lines_1_item", "Motor");
    await page.getByRole("listbox").getByRole("option", { name: "Electric Motor" }).waitFor();
    await expectAccessible(page, "the new order's Lines tab, a link picker open");
    await page.keyboard.press("Escape");
    for (const tab of ["Order", "Delivery"]) {
      await page.getByRole("tab", { name: tab }).click();
      await expectAccessible(page, `the new order's ${tab} tab`);
    }

    await page.goto(`${app.server.url}/app/record/sales_order/${orders[0]!.id}`);
    await page.getByTestId("workflow-state").waitFor();
    await page.locator(".record-history .audit > li").first().waitFor();
    await expectAccessible(page, "a saved order, its workflow and its history");

    await page.goto(`${app.server.url}/app/inbox`);
    await page.getByText("No open tasks").waitFor();
    await expectAccessible(page, "an empty inbox");
    await context.close();

    const manager = await newPerson(chromium.browser);
    await signInThroughPage(manager.page, app.server.url, PEOPLE.manager);
    await manager.page.goto(`${app.server.url}/app/inbox`);
    await manager.page.locator("table.inbox tbody tr").first().waitFor();
    await expectAccessible(manager.page, "the manager's inbox");
    await manager.context.close();
  });

  it("takes a keyboard alone from sign-in through a list to an order's tabs, the focus always shown", async () => {
    const { page, context } = await newPerson(chromium.browser);
    await page.goto(`${app.server.url}/app/`);
    await page.locator("#username").waitFor();
    await tabTo(page, "#username");
    await expectVisibleFocus(page, "#username");
    await page.keyboard.type(PEOPLE.rep.username);
    await page.keyboard.press("Tab");
    await expectVisibleFocus(page, "#password");
    await page.keyboard.type(TEST_PASSWORD);
    await screenshot(page, "keyboard-sign-in");
    await page.keyboard.press("Enter");
    await expectHeadingFocused(page, "My Sales Orders");
    const rows = page.locator("table.list tbody tr");
    await expect.poll(() => rows.count()).toBe(2);

    // a condition added, applied with Enter, removed: the focus follows each step
    await tabTo(page, ".filter-actions > button:first-child");
    await expectVisibleFocus(page, ".filter-actions > button:first-child");
    await page.keyboard.press("Enter");
    await expectVisibleFocus(page, ".filter-row select[aria-label=Field]");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expectVisibleFocus(page, ".filter-row input[aria-label=Value]");
    await page.keyboard.type(orders[0]!.orderNo);
    await page.keyboard.press("Enter");
    await expect.poll(() => rows.count()).toBe(1);
    await page.keyboard.press("Tab");
    await expectVisibleFocus(page, ".filter-row button[aria-label='Remove condition']");
    await page.keyboard.press("Enter");
    await expect.poll(() => rows.count()).toBe(2);
    await expectVisibleFocus(page, ".filter-actions > button:first-child");

    // a column header sorts with Space
    await tabTo(page, "th:first-child button.sort");
    await expectVisibleFocus(page, "th:first-child button.sort");
    await page.keyboard.press("Space");
    await expect.poll(() => page.getAttribute("th:first-child", "aria-sort")).toBe("ascending");

    // back up into the navigation, to another list
    const salesOrders = ".app-nav a[href='/app/list/sales_order']";
    await tabTo(page, salesOrders, true);
    await expectVisibleFocus(page, salesOrders);
    await screenshot(page, "keyboard-nav-focus");
    await page.keyboard.press("Enter");
    await expectHeadingFocused(page, "Sales Order");

    // a row opens with Enter on its link
    const firstRow = "table.list tbody tr:first-child td:first-child a";
    await page.locator(firstRow).waitFor();
    await tabTo(page, firstRow);
    await expectVisibleFocus(page, firstRow);
    const opened = await page.locator(firstRow).textContent();
    await screenshot(page, "keyboard-list-row");
    await page.keyboard.press("Enter");
    await expectHeadingFocused(page, `Sales Order ${opened}`);

    // the form's tabs: one Tab stop, the arrows (around the ends), Home and End
    await page.locator("#root_customer").waitFor();
    const selected = "[role=tab][aria-selected=true]";
    await tabTo(page, selected);
    await expectVisibleFocus(page, "#tab-order");
    await page.keyboard.press("ArrowRight");
    await expectVisibleFocus(page, `#tab-lines${selected}`);
    expect(await page.isVisible("#root_lines_0_item")).toBe(true);
    expect(await page.isVisible("#root_customer")).toBe(false);
    await screenshot(page, "keyboard-form-tabs");
    await page.keyboard.press("End");
    await expectVisibleFocus(page, `#tab-delivery${selected}`);
    await page.keyboard.press("ArrowRight");
    await expectVisibleFocus(page, `#tab-order${selected}`);
    await page.keyboard.press("ArrowLeft");
    await expectVisibleFocus(page, `#tab-delivery${selected}`);
    await page.keyboard.press("Home");
    await expectVisibleFocus(page, `#tab-order${selected}`);
    // the next Tab leaves the strip for the tab's fields
    await page.keyboard.press("Tab");
    expect(await hasFocus(page, "[role=tab]")).toBe(false);
    expect(await hasFocus(page, "#panel-order *")).toBe(true);
    await context.close();
  });

  it("skips to the content, picks a link with the keys, and focuses a conflict explained", async () => {
    const { page, context } = await newPerson(chromium.browser);
    await signInThroughPage(page, app.server.url, PEOPLE.rep);
    const order = orders[0]!;
    await page.goto(`${app.server.url}/app/record/sales_order/${order.id}`);
    await page.locator("#root_customer").waitFor();

    // on a fresh load the first Tab stop is "Skip to content", shown when focused
    await page.keyboard.press("Tab");
    await expectVisibleFocus(page, "a.skip-link");
    const box = await page.locator("a.skip-link").boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    await screenshot(page, "keyboard-skip-link");
    await page.keyboard.press("Enter");
    await expect.poll(() => hasFocus(page, "h1#page-title")).toBe(true);

    // the link picker: type, Enter takes the first match; Escape closes and keeps the value
    await tabTo(page, "#root_customer");
    await expectVisibleFocus(page, "#root_customer");
    await page.keyboard.type("Beta");
    const options = page.getByRole("listbox").getByRole("option");
    await expect.poll(() => options.allTextContents()).toEqual(["Beta Tools"]);
    await expect
      .poll(() => page.getAttribute("#root_customer", "aria-activedescendant"))
      .toBe(await options.first().getAttribute("id"));
    await screenshot(page, "keyboard-link-picker");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.inputValue("#root_customer")).toBe("Beta Tools");
    expect(await page.getAttribute("#root_customer", "aria-expanded")).toBe("false");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("Acme");
    await options.filter({ hasText: "Acme Machinery" }).waitFor();
    await page.keyboard.press("Escape");
    expect(await page.getAttribute("#root_customer", "aria-expanded")).toBe("false");
    expect(await page.inputValue("#root_customer")).toBe("Beta Tools");

    // someone saves meanwhile: Enter in a field saves, and the explanation takes the focus
    const patched = await app.fetch(`${app.server.url}/api/data/sales_order/${order.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", "if-match": '"1"' },
      body: JSON.stringify({ shipping_address: "Dock 7" }),
    });
    expect(patched.status).toBe(200);
    await tabTo(page, "#root_customer_po_no");
    await page.keyboard.type("-K");
    await page.keyboard.press("Enter");
    await expect.poll(() => hasFocus(page, "section.conflict")).toBe(true);
    await page.keyboard.press("Tab");
    await expectVisibleFocus(page, "section.conflict button");
    await page.keyboard.press("Enter");
    // reloaded: its button gone, the focus back on the panel, from where Tab reaches the choices
    const customer = page.locator("section.conflict tr[data-field=customer]");
    await customer.waitFor();
    expect(await customer.locator(".mine").textContent()).toBe("Beta Tools");
    expect(await customer.locator(".theirs").textContent()).toBe("Acme Machinery");
    await expect.poll(() => hasFocus(page, "section.conflict")).toBe(true);
    await page.keyboard.press("Tab");
    await expectVisibleFocus(page, "section.conflict tr button");
    await screenshot(page, "keyboard-conflict");
    await context.close();
  });

  it("holds a list's shape while its rows load: header, placeholder rows where the rows come, a status", async () => {
    const { page, context } = await newPerson(chromium.browser);
    await signInThroughPage(page, app.server.url, PEOPLE.rep);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/api/data/sales_order?**", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${app.server.url}/app/list/my_sales_orders`);
    const placeholders = page.locator(".skeleton-rows");
    await placeholders.waitFor();
    expect(await page.locator("table.list thead th").count()).toBe(6);
    expect(await page.getByRole("status").filter({ hasText: "Loading…" }).count()).toBe(1);
    expect(await page.locator(".table-wrap").getAttribute("aria-busy")).toBe("true");
    await screenshot(page, "list-loading");
    const box = (await placeholders.boundingBox())!;
    const header = page.locator("table.list thead");
    const headerWhileLoading = (await header.boundingBox())!;

    release();
    const row = page.locator("table.list tbody tr").first();
    await row.waitFor();
    await placeholders.waitFor({ state: "detached" });
    const first = (await row.boundingBox())!;
    // the first row sits where the first placeholder row was, as tall (within a pixel)
    expect(Math.abs(first.y - box.y)).toBeLessThanOrEqual(1);
    expect(Math.abs(first.height - box.height / 8)).toBeLessThanOrEqual(1);
    expect(await header.boundingBox()).toEqual(headerWhileLoading);
    await context.close();
  });
});

/**
 * The business app's bundle (what /app serves, app/dist as the e2e setup builds it) leaves the
 * designer to the designer: neither its package, nor monaco, nor the flow editor in any file.
 */
describe("the /app bundle", () => {
  const FORBIDDEN = ["monaco", "@loom/designer", "reactflow", "react-flow", "@xyflow"];

  it("holds neither the designer nor monaco", async () => {
    const files = (await readdir(APP_DIST, { recursive: true })).filter((file) =>
      /\.(js|css|html)$/.test(file),
    );
    expect(files.some((file) => file.endsWith(".js"))).toBe(true);
    const found: string[] = [];
    for (const file of files) {
      const text = await readFile(path.join(APP_DIST, file), "utf8");
      for (const word of FORBIDDEN) if (text.includes(word)) found.push(`${file}: ${word}`);
    }
    expect(found).toEqual([]);
    // nor does the app ask for them
    const manifest = JSON.parse(
      await readFile(fileURLToPath(new URL("../../../app/package.json", import.meta.url)), "utf8"),
    ) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    const wanted = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
    expect(wanted.filter((name) => FORBIDDEN.some((word) => name.includes(word)))).toEqual([]);
  });
});
