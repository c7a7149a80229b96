import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "./chromium.ts";

/** Where the tests leave their screenshots (git-ignored), to be looked at. */
export const SCREENSHOTS = fileURLToPath(new URL("../screenshots/", import.meta.url));

/** One headless Chromium for the tests of a file; each user gets a context (cookies) of their own. */
export function useBrowser(): { readonly browser: Browser } {
  const state = {} as { browser: Browser };
  beforeAll(async () => {
    state.browser = await launchChromium();
  });
  afterAll(async () => {
    await state.browser?.close();
  });
  return state;
}

/** A new browser context (a person at their own browser), 1280×800, in `language`. */
export async function newPerson(
  browser: Browser,
  language: "en" | "zh-CN" = "en",
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: language,
  });
  const page = await context.newPage();
  // a failing page script fails the test, not just a console line nobody reads
  page.on("pageerror", (error) => {
    throw error;
  });
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = `${SCREENSHOTS}${name}.png`;
  // a full-page capture keeps the viewport's height: a sticky bar would sit over the content
  await page.screenshot({
    path: file,
    fullPage: true,
    style: ".form-actions { position: static !important; }",
  });
  return file;
}
