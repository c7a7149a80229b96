import type { DashboardDef, ReportResult, ReportSummary } from "@loom/engine";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addUser,
  PEOPLE,
  seedMasterData,
  signInThroughPage,
  useAppServer,
} from "./support/app-server.ts";
import { newPerson, screenshot, useBrowser } from "./support/browser.ts";

const REPORT = "order_totals_by_customer";
const DASHBOARD = "customer_review";

/**
 * The report builder and the dashboard editor in the browser: the administrator builds "sales by
 * customer" (sales orders grouped by customer, their totals summed, as a bar chart) and sees the
 * live preview draw a bar per customer of the orders entered here; a wrong field shows its
 * problem next to its picker; the report goes on a new dashboard, its tile moved from the
 * keyboard and resized by dragging; once published, GET /api/reports lists both.
 */
describe("the report builder at /designer/reports", () => {
  const app = useAppServer();
  const chromium = useBrowser();
  let page: Page;
  const customers: string[] = [];

  const saved = () =>
    page
      .getByTestId("save-status")
      .filter({ hasText: /^Saved$/ })
      .waitFor();
  const preview = () => page.locator("section.report-preview");
  /** the whole page from its top, where the sticky preview sits in place */
  const shot = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, name);
  };
  /** the chart's categories: the tooltip heads met sweeping the pointer across its bars */
  const bars = async (): Promise<string[]> => {
    const canvas = preview().locator("canvas").first();
    await canvas.waitFor();
    const box = (await canvas.boundingBox())!;
    const tooltip = preview().locator(".report-tooltip");
    const heads = new Set<string>();
    for (let x = box.x + 5; x < box.x + box.width - 5; x += 4) {
      await page.mouse.move(x, box.y + box.height - 45);
      if (await tooltip.isVisible())
        heads.add(((await tooltip.locator(".tooltip-head").textContent()) ?? "").trim());
    }
    await page.mouse.move(0, 0);
    return [...heads].filter((head) => head !== "").sort();
  };

  beforeAll(async () => {
    const seeded = await seedMasterData(app.db);
    await addUser(app.db, PEOPLE.administrator);
    const listed = await app.db.run((k) => k.raw(`SELECT id FROM app.customer ORDER BY code`));
    customers.push(...(listed.rows as { id: string }[]).map((row) => row.id));
    // two orders of Acme, one of Beta: the same amount each, so both bars are tall
    for (const customer of [customers[0]!, customers[0]!, customers[1]!]) {
      const created = await app.fetch(`${app.server.url}/api/data/sales_order`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          customer,
          sales_person: PEOPLE.rep.username,
          department: "domestic",
          delivery_date: "2030-12-31",
          lines: [{ item: seeded.items[0], qty: 2, unit_price: 1250 }],
        }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
    }
    ({ page } = await newPerson(chromium.browser));
  });

  it("makes a new report over sales orders from the Reports page", async () => {
    await signInThroughPage(page, app.server.url, PEOPLE.administrator, "/designer/");
    await page.getByRole("link", { name: "Reports", exact: true }).click();
    await page.getByRole("heading", { name: "Reports", level: 1 }).waitFor();
    await page.getByRole("button", { name: "+ New report" }).click();
    const form = page.getByRole("form", { name: "New report" });
    await form.getByLabel("Report name").fill(REPORT);
    await form.getByLabel("English label").fill("Sales by customer");
    await form.getByLabel("Chinese label").fill("客户销售额");
    await form.getByLabel("Data from").selectOption("sales_order");
    await form.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(`**/designer/reports/${REPORT}`);
    await page.getByRole("heading", { level: 1, name: /^Sales by customer/ }).waitFor();
    // a table of the orders counted, to start from: one row of totals
    await preview()
      .getByTestId("preview-status")
      .filter({ hasText: /^1 rows in/ })
      .waitFor();
  });

  it("groups by customer, sums the total and draws a bar per customer", async () => {
    await page.getByLabel("Add a grouping by…").selectOption("customer");
    await page.locator(".entry-row[data-dimension=customer]").waitFor();
    const measure = page.locator(".entry-row[data-measure]").first();
    await measure.getByLabel("Aggregate count").selectOption("sum");
    // only numbers are summed: the customer link is not offered
    const field = measure.getByLabel("Field count");
    expect(await field.locator("option[value=customer]").count()).toBe(0);
    await field.selectOption("total");
    await measure.getByLabel("Name of measure 1").fill("total_sum");
    await measure.getByLabel("English label total_sum").fill("Sales");
    await page.getByRole("radio", { name: "Bar" }).check();
    await saved();

    await preview()
      .getByTestId("preview-status")
      .filter({ hasText: /^2 rows in/ })
      .waitFor();
    const stored = JSON.parse(
      await page.evaluate(
        (file) =>
          fetch("/api/designer/draft")
            .then((r) => r.json())
            .then((d: { files: Record<string, string> }) => d.files[file]!),
        `reports/${REPORT}.json`,
      ),
    );
    expect(stored).toMatchObject({
      kind: "report",
      name: REPORT,
      entity: "sales_order",
      dimensions: [{ name: "customer", field: "customer" }],
      measures: [{ name: "total_sum", aggregate: "sum", field: "total", labels: { en: "Sales" } }],
      visualization: { type: "bar", x: "customer" },
    });
    expect(await bars()).toEqual(["Acme Machinery", "Beta Tools"]);
    await shot("designer-report-bar");
  });

  it("shows a problem of the definition next to the input it concerns", async () => {
    const dimension = page.locator(".entry-row[data-dimension]").first();
    const name = dimension.getByLabel("Name of grouping 1");
    await name.fill("");
    const problem = dimension.locator("[data-problem-at='/dimensions/0/name']");
    await problem.waitFor();
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    await shot("designer-report-problem");
    await name.fill("customer");
    await problem.waitFor({ state: "detached" });
    await preview()
      .getByTestId("preview-status")
      .filter({ hasText: /^2 rows in/ })
      .waitFor();
  });

  it("puts the report on a new dashboard, moved from the keyboard and resized by dragging", async () => {
    await page.getByRole("link", { name: "Dashboards", exact: true }).click();
    await page.getByRole("button", { name: "+ New dashboard" }).click();
    const form = page.getByRole("form", { name: "New dashboard" });
    await form.getByLabel("Dashboard name").fill(DASHBOARD);
    await form.getByLabel("English label").fill("Sales overview");
    await form.getByLabel("Chinese label").fill("销售概览");
    await form.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(`**/designer/dashboards/${DASHBOARD}`);
    await page.getByLabel("Add a report…").selectOption(REPORT);
    const tile = page.locator("[data-tile='0']");
    await tile.waitFor();
    expect(await tile.getAttribute("data-box")).toBe("0,0,6,4");
    // the tile draws its report from the draft, as the app will
    await tile.locator(".tile-preview canvas").first().waitFor();
    await tile.locator(".tile-handle").focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => tile.getAttribute("data-box")).toBe("2,0,6,4");
    await page.keyboard.press("Shift+ArrowDown");
    await expect.poll(() => tile.getAttribute("data-box")).toBe("2,0,6,5");
    // the corner dragged two columns right and one row up
    const handle = (await tile.locator(".tile-resize").boundingBox())!;
    const grid = (await page.getByTestId("dashboard-grid").boundingBox())!;
    const column = (grid.width + 8) / 12;
    await page.mouse.move(handle.x + 8, handle.y + 8);
    await page.mouse.down();
    await page.mouse.move(handle.x + 8 + column, handle.y + 8 - 20, { steps: 4 });
    await page.mouse.move(handle.x + 8 + 2 * column, handle.y + 8 - 64, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => tile.getAttribute("data-box")).toBe("2,0,8,4");
    // the accessible twin: the row typed in
    await page.getByLabel("Row 1", { exact: true }).fill("2");
    await expect.poll(() => tile.getAttribute("data-box")).toBe("2,1,8,4");
    await saved();
    await shot("designer-dashboard-layout");
  });

  it("publishes, and GET /api/reports lists the report and the dashboard", async () => {
    await page.getByRole("button", { name: "Publish…" }).click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.getByTestId("changed-files").textContent()).toContain(
      `reports/${REPORT}.json`,
    );
    await dialog.getByRole("button", { name: "Publish", exact: true }).click();
    await dialog.getByText(/^Published as revision \d+\.$/).waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();
    const listed = (await page.evaluate(() => fetch("/api/reports").then((r) => r.json()))) as {
      reports: ReportSummary[];
      dashboards: DashboardDef[];
    };
    expect(listed.reports.find((r) => r.name === REPORT)).toMatchObject({
      labels: { en: "Sales by customer", "zh-CN": "客户销售额" },
      entity: "sales_order",
      visualization: { type: "bar" },
    });
    expect(listed.dashboards.find((d) => d.name === DASHBOARD)?.tiles).toEqual([
      { report: REPORT, x: 2, y: 1, w: 8, h: 4 },
    ]);
    const result = (await page.evaluate(
      (name) => fetch(`/api/reports/${name}`).then((r) => r.json()),
      REPORT,
    )) as ReportResult;
    expect(result.rows.map((row) => Number(row[1])).sort()).toEqual([2500, 5000]);
  });

  it("reads in Chinese: the pages, the builder and the preview's categories", async () => {
    await page.goto(`${app.server.url}/designer/reports/${REPORT}`);
    await page.getByLabel("Language").selectOption("zh-CN");
    await page.getByRole("link", { name: "报表", exact: true }).waitFor();
    await page.getByRole("link", { name: "仪表板", exact: true }).waitFor();
    await page.getByRole("heading", { level: 1, name: /^客户销售额/ }).waitFor();
    await page.locator("[data-section=dimensions] legend", { hasText: "分组" }).waitFor();
    await preview().getByTestId("preview-status").filter({ hasText: /^2 行/ }).waitFor();
    expect(await bars()).toEqual(["Acme Machinery", "Beta Tools"]);
    await shot("designer-report-zh");
  });
});
