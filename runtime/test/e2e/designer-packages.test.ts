import { readFile } from "node:fs/promises";
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  readPackageInput,
  stampPackage,
  writePackageZip,
} from "../../src/packages/archive/index.ts";
import { SAMPLE_PACKAGES } from "../../src/server/start-server.ts";
import { addUser, PEOPLE, signInThroughPage, useAppServer } from "./support/app-server.ts";
import { newPerson, screenshot, useBrowser } from "./support/browser.ts";

const FIELD = "fax";
const SECRET = "crm_api_key";

/**
 * The sample's acme-custom as a new version exports it from dev: 1.1.0 with a `fax` field on the
 * customer extension and a secret parameter without a default (each environment has its own),
 * stamped with checksums and zipped.
 */
async function acmeCustomWithFax(): Promise<Buffer> {
  const [folder] = await readPackageInput(SAMPLE_PACKAGES[1]!);
  const files = { ...folder!.files };
  const manifest = JSON.parse(files["loom-package.json"]!);
  const secret = {
    type: "text",
    secret: true,
    labels: { en: "CRM API key", "zh-CN": "CRM 接口密钥" },
  };
  files["loom-package.json"] = JSON.stringify({
    ...manifest,
    version: "1.1.0",
    parameters: { [SECRET]: secret },
  });
  const extension = JSON.parse(files["extensions/customer.json"]!);
  extension.fields.push({ name: FIELD, type: "text", labels: { en: "Fax", "zh-CN": "传真" } });
  files["extensions/customer.json"] = JSON.stringify(extension);
  return writePackageZip([{ root: "", files: stampPackage(files) }]);
}

/** A new customization package with one entity of its own, whose table holds business records. */
function acmeVisits(): Promise<Buffer> {
  const manifest = {
    kind: "package",
    name: "acme-visits",
    version: "1.0.0",
    layer: "customization",
    labels: { en: "ACME Visits", "zh-CN": "ACME 拜访" },
    dependsOn: { manufacturing: "^1.0.0" },
  };
  const entity = {
    kind: "entity",
    name: "customer_visit",
    labels: { en: "Customer Visit", "zh-CN": "客户拜访" },
    titleField: "subject",
    fields: [
      { name: "subject", type: "text", labels: { en: "Subject", "zh-CN": "主题" }, required: true },
      { name: "visited_on", type: "date", labels: { en: "Visited On", "zh-CN": "拜访日期" } },
    ],
  };
  return writePackageZip([
    {
      root: "",
      files: stampPackage({
        "loom-package.json": JSON.stringify(manifest),
        "entities/customer_visit.json": JSON.stringify(entity),
      }),
    },
  ]);
}

/**
 * The Packages page of the designer, as IT uses it to promote configuration: an administrator
 * sees the installed packages and exports one; uploads a new version of acme-custom, reviews its
 * preview (the changed file, the step that adds a column), types the secret it lacks and previews
 * again, applies it watching the steps run and gets the new revision; a corrupt archive is refused with the server's message; the page speaks
 * Chinese; a rollback is previewed, then applied; a new package dropped on the page installs, and
 * rolling it back drops its table only once the data loss is confirmed. A consultant gets neither
 * the link nor the page.
 */
describe("the Packages page at /designer/packages", () => {
  const app = useAppServer();
  const chromium = useBrowser();
  let admin: { context: BrowserContext; page: Page };
  let archive: Buffer;

  const review = () => admin.page.getByTestId("import-review");
  const summary = () => review().getByTestId("review-summary").textContent();
  const applyButton = () => review().getByRole("button", { name: "Apply" });
  const whyNot = () => review().locator(".why-not").textContent();
  const row = (name: string) => admin.page.locator(`tr[data-package="${name}"]`);
  const customerFields = async (): Promise<string[]> => {
    const meta = await (await app.fetch(`${app.server.url}/api/meta`)).json();
    return meta.model.entities.customer.fields.map((field: { name: string }) => field.name);
  };
  /** Gives the page a file the way a mouse drops one on the upload zone. */
  const drop = async (page: Page, name: string, bytes: Buffer) => {
    const dataTransfer = await page.evaluateHandle(
      ({ name, base64 }) => {
        const transfer = new DataTransfer();
        const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([data], name, { type: "application/zip" }));
        return transfer;
      },
      { name, base64: bytes.toString("base64") },
    );
    await page.dispatchEvent("[data-testid=drop-zone]", "dragover", { dataTransfer });
    await page.dispatchEvent("[data-testid=drop-zone]", "drop", { dataTransfer });
  };

  beforeAll(async () => {
    await addUser(app.db, PEOPLE.administrator);
    await addUser(app.db, PEOPLE.consultant);
    archive = await acmeCustomWithFax();
    admin = await newPerson(chromium.browser);
  });

  it("lists the installed packages to an administrator, and exports one as a zip", async () => {
    const { page } = admin;
    await signInThroughPage(page, app.server.url, PEOPLE.administrator, "/designer/");
    await page
      .getByRole("navigation", { name: "Designer" })
      .getByRole("link", { name: "Packages" })
      .click();
    await page.getByRole("heading", { name: "Packages", level: 1 }).waitFor();
    await row("acme-custom").waitFor();
    expect(await row("manufacturing").textContent()).toContain("1.0.0");
    expect(await row("acme-custom").textContent()).toContain("manufacturing ^1.0.0");
    // the sample's parameter: its default is in force
    const limit = page.locator('tr[data-parameter="large_order_limit"]');
    expect(await limit.textContent()).toContain("package default");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export acme-custom" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("acme-custom-1.0.0.zip");
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");

    // nothing to roll back to yet: said where the button is, nothing opens
    await page.getByRole("button", { name: "Roll back manufacturing" }).click();
    const refusal = page.locator(".packages-section + .error-box");
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(
      /^Cannot roll back: no earlier revision of package manufacturing/,
    );
    expect(await review().count()).toBe(0);
  });

  it("uploads a new version and shows its preview as a review: the changed file, the add-column step", async () => {
    const { page } = admin;
    await page.getByLabel("Package archive (.zip)").setInputFiles({
      name: "acme-custom-1.1.0.zip",
      mimeType: "application/zip",
      buffer: archive,
    });
    const heading = review().getByRole("heading", {
      name: "Review: import of acme-custom-1.1.0.zip",
    });
    await heading.waitFor();
    // the focus moves to the preview: the keyboard and screen readers start reading it there
    expect(await heading.evaluate((h) => h === document.activeElement)).toBe(true);
    await review().getByRole("heading", { name: "acme-custom: 1.0.0 → 1.1.0 (upgrade)" }).waitFor();
    const files = review().getByTestId("changed-files");
    expect(await files.textContent()).toContain("extensions/customer.json");
    expect(await files.locator("li.change.changed").allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining("extensions/customer.json")]),
    );
    expect(await review().getByTestId("plan-steps").textContent()).toContain(
      `add column customer.${FIELD}`,
    );
    expect(await review().locator("li.data-losing").count()).toBe(0);
    expect(await summary()).toBe(`Cannot be applied yet — no value for ${SECRET}.`);
    expect(await applyButton().getAttribute("aria-disabled")).toBe("true");
    await screenshot(page, "designer-packages-blocked");
  });

  it("takes the missing secret, and Apply waits for the preview with it", async () => {
    const { page } = admin;
    const input = review().getByLabel("Value of CRM API key");
    expect(await input.getAttribute("type")).toBe("password");
    expect(await input.inputValue()).toBe("");
    await input.fill("s3cret-crm-key");
    // what was previewed is not what would be applied: preview again first
    expect(await whyNot()).toBe(
      "The values typed differ from those previewed: Preview again first.",
    );
    expect(await applyButton().getAttribute("aria-disabled")).toBe("true");
    await review().getByRole("button", { name: "Preview again" }).click();
    await review()
      .getByTestId("review-summary")
      .filter({ hasText: /^Ready to apply/ })
      .waitFor();
    expect(await applyButton().getAttribute("aria-disabled")).toBe("false");
    // the value is given, never shown back
    expect(await review().locator(`tr[data-parameter="${SECRET}"]`).textContent()).toContain(
      "********",
    );
    expect(await review().getByTestId("plan-steps").textContent()).toContain(
      `add column customer.${FIELD}`,
    );
    await screenshot(page, "designer-packages-preview");
  });

  it("applies it, showing each step as it runs, then the new revision: the field exists", async () => {
    const { page } = admin;
    await applyButton().click();
    const result = review().getByTestId("apply-result");
    await result.waitFor();
    expect(await result.textContent()).toMatch(/^Applied: revision \d+ is live\.$/);
    expect(await review().getByTestId("progress-text").textContent()).toBe(
      "Done — database steps applied: 1.",
    );
    // each step as the server started it
    expect(await review().getByTestId("steps-run").textContent()).toContain(
      `add column customer.${FIELD}`,
    );
    const bar = review().getByRole("progressbar", { name: "Progress of the import" });
    expect(await bar.getAttribute("aria-valuenow")).toBe(await bar.getAttribute("aria-valuemax"));
    // the installed list is read again
    await row("acme-custom").filter({ hasText: "1.1.0" }).waitFor();
    expect(await customerFields()).toContain(FIELD);
    // the secret came with the import: set here, masked, its input empty
    const secret = page.locator(`.packages-section tr[data-parameter="${SECRET}"]`);
    expect(await secret.textContent()).toContain("******** set here");
    expect(await secret.getByLabel("Value of CRM API key").inputValue()).toBe("");
    const stored = await app.db.run((k) =>
      k.raw(`SELECT value FROM loom_sys.parameter_values WHERE name = ?`, [SECRET]),
    );
    expect(stored.rows).toEqual([{ value: "s3cret-crm-key" }]);
    await screenshot(page, "designer-packages-applied");
  });

  it("refuses a corrupt archive dropped on the page with the server's message", async () => {
    const { page } = admin;
    await review().getByRole("button", { name: "Close" }).click();
    await drop(page, "broken.zip", Buffer.from("PK\u0003\u0004 this is not a zip archive at all"));
    const refusal = page.locator(".packages-section .error-box");
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(
      /^Not accepted: the archive was refused before anything changed/,
    );
    expect(await refusal.textContent()).toContain("[archive-refused]");
    expect(await review().count()).toBe(0);
    await screenshot(page, "designer-packages-refused");
  });

  it("speaks Chinese: the same archive again has nothing to do, and Apply says so", async () => {
    const { page } = admin;
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
    await page.getByRole("heading", { name: "配置包", level: 1 }).waitFor();
    await page.getByRole("link", { name: "配置包" }).waitFor();
    await page.getByRole("heading", { name: "已安装的配置包" }).waitFor();
    await page.getByLabel("配置包文件（.zip）").setInputFiles({
      name: "acme-custom-1.1.0.zip",
      mimeType: "application/zip",
      buffer: archive,
    });
    await review().getByRole("heading", { name: "审阅：导入 acme-custom-1.1.0.zip" }).waitFor();
    expect(await review().getByTestId("review-summary").textContent()).toBe(
      "无需任何操作：这些配置包已按此安装。",
    );
    const apply = review().getByRole("button", { name: "应用" });
    expect(await apply.getAttribute("aria-disabled")).toBe("true");
    // it keeps the keyboard's focus, and does nothing
    await apply.focus();
    await page.keyboard.press("Enter");
    expect(await review().getByTestId("apply-result").count()).toBe(0);
    await screenshot(page, "designer-packages-zh");
    await review().getByRole("button", { name: "取消" }).click();
    await page.getByRole("combobox", { name: "语言" }).selectOption("en");
  });

  it("rolls acme-custom back to 1.0.0 after previewing it: the field is gone from the model", async () => {
    const { page } = admin;
    await page.getByRole("button", { name: "Roll back acme-custom" }).click();
    await review().getByRole("heading", { name: "Review: roll back acme-custom" }).waitFor();
    await review()
      .getByRole("heading", { name: "acme-custom: 1.1.0 → 1.0.0 (downgrade)" })
      .waitFor();
    expect(await review().getByTestId("plan-steps").textContent()).toContain(FIELD);
    await review().getByRole("button", { name: "Roll back" }).click();
    const result = review().getByTestId("apply-result");
    await result.waitFor();
    expect(await result.textContent()).toMatch(/^Rolled back: revision \d+ is live\.$/);
    await row("acme-custom").filter({ hasText: "1.0.0" }).waitFor();
    expect(await customerFields()).not.toContain(FIELD);
  });

  it("installs a dropped package, and rolls it back only once dropping its table is confirmed", async () => {
    const { page } = admin;
    await drop(page, "acme-visits-1.0.0.zip", await acmeVisits());
    await review().getByRole("heading", { name: "acme-visits: — → 1.0.0 (new)" }).waitFor();
    await applyButton().click();
    await review()
      .getByTestId("apply-result")
      .filter({ hasText: /^Applied: revision \d+ is live\.$/ })
      .waitFor();
    await app.db.run((k) =>
      k.raw(`INSERT INTO app.customer_visit (id, subject) VALUES (gen_random_uuid(), 'Kick-off')`),
    );

    await page.getByRole("button", { name: "Roll back acme-visits" }).click();
    await review().getByRole("heading", { name: "Review: roll back acme-visits" }).waitFor();
    await review().getByRole("heading", { name: "acme-visits: 1.0.0 → — (removed)" }).waitFor();
    expect(await review().locator("li.data-losing").textContent()).toContain("customer_visit");
    await review().getByText("Some of these steps delete data").waitFor();
    const rollBack = review().getByRole("button", { name: "Roll back" });
    expect(await rollBack.getAttribute("aria-disabled")).toBe("true");
    expect(await whyNot()).toBe("Confirm the data loss first.");
    await screenshot(page, "designer-packages-data-loss");
    await review().getByLabel("I understand these steps delete data").check();
    expect(await rollBack.getAttribute("aria-disabled")).toBe("false");
    await rollBack.click();
    await review()
      .getByTestId("apply-result")
      .filter({ hasText: /^Rolled back: revision \d+ is live\.$/ })
      .waitFor();
    await row("acme-visits").waitFor({ state: "detached" });
  });

  it("gives a consultant no Packages link, and the page refuses them", async () => {
    const { page, context } = await newPerson(chromium.browser);
    await signInThroughPage(page, app.server.url, PEOPLE.consultant, "/designer/");
    const nav = page.getByRole("navigation", { name: "Designer" });
    await nav.getByRole("link", { name: "Entities" }).waitFor();
    expect(await nav.getByRole("link", { name: "Packages" }).count()).toBe(0);
    await page.goto(`${app.server.url}/designer/packages`);
    await page.getByRole("heading", { name: "Packages are for administrators" }).waitFor();
    expect(await page.getByLabel("Package archive (.zip)").count()).toBe(0);
    // the server refuses them too
    expect((await page.request.get(`${app.server.url}/api/packages`)).status()).toBe(403);
    await context.close();
  });
});
