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

type Json = Record<string, unknown>;

/** the entries one page of the record page's history shows (PAGE_SIZE of record-history.tsx) */
const PAGE = 20;
/** customer PO number edits between the first customer changes and the last ones */
const EDITS = PAGE - 2;

/**
 * A sales order's history in the browser: the rep changes its customer and a line's item, then
 * edits it so often that the trail runs over a page. Links read as their records' titles (looked
 * up once per page and target entity), a deleted customer as its muted id; older entries come a
 * page at a time, down to the order's creation; the same in Chinese.
 */
describe("a record's history in the browser", () => {
  const app = useAppServer();
  const chromium = useBrowser();
  let order = "";
  let gamma = "";

  /** A write through the API that must succeed: its record (nothing for a delete). */
  const send = async (
    fetcher: typeof fetch,
    method: "POST" | "PATCH" | "DELETE",
    path: string,
    body?: Json,
    version?: number,
  ): Promise<Json> => {
    const response = await fetcher(`${app.server.url}${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        ...(version === undefined ? {} : { "if-match": `"${version}"` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    return response.status === 204 ? {} : ((await response.json()) as Json);
  };

  beforeAll(async () => {
    const seeded = await seedMasterData(app.db);
    await addUser(app.db, PEOPLE.rep);
    const rep = fetchWith(
      (await signIn(app.db, { ...PEOPLE.rep, roles: [...PEOPLE.rep.roles] })).token,
    );
    const beta = (
      await app.db.run((k) => k.raw(`SELECT id FROM app.customer WHERE code = 'C-BETA'`))
    ).rows[0].id as string;
    gamma = (
      await send(app.fetch, "POST", "/api/data/customer", { code: "C-GAMMA", name: "Gamma Works" })
    ).id as string;

    const created = await send(rep, "POST", "/api/data/sales_order", {
      customer: seeded.customer,
      sales_person: PEOPLE.rep.username,
      department: "domestic",
      delivery_date: "2030-12-31",
      lines: [{ item: seeded.items[0], qty: 2, unit_price: 1250 }],
    });
    order = created.id as string;
    const line = (created.lines as Json[])[0]!;
    let version = 1;
    const patch = async (body: Json) => {
      const saved = await send(rep, "PATCH", `/api/data/sales_order/${order}`, body, version);
      version = saved.version as number;
    };
    await patch({ customer: gamma });
    await patch({ customer: seeded.customer });
    for (let edit = 1; edit <= EDITS; edit += 1) await patch({ customer_po_no: `PO-${edit}` });
    await patch({ lines: [{ ...pick(line), item: seeded.items[1] }] });
    await patch({ customer: beta });
    // Gamma Works is no longer referenced: it can go, and the history names it by its id only
    await send(app.fetch, "DELETE", `/api/data/customer/${gamma}`, undefined, 1);
  });

  it("names linked records by their titles, one lookup per page and entity, and pages back to the creation", async () => {
    const { page, context } = await newPerson(chromium.browser);
    await signInThroughPage(page, app.server.url, PEOPLE.rep);
    const lookups = titleLookups(page);
    await page.goto(`${app.server.url}/app/record/sales_order/${order}`);
    const entries = page.locator(".record-history .audit > li");
    await expect.poll(() => entries.count()).toBe(PAGE);

    const newest = entries.first();
    expect(await newest.locator(".what").textContent()).toBe("Changed");
    expect(await newest.locator(".who").textContent()).toContain(PEOPLE.rep.username);
    expect(await newest.locator(".audit-fields li").allTextContents()).toEqual([
      "Customer: Acme Machinery → Beta Tools",
    ]);
    expect(await entries.nth(1).locator(".audit-fields li").allTextContents()).toEqual([
      "Order Lines › Item: Centrifugal Pump → Ball Valve",
    ]);
    expect(lookups.map((url) => url.pathname).sort()).toEqual([
      "/api/data/customer",
      "/api/data/item",
    ]);

    const older = page.getByRole("button", { name: "Show older changes" });
    await older.click();
    await expect.poll(() => entries.count()).toBe(EDITS + 5);
    // the last page is all there is: no button for an empty one
    await expect.poll(() => older.count()).toBe(0);
    expect(lookups).toHaveLength(3);
    expect(lookups[2]!.pathname).toBe("/api/data/customer");

    const oldest = entries.last();
    expect(await oldest.locator(".what").textContent()).toBe("Created");
    expect(await oldest.textContent()).toContain("Customer: Acme Machinery");
    expect(await oldest.textContent()).toContain("Item: Centrifugal Pump");
    // the deleted customer: its id, muted, never a crash or another record's title
    const toGamma = entries.nth(PAGE + 1).locator(".audit-fields li");
    expect(await toGamma.textContent()).toBe(`Customer: Acme Machinery → ${gamma}`);
    expect(await toGamma.locator(".audit-to .audit-id").textContent()).toBe(gamma);
    expect(await entries.nth(PAGE).locator(".audit-fields li").textContent()).toBe(
      `Customer: ${gamma} → Acme Machinery`,
    );
    await screenshot(page, "record-history");
    await context.close();
  });

  it("keeps its width while the older page loads, and speaks Chinese in zh-CN", async () => {
    const { page, context } = await newPerson(chromium.browser);
    await page.goto(`${app.server.url}/app/`);
    await page.getByLabel("Language").selectOption("zh-CN");
    await page.fill("#username", PEOPLE.rep.username);
    await page.fill("#password", TEST_PASSWORD);
    await page.click("button[type=submit]");
    await page.waitForSelector("[data-testid=user-name]");
    // the older page answers only when the test lets it, to see the button while it loads
    let answer: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      answer = resolve;
    });
    await page.route(/\/history\?.*before=/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${app.server.url}/app/record/sales_order/${order}`);
    const entries = page.locator(".record-history .audit > li");
    await expect.poll(() => entries.count()).toBe(PAGE);
    expect(await entries.first().locator(".audit-fields li").textContent()).toBe(
      "客户: Acme Machinery → Beta Tools",
    );

    const older = page.locator("button.history-older");
    expect(await older.textContent()).toContain("显示更早的修改");
    const idle = await older.boundingBox();
    await older.click();
    const busy = page.getByRole("button", { name: "加载中…" });
    await busy.waitFor();
    expect(await busy.isDisabled()).toBe(true);
    expect((await older.boundingBox())?.width).toBe(idle?.width);
    await screenshot(page, "record-history-zh-loading");
    answer();
    await expect.poll(() => entries.count()).toBe(EDITS + 5);
    expect(await entries.last().locator(".what").textContent()).toBe("创建");
    await context.close();
  });
});

/** The requests that look titles up by id (LinkTitles.lookUpAll), as they are made. */
function titleLookups(page: Page): URL[] {
  const seen: URL[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.searchParams.get("where")?.includes('"var":"id"')) seen.push(url);
  });
  return seen;
}

/** A line as PATCH takes it back: its id and fields, without the bookkeeping the server keeps. */
function pick(line: Json): Json {
  const { id, item, qty, unit_price } = line;
  return { id, item, qty, unit_price };
}
