import { beforeAll, describe, expect, it } from "vitest";
import { signIn, TEST_PASSWORD } from "../support/auth.ts";
import { useAppServer } from "./support/app-server.ts";
import { newPerson, useBrowser } from "./support/browser.ts";

/** Signing in and out, and the password change a one-time password demands. */
describe("signing in to the app", () => {
  const app = useAppServer();
  const chromium = useBrowser();

  beforeAll(async () => {
    await signIn(app.db, { username: "new.hire", roles: ["sales_rep"], mustChangePassword: true });
  });

  it("refuses a wrong password, then asks a one-time password's user to choose their own", async () => {
    const { page, context } = await newPerson(chromium.browser);
    await page.goto(`${app.server.url}/`);
    await page.waitForURL(/\/app\/$/);
    await page.fill("#username", "new.hire");
    await page.fill("#password", "not the password");
    await page.click("button[type=submit]");
    await page.getByText("Wrong username or password.").waitFor();

    await page.fill("#password", TEST_PASSWORD);
    await page.click("button[type=submit]");
    await page.getByRole("heading", { name: "Change password" }).waitFor();
    await page.fill("#current-password", TEST_PASSWORD);
    await page.fill("#new-password", "a brand new passphrase 42");
    await page.fill("#repeat-password", "a brand new passphrase 42");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByTestId("user-name").waitFor();
    expect(await page.textContent("[data-testid=user-name]")).toBe("new.hire");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.locator("#username").waitFor();
    // the session is gone on the server too: the API refuses the old cookie
    const me = await page.evaluate(async () => (await fetch("/api/auth/me")).status);
    expect(me).toBe(401);
    await context.close();
  });

  it("serves the app's files without a session and keeps the API closed", async () => {
    const page = await fetch(`${app.server.url}/app/record/sales_order/new`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-cache");
    const html = await page.text();
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${app.server.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(page.headers.get("content-security-policy")).toContain(
      "script-src 'self' 'unsafe-eval'",
    );
    expect((await fetch(`${app.server.url}/app/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${app.server.url}/api/meta`)).status).toBe(401);
  });

  it("serves the designer's files the same way under /designer, its API closed too", async () => {
    const page = await fetch(`${app.server.url}/designer/entities/sales_order`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-cache");
    expect(page.headers.get("content-security-policy")).toContain(
      "script-src 'self' 'unsafe-eval'",
    );
    const script = /src="(\/designer\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${app.server.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await fetch(`${app.server.url}/designer/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${app.server.url}/api/designer/draft`)).status).toBe(401);
  });
});
