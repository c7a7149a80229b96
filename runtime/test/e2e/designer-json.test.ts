import { gzipSync } from "node:zlib";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { addUser, PEOPLE, signInThroughPage, useAppServer } from "./support/app-server.ts";
import { newPerson, screenshot, useBrowser } from "./support/browser.ts";

const FIELD = "json_note";

/**
 * The JSON view and the expression editor in the browser: the consultant opens
 * extensions/sales_order.json, sees the schema's error on a property it does not allow, fixes it
 * and adds a field there, which the entity designer then shows; builds a visibleIf with the
 * condition builder, reads its JSON, completes a field name in the JSON editor and sees the
 * engine's error for a field that does not exist. Monaco is not part of the designer's first load.
 */
describe("the designer's JSON view and expression editor", () => {
  const app = useAppServer();
  const chromium = useBrowser();
  let page: Page;
  /** the scripts the browser fetched, with their text */
  const scripts = new Map<string, string>();
  /** what the browser refused under the page's Content-Security-Policy (monaco's workers, styles) */
  const refused: string[] = [];

  /** the scripts holding monaco: its environment hook (workers) is read by monaco and set up by us */
  const monacoScripts = () =>
    [...scripts].filter(([, text]) => text.includes("MonacoEnvironment")).map(([url]) => url);
  const problems = () => page.getByTestId("draft-problems");
  /** monaco's own editor in `within` (its text area carries the editor's label) */
  const editorIn = (within: Locator | Page) => within.locator(".monaco-editor").first();
  /** the text monaco shows in `within`, without white space (wrapped lines are indented) */
  const textIn = async (within: Locator | Page) =>
    ((await editorIn(within).locator(".view-lines").textContent()) ?? "").replace(/\s+/g, "");
  const compact = (text: string) => text.replace(/\s+/g, "");
  /** types into the monaco editor of `within`, at the end of its text when `replace` is false */
  const typeIn = async (within: Locator | Page, text: string, replace = true) => {
    await editorIn(within).locator(".view-lines").click();
    if (replace) {
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.press("Backspace");
    }
    await page.keyboard.type(text);
  };

  beforeAll(async () => {
    await addUser(app.db, PEOPLE.consultant);
    ({ page } = await newPerson(chromium.browser));
    page.on("console", (message) => {
      if (message.type() === "error" && /Content.Security.Policy/i.test(message.text()))
        refused.push(message.text());
    });
    page.on("response", async (response) => {
      if (response.url().endsWith(".js") && response.ok())
        scripts.set(response.url(), await response.text().catch(() => ""));
    });
  });

  it("loads the entity designer without monaco", async () => {
    await signInThroughPage(
      page,
      app.server.url,
      PEOPLE.consultant,
      "/designer/entities/sales_order",
    );
    await page.getByRole("heading", { name: /^Sales Order/ }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(scripts.size).toBeGreaterThan(0);
    expect(monacoScripts()).toEqual([]);
    const gzip = [...scripts.values()].reduce((sum, text) => sum + gzipSync(text).length, 0);
    console.info(`designer first load: ${(gzip / 1024).toFixed(1)} KB of JS (gzip), no monaco`);
  });

  it("shows the schema's error on a property the file's kind does not allow, until it is fixed", async () => {
    await page.getByRole("link", { name: "JSON", exact: true }).click();
    const tree = page.getByRole("navigation", { name: "Files" });
    await tree.getByRole("link", { name: "sales_order.json" }).first().click();
    await page.waitForURL(/\/designer\/json\/extensions\/sales_order$/);
    await page.getByRole("heading", { name: "extensions/sales_order.json" }).waitFor();
    const editor = editorIn(page);
    await editor.waitFor();
    expect(monacoScripts().length).toBeGreaterThan(0);
    expect(await page.locator(".json-meta").textContent()).toContain("kind: entity-extension");

    // a property no entity extension has, as the first one of the file
    await editor.locator(".view-lines").click();
    await page.keyboard.press("ControlOrMeta+Home");
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.type('"colour": "red",');
    const squiggle = editor.locator(".squiggly-error").first();
    await squiggle.waitFor();
    // the engine finds it too, as it will at publish
    await problems()
      .filter({ hasText: /^1 problem$/ })
      .waitFor();
    // hover the key itself: the squiggle's box may lie over the next line's key, whose
    // description monaco then shows instead of the error
    const key = editor.locator(".view-line span span", { hasText: /^"colour"$/ }).first();
    const hover = page.locator(".monaco-hover:not(.hidden)");
    await expect
      .poll(async () => {
        await key.hover();
        await page.waitForTimeout(300);
        return (await hover.allTextContents()).join(" ");
      })
      .toContain("Property colour is not allowed");
    expect((await hover.allTextContents()).join(" ")).toContain('unknown property "colour"');
    await screenshot(page, "designer-json-schema-error");

    // fixed: the line goes again
    await editor.locator(".view-lines").click();
    await page.keyboard.press("ControlOrMeta+Home");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Home");
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Delete");
    await problems()
      .filter({ hasText: /^0 problems$/ })
      .waitFor();
    await expect.poll(() => editor.locator(".squiggly-error").count()).toBe(0);
  });

  it("shows a file of the package the draft builds on, read only", async () => {
    const tree = page.getByRole("navigation", { name: "Files" });
    const base = tree.locator("details", { hasText: "manufacturing (read only)" });
    await base.getByText("manufacturing (read only)").click();
    // entities/customer.json: the entities folder comes before forms/
    await base.getByRole("link", { name: "customer.json" }).first().click();
    await page.waitForURL(/\/designer\/json\/entities\/customer\?package=manufacturing$/);
    await page.getByText("customer.json belongs to manufacturing").waitFor();
    const editor = editorIn(page);
    await expect.poll(() => textIn(page)).toContain(compact('"kind": "entity"'));
    await editor.locator(".view-lines").click();
    await page.keyboard.type("x");
    // monaco says it cannot be changed, and the text stays
    await page.locator(".monaco-editor-overlaymessage").waitFor();
    expect(await textIn(page)).not.toContain("x{");
    await page.goBack();
    await page.getByRole("heading", { name: "extensions/sales_order.json" }).waitFor();
  });

  it("adds a field in the JSON view that the entity designer then shows", async () => {
    const editor = editorIn(page);
    // the first line inside "fields": [ (line 4 of the sample's file)
    await editor.locator(".view-lines").click();
    await page.keyboard.press("ControlOrMeta+Home");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.type(
      `{ "name": "${FIELD}", "type": "text", "labels": { "en": "JSON Note", "zh-CN": "JSON 备注" } },`,
    );
    await problems()
      .filter({ hasText: /^0 problems$/ })
      .waitFor();
    await page.getByRole("link", { name: "Open in the entity designer" }).click();
    await page.getByRole("heading", { name: /^Sales Order/ }).waitFor();
    const row = page.locator(`tr[data-field=${FIELD}]`);
    await row.waitFor();
    expect(await row.getByLabel(`Chinese label — ${FIELD}`).inputValue()).toBe("JSON 备注");
  });

  it("builds a visibleIf from a field, an operator and a value, and shows its JSON", async () => {
    const row = page.locator(`tr[data-field=${FIELD}]`);
    await row.getByRole("button", { name: `Details of ${FIELD}` }).click();
    const visibleIf = page.getByRole("group", { name: "Visible if (json-logic)" });
    await visibleIf.getByRole("button", { name: "Add condition" }).click();
    const condition = visibleIf.getByRole("group", { name: "Condition 1" });
    await condition.getByLabel("Field").selectOption("status");
    // a choice field compares with its options, by their labels
    expect(await condition.getByLabel("Operator").locator("option").allTextContents()).toEqual([
      "=",
      "≠",
      "is one of",
      "is empty",
      "is not empty",
    ]);
    await condition.getByLabel("Value").selectOption({ label: "Rejected" });
    const json = visibleIf.locator(".expression-json code");
    await expect.poll(() => json.textContent()).toBe('{"==": [{"var": "status"}, "rejected"]}');
    await problems()
      .filter({ hasText: /^0 problems$/ })
      .waitFor();
    await screenshot(page, "designer-expression-builder");

    // the JSON view shows what the builder wrote: the same draft
    await page.getByRole("link", { name: "Open in JSON" }).click();
    await page.waitForURL(/\/designer\/json\/extensions\/sales_order$/);
    await expect
      .poll(() => textIn(page))
      .toContain(compact('"visibleIf": {"==": [{"var": "status"}, "rejected"]}'));
    await page.goBack();
    await page
      .locator(`tr[data-field=${FIELD}]`)
      .getByRole("button", { name: `Details of ${FIELD}` })
      .click();
  });

  it("completes a field name as JSON, and shows the engine's error for an unknown field", async () => {
    const visibleIf = page.getByRole("group", { name: "Visible if (json-logic)" });
    await visibleIf.getByRole("button", { name: "JSON" }).click();
    const editor = editorIn(visibleIf);
    await editor.waitFor();
    await expect
      .poll(() => textIn(visibleIf))
      .toBe(compact('{"==": [{"var": "status"}, "rejected"]}'));

    await typeIn(visibleIf, '{"==": [{"var": "sales_ch');
    // offered as it is typed inside {"var": ...}, with the field's type and label
    const suggestion = page
      .locator(".suggest-widget .monaco-list-row")
      .filter({ hasText: "sales_channel" });
    // (asked for with Ctrl+Space too: typing faster than a person may outrun the quick suggestion)
    await page.keyboard.press("Control+Space");
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toContain("Sales Channel");
    await screenshot(page, "designer-expression-completion");
    await page.keyboard.press("Enter");
    // after the var's object, before the closing "]}"
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.type(', "export"');
    await expect
      .poll(() => textIn(visibleIf))
      .toBe(compact('{"==": [{"var": "sales_channel"}, "export"]}'));
    // the builder reads it back as a row
    await visibleIf.getByRole("button", { name: "Conditions" }).click();
    const condition = visibleIf.getByRole("group", { name: "Condition 1" });
    expect(await condition.getByLabel("Field").inputValue()).toBe("sales_channel");
    expect(await condition.getByLabel("Value").inputValue()).toBe("export");

    await visibleIf.getByRole("button", { name: "JSON" }).click();
    await typeIn(visibleIf, '{"==": [{"var": "no_such_field"}, "x"]}');
    const errors = visibleIf.locator(".expression-errors");
    await expect.poll(() => errors.textContent()).toContain('has no field "no_such_field"');
    await editor.locator(".squiggly-error").first().waitFor();
    // the builder cannot show it, and says so instead of dropping it
    await visibleIf.getByRole("button", { name: "Conditions" }).click();
    await visibleIf.getByRole("button", { name: "Edit as JSON" }).waitFor();
    await visibleIf.getByRole("button", { name: "Edit as JSON" }).click();
    await screenshot(page, "designer-expression-error");
    await typeIn(visibleIf, "");
    await problems()
      .filter({ hasText: /^0 problems$/ })
      .waitFor();
    expect(await errors.count()).toBe(0);
  });

  it("runs monaco and its workers under the designer's Content-Security-Policy", () => {
    expect(refused).toEqual([]);
  });
});
