import type { DashboardDef, Labels, ReportResult, ReportSummary } from "@loom/engine";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { generateSampleData } from "../../src/sample-data/generate-sample-data.ts";
import { DEFAULT_ANCHOR, DEFAULT_SEED } from "../../src/sample-data/sample-options.ts";
import { addUser, PEOPLE, signInThroughPage, useAppServer } from "./support/app-server.ts";
import { newPerson, screenshot, useBrowser } from "./support/browser.ts";

const DASHBOARD = "management";
/** the tile clicked into: order totals by month, a bar per month */
const BY_MONTH = "sales_by_month";
const ORDERS = 400;

type Language = "en" | "zh-CN";

/**
 * The management dashboard as a sales manager sees it: the tiles' titles in the language, charts
 * drawn, a value on hover; a click on a month's bar opens the sales order list narrowed to that
 * month, showing as many orders as the report counted, every one of that month and of the
 * manager's department.
 */
describe("reports and the management dashboard in the browser", () => {
  const app = useAppServer();
  const chromium = useBrowser();

  beforeAll(async () => {
    await addUser(app.db, PEOPLE.manager);
    await generateSampleData(app.db, {
      orders: ORDERS,
      seed: DEFAULT_SEED,
      anchor: DEFAULT_ANCHOR,
    });
  });

  it("draws the dashboard, shows a bar's value on hover, and a click opens its orders", async () => {
    const { page, context } = await newPerson(chromium.browser, "en");
    await signInThroughPage(page, app.server.url, PEOPLE.manager);
    await page
      .getByRole("link", { name: /Management/ })
      .first()
      .click();
    await page.waitForURL(`**/app/dashboards/${DASHBOARD}`);
    const catalog = await openedDashboard(page, "en");

    const tile = page.locator(`[data-tile=${BY_MONTH}]`);
    const hovered = await hoverBar(page, tile);
    // "Oct 2026": the month as the app shows it in English
    expect(hovered.head).toMatch(/^[A-Z][a-z]{2} \d{4}$/);
    await screenshot(page, "reports-dashboard-en");

    // what the tile shows, from the API with the tile's own parameter values
    const result = await tileResult(page, tile);
    const month = hovered.head;
    const rowIndex = result.rows.findIndex((row) => monthLabel(row[0], "en") === month);
    expect(rowIndex).toBeGreaterThanOrEqual(0);
    const row = result.rows[rowIndex]!;
    const sales = Number(row[columnIndex(result, "sales")]);
    const counted = Number(row[columnIndex(result, "orders")]);
    // the tooltip's figures are the row's, formatted in English
    expect(hovered.lines).toEqual([`Sales: ${money("en", sales)}`, `Orders: ${counted}`]);
    const where = result.drill?.where[rowIndex];
    expect(where).toBeDefined();

    await page.mouse.click(hovered.x, hovered.y);
    await page.waitForURL("**/app/list/**");
    const url = new URL(page.url());
    expect(url.pathname).toBe(`/app/list/${result.drill!.view}`);
    expect(JSON.parse(url.searchParams.get("where")!)).toEqual(where);
    const chip = page.getByTestId("drill-filter");
    await chip.getByText("Filtered from a report").waitFor();
    expect(await chip.textContent()).toContain(`Sales by Month: ${month}`);
    await page.waitForFunction(() => document.querySelector("table.list:not(.loading) tbody tr"));

    // the list holds exactly the orders behind the bar: the approved orders of that month in the
    // manager's department, as many as the report counted, whose lines add up to its sales
    const listed = await listCount(page);
    const orderNumbers = await columnTexts(page, "Order No.");
    expect(orderNumbers).toHaveLength(listed);
    for (const date of await columnTexts(page, "Order Date"))
      expect(monthLabel(isoOf(date), "en")).toBe(month);
    const [from, to] = monthRange(String(row[0]));
    const orders = await app.db.run((k) =>
      k.raw<{ rows: { n: number }[] }>(
        `SELECT count(*)::int AS n FROM app.sales_order o
         WHERE o.department = 'domestic' AND o.status = 'approved'
           AND o.order_date >= ? AND o.order_date < ?`,
        [from, to],
      ),
    );
    expect(listed).toBe(orders.rows[0]!.n);
    expect(listed).toBe(counted);
    const behind = await app.db.run((k) =>
      k.raw<{ rows: { amount: string }[] }>(
        `SELECT sum(l.amount)::text AS amount
         FROM app.sales_order_line l JOIN app.sales_order o ON o.id = l.parent_id
         WHERE o.order_no IN (${orderNumbers.map(() => "?").join(", ")})`,
        orderNumbers,
      ),
    );
    expect(Number(behind.rows[0]!.amount)).toBeCloseTo(sales, 2);
    await screenshot(page, "reports-filtered-list");

    // removing the chip shows the whole list again
    await page.getByRole("button", { name: "Remove the report filter" }).click();
    await page.waitForURL((address) => !address.search.includes("where"));
    await page.getByTestId("drill-filter").waitFor({ state: "detached" });
    expect(await listCount(page)).toBeGreaterThan(listed);
    expect(catalog.dashboard.tiles.length).toBeGreaterThan(1);
    await context.close();
  });

  it("shows the dashboard in Chinese: titles, months and numbers", async () => {
    const { page, context } = await newPerson(chromium.browser, "zh-CN");
    await signInThroughPage(page, app.server.url, PEOPLE.manager);
    await page.goto(`${app.server.url}/app/dashboards/${DASHBOARD}`);
    await openedDashboard(page, "zh-CN");
    const hovered = await hoverBar(page, page.locator(`[data-tile=${BY_MONTH}]`));
    // "2026年10月", then "销售额：1,234,567.89" and "订单数：12"
    expect(hovered.head).toMatch(/^\d{4}年\d{1,2}月$/);
    expect(hovered.lines[0]).toMatch(/^销售额：[\d,]+\.\d{2}$/);
    expect(hovered.lines[1]).toMatch(/^订单数：[\d,]+$/);
    expect(await page.locator(".report-parameters label").allTextContents()).toEqual([
      "开始日期",
      "结束日期",
    ]);
    await screenshot(page, "reports-dashboard-zh");
    await context.close();
  });

  it("keeps the dashboard when one tile is refused: that tile says so, the others draw", async () => {
    const { page, context } = await newPerson(chromium.browser, "en");
    await signInThroughPage(page, app.server.url, PEOPLE.manager);
    // permissions changed between the catalog and the tile's run: the server answers 403
    await page.route("**/api/reports/top_customers?*", (route) =>
      route.fulfill({
        status: 403,
        contentType: "application/json",
        body: JSON.stringify({ code: "forbidden", message: "no", details: [] }),
      }),
    );
    await page.goto(`${app.server.url}/app/dashboards/${DASHBOARD}`);
    await page
      .locator("[data-tile=top_customers]")
      .getByRole("alert")
      .getByText("You may not see this report.")
      .waitFor();
    await page.locator(`[data-tile=${BY_MONTH}] canvas`).waitFor();
    await context.close();
  });

  it("opens a report page with its parameters, chart, data and exports", async () => {
    const { page, context } = await newPerson(chromium.browser, "en");
    await signInThroughPage(page, app.server.url, PEOPLE.manager);
    await page.goto(`${app.server.url}/app/reports/${BY_MONTH}`);
    await page.locator(".report-figure canvas").waitFor();
    await page.locator(".report-parameters").waitFor();
    const csv = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    expect(csv).toMatch(new RegExp(`^/api/reports/${BY_MONTH}/export\\.csv`));
    const answer = await page.evaluate((href) => fetch(href).then((r) => r.status), csv!);
    expect(answer).toBe(200);
    // the data under the chart ends with the totals row
    await page.locator(".report-table tfoot tr.totals").waitFor();
    expect(await page.locator(".report-table tfoot td").first().textContent()).toBe("Total");
    await context.close();
  });
});

/**
 * Waits for every tile to finish (a chart, a table, a figure, or a message) and checks the titles:
 * each tile's own, else its report's, in `language`; a report the user may not run says so.
 */
async function openedDashboard(
  page: Page,
  language: Language,
): Promise<{ dashboard: DashboardDef; reports: ReportSummary[] }> {
  const catalog = await page.evaluate(() =>
    fetch("/api/reports").then(
      (r) => r.json() as Promise<{ dashboards: DashboardDef[]; reports: ReportSummary[] }>,
    ),
  );
  const dashboard = catalog.dashboards.find((d) => d.name === DASHBOARD)!;
  expect(dashboard).toBeDefined();
  await page
    .getByRole("heading", { level: 1, name: inLanguage(dashboard.labels, language) })
    .waitFor();
  await page.waitForFunction(
    (count) =>
      document.querySelectorAll(".tile").length === count &&
      document.querySelectorAll(".tile .tile-skeleton, .tile[aria-busy=true]").length === 0,
    dashboard.tiles.length,
  );
  for (const tile of dashboard.tiles) {
    const summary = catalog.reports.find((r) => r.name === tile.report);
    const element = page.locator(`[data-tile=${tile.report}]`);
    const title = tile.title ?? summary?.labels;
    if (title)
      expect(await element.locator(".tile-title > h2").textContent()).toBe(
        inLanguage(title, language),
      );
    if (!summary) {
      await element.getByRole("alert").waitFor();
      continue;
    }
    const type = summary.visualization.type;
    if (type === "bar" || type === "line" || type === "pie")
      await element.locator("canvas").waitFor();
  }
  // the charts' entry animation is over before anything is hovered or captured
  await page.waitForTimeout(1200);
  return { dashboard, reports: catalog.reports };
}

/**
 * Moves the mouse along the chart just above its x axis until a bar's tooltip shows; answers the
 * tooltip's heading (the bar's category), its lines ("Sales: 1,234.00") and where the mouse is.
 */
async function hoverBar(
  page: Page,
  tile: Locator,
): Promise<{ head: string; lines: string[]; x: number; y: number }> {
  const box = (await tile.locator("canvas").first().boundingBox())!;
  const tooltip = tile.locator(".report-tooltip");
  // from the right: the latest months have the most orders
  for (const above of [34, 46, 60])
    for (let x = box.x + box.width - 10; x > box.x + 40; x -= 6) {
      const y = box.y + box.height - above;
      await page.mouse.move(x, y);
      if (await tooltip.isVisible()) {
        const head = ((await tooltip.locator(".tooltip-head").textContent()) ?? "").trim();
        const lines = await tooltip.locator(".tooltip-line").allTextContents();
        if (head !== "") return { head, lines: lines.map((line) => line.trim()), x, y };
      }
    }
  throw new Error("no bar showed a tooltip");
}

/** The tile's report as the API answers it, with the values the tile ran with (its "Data" link). */
async function tileResult(page: Page, tile: Locator): Promise<ReportResult> {
  const href = (await tile.locator(".tile-title a").getAttribute("href"))!;
  const api = href.replace(/^\/app\/reports\//, "/api/reports/");
  return page.evaluate((path) => fetch(path).then((r) => r.json() as Promise<ReportResult>), api);
}

function columnIndex(result: ReportResult, name: string): number {
  const index = result.columns.findIndex((c) => c.name === name);
  expect(index, `column ${name}`).toBeGreaterThanOrEqual(0);
  return index;
}

/** Money as the app shows it: two decimals, grouped, in the language. */
function money(language: Language, value: number): string {
  return new Intl.NumberFormat(language, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value);
}

/** "1–50 of 123" → 123. */
async function listCount(page: Page): Promise<number> {
  await page.waitForFunction(() =>
    /\d/.test(document.querySelector(".pager span")?.textContent ?? ""),
  );
  const text = (await page.locator(".pager span").first().textContent()) ?? "";
  const match = /of ([\d,]+)/.exec(text);
  return match ? Number(match[1]!.replace(/,/g, "")) : Number(/–(\d+)/.exec(text)?.[1]);
}

async function columnTexts(page: Page, header: string): Promise<string[]> {
  const headers = await page.locator("table.list thead th").allInnerTexts();
  const index = headers.findIndex((h) => h.trim().startsWith(header));
  expect(index).toBeGreaterThanOrEqual(0);
  return page.locator(`table.list tbody tr td:nth-child(${index + 1})`).allInnerTexts();
}

function inLanguage(labels: Labels, language: Language): string {
  return labels[language] ?? labels.en;
}

/** A bucket's first day as the app shows its month. */
function monthLabel(value: unknown, language: Language): string {
  const day = new Date(`${String(value).slice(0, 10)}T00:00:00Z`);
  return new Intl.DateTimeFormat(language, {
    year: "numeric",
    month: "short",
    timeZone: "UTC",
  }).format(day);
}

/** "Oct 5, 2026" (a list's date in English) → "2026-10-05". */
function isoOf(shown: string): string {
  const day = new Date(`${shown} UTC`);
  return day.toISOString().slice(0, 10);
}

/** The month of a bucket's first day: [first day, first day of the next month). */
function monthRange(first: string): [string, string] {
  const day = new Date(`${first.slice(0, 10)}T00:00:00Z`);
  const next = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1));
  return [first.slice(0, 10), next.toISOString().slice(0, 10)];
}
