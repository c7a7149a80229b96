import type { Page } from "playwright-core";

/** One order line as the rep types it. */
export interface LineInput {
  item: string;
  qty: number;
  unitPrice: number;
}

/** Picks a record in a link field by typing part of its title, as a person would. */
export async function pickLink(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector);
  await page.fill(selector, text);
  await page.locator("[role=option]", { hasText: text }).first().click();
}

/** The order form's words a test clicks, in each language. */
export interface OrderFormLabels {
  readonly lines: string;
  readonly delivery: string;
  readonly addLine: string;
  readonly domestic: string;
}

export const ORDER_FORM_EN: OrderFormLabels = {
  lines: "Lines",
  delivery: "Delivery",
  addLine: "Add line",
  domestic: "Domestic Sales",
};

export const ORDER_FORM_ZH: OrderFormLabels = {
  lines: "明细",
  delivery: "交货",
  addLine: "添加行",
  domestic: "国内销售",
};

/**
 * Fills a new sales order's header and lines: the rep's own order in the domestic department,
 * delivered by 2030, and `lines` added with the form's "Add line" button.
 */
export async function fillOrder(
  page: Page,
  order: { customer: string; salesPerson: string; poNumber: string; lines: readonly LineInput[] },
  labels: OrderFormLabels,
): Promise<void> {
  await pickLink(page, "#root_customer", order.customer);
  await page.fill("#root_customer_po_no", order.poNumber);
  await page.fill("#root_sales_person", order.salesPerson);
  await page.getByLabel(labels.domestic).check();
  await page.getByRole("tab", { name: labels.delivery }).click();
  await page.fill("#root_delivery_date", "2030-12-31");
  await page.getByRole("tab", { name: labels.lines }).click();
  for (const [i, line] of order.lines.entries()) {
    if ((await page.locator(`#root_lines_${i}_qty`).count()) === 0)
      await page.getByRole("button", { name: labels.addLine }).click();
    await pickLink(page, `#root_lines_${i}_item`, line.item);
    await page.fill(`#root_lines_${i}_qty`, String(line.qty));
    await page.fill(`#root_lines_${i}_unit_price`, String(line.unitPrice));
  }
}
