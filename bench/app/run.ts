/**
 * bench/app — the business app in headless Chromium on 100,000 sales orders: the gzipped
 * JavaScript the first visit loads (sign-in page, then a list; the designer's: sign-in page, then
 * an entity's fields), and the time to interactive of list pages, from navigation start to the
 * first rows on screen (the app's `loom:list-rows` performance mark), cold (first visit of the
 * view) and warm (median of later visits).
 * Prints a table, then one JSON line of figures.
 *
 *   npm run bench:app                           (PGlite in a temp folder)
 *   DATABASE_URL=postgres://… npm run bench:app   (a fresh database on that server instead)
 *   BENCH_ORDERS, BENCH_VISITS override the defaults.
 */
import { gzipSync } from "node:zlib";
import pino from "pino";
import type { Page } from "playwright-core";
import { ensureBuilt } from "../../app/scripts/ensure-built.ts";
import { addUser } from "../../runtime/src/auth/manage-users.ts";
import { startServer } from "../../runtime/src/server/start-server.ts";
import { launchChromium } from "../../runtime/test/e2e/support/chromium.ts";
import { testDatabases } from "../../runtime/test/support/databases.ts";
import { seedDatabase } from "../api/seed.ts";
import { envNumber, machineRow, printTable, type Row, round } from "../support/report.ts";

const ORDERS = envNumber("BENCH_ORDERS", 100_000);
const VISITS = envNumber("BENCH_VISITS", 7);
const USER = { username: "bench.app", password: "bench password, long enough" };
/** the lists measured: the sample's open orders (filtered, sorted by date) and the entity's default */
const VIEWS = ["open_sales_orders", "sales_order"];

const rows: Row[] = [machineRow()];
const figures: Record<string, number | string> = {};

ensureBuilt();
const serverUrl = process.env.DATABASE_URL;
const target = testDatabases().find((d) => d.name === (serverUrl ? "postgres" : "pglite"))!;
const db = await target.open();
const seedStart = performance.now();
const seeded = await seedDatabase(db, ORDERS);
rows.push([
  "data",
  `${seeded.orders.toLocaleString("en")} sales orders on ${db.kind}`,
  `seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
]);
await addUser(db, { ...USER, roles: ["admin"], attributes: {} });
const server = await startServer({
  db,
  logger: pino({ level: "silent" }),
  port: 0,
  host: "127.0.0.1",
  samples: [],
  announce: () => undefined,
  jobs: "manual",
});
const browser = await launchChromium();
try {
  const fresh = async () =>
    (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const page = await fresh();
  await firstLoad(page, {
    path: `/app/list/${VIEWS[0]}`,
    ready: "table.list tbody tr",
    figure: "firstLoadJs",
    row: "first load JS (gzip)",
    note: "sign-in page + list page; forms load later, with the first record opened",
  });
  // a browser of its own: the designer's first visit starts at its sign-in page too
  await firstLoad(await fresh(), {
    path: "/designer/entities/sales_order",
    ready: "table.field-table tbody tr",
    figure: "designerFirstLoadJs",
    row: "designer first load JS (gzip)",
    note: "sign-in page + an entity's fields, the engine included (it checks the draft)",
  });
  for (const view of VIEWS) await listTimes(page, view);
} finally {
  await browser.close();
  await server.close();
  await db.dispose();
}
printTable(rows);
console.log(JSON.stringify(figures));

/**
 * Signs in on a fresh browser at `path` and waits for `ready`, summing the JS it fetched,
 * gzipped: `<figure>GzipBytes` and `<figure>Files`.
 */
async function firstLoad(
  page: Page,
  app: { path: string; ready: string; figure: string; row: string; note: string },
): Promise<void> {
  const scripts = new Map<string, number>();
  page.on("response", async (response) => {
    if (response.request().resourceType() !== "script") return;
    const body = await response.body().catch(() => null);
    if (body) scripts.set(response.url(), gzipSync(body).length);
  });
  await page.goto(`${server.url}${app.path}`);
  await page.fill("#username", USER.username);
  await page.fill("#password", USER.password);
  await page.click("button[type=submit]");
  await page.locator(app.ready).first().waitFor();
  const total = [...scripts.values()].reduce((a, b) => a + b, 0);
  figures[`${app.figure}GzipBytes`] = total;
  figures[`${app.figure}Files`] = scripts.size;
  rows.push([app.row, `${(total / 1024).toFixed(1)} KiB in ${scripts.size} file(s)`, app.note]);
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Navigation start → first rows of `view`, on a fresh page load each time. */
async function listTimes(page: Page, view: string): Promise<void> {
  const times: number[] = [];
  const apiTimes: number[] = [];
  for (let visit = 0; visit <= VISITS; visit++) {
    await page.goto(`${server.url}/app/list/${view}`);
    const ms = await page.waitForFunction(
      () => performance.getEntriesByName("loom:list-rows")[0]?.startTime,
      undefined,
      { timeout: 60_000 },
    );
    times.push(Number(await ms.jsonValue()));
    // the list request's own share: the page of 50 rows with its count
    apiTimes.push(
      await page.evaluate(
        () =>
          performance
            .getEntriesByType("resource")
            .find((entry) => entry.name.includes("/api/data/"))?.duration ?? Number.NaN,
      ),
    );
  }
  const cold = times[0]!;
  const median = medianOf(times.slice(1));
  const api = medianOf(apiTimes.slice(1));
  figures[`${view}.coldMs`] = round(cold, 0);
  figures[`${view}.warmMedianMs`] = round(median, 0);
  figures[`${view}.listRequestMedianMs`] = round(api, 0);
  rows.push([
    `list ${view}: time to rows`,
    `${round(median, 0)} ms median (cold ${round(cold, 0)} ms)`,
    `navigation start → first rows rendered; ${VISITS} warm visits; the list request ${round(api, 0)} ms of it`,
  ]);
}
