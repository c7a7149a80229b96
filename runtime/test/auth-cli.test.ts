import { type ChildProcess, spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../src/auth/passwords.ts";
import { findUserForLogin } from "../src/auth/users.ts";
import { openDatabase } from "../src/db/open-database.ts";
import { freshPgliteDataDir } from "./support/databases.ts";
import { LOOM, loom as runLoom } from "./support/run-loom.ts";

/** `loom <args>` on the data folder, `input` on its standard input */
const loom = (dataDir: string, args: string[], input = "") =>
  runLoom(["--data-dir", dataDir, ...args], {}, input);

/** the one-time password in a box printed on stdout */
const boxedPassword = (stdout: string) => /│\s+password: (\S+)\s+│/.exec(stdout)?.[1];

/** the stored user with a check of a password against its hash (the process has exited) */
async function storedUser(dataDir: string, username: string, password: string) {
  const db = await openDatabase({ dataDir });
  try {
    const user = await db.run((k) => findUserForLogin(k, username));
    return user && { ...user, passwordMatches: await verifyPassword(user.passwordHash, password) };
  } finally {
    await db.close();
  }
}

describe("loom user", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await freshPgliteDataDir();
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("adds a user with roles, typed attributes and the password from stdin", async () => {
    const password = "from stdin, long enough";
    const run = await loom(
      dataDir,
      [
        "user",
        "add",
        "wang",
        "--role",
        "sales_rep",
        "--role",
        "clerk",
        "--attr",
        "department=export",
        "--attr",
        "limit=5000",
        "--display-name",
        "Wang Fang",
        "--password-stdin",
      ],
      `${password}\n`,
    );
    expect(run.stderr).toContain('warning: no installed package defines the role "sales_rep"');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe("added user wang (roles: sales_rep, clerk)\n");
    const user = await storedUser(dataDir, "wang", password);
    expect(user).toMatchObject({
      username: "wang",
      displayName: "Wang Fang",
      roles: ["sales_rep", "clerk"],
      attributes: { department: "export", limit: 5000 },
      mustChangePassword: false,
      passwordMatches: true,
    });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("prints a one-time password without --password-stdin", async () => {
    const run = await loom(dataDir, ["user", "add", "li", "--role", "sales_manager"]);
    expect(run.code, run.stderr).toBe(0);
    const password = boxedPassword(run.stdout)!;
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await storedUser(dataDir, "li", password)).toMatchObject({
      mustChangePassword: true,
      passwordMatches: true,
    });
  });

  it("refuses a taken username in any case, a short password and a bad attribute, in the CLI's error style", async () => {
    const taken = await loom(
      dataDir,
      ["user", "add", "WANG", "--password-stdin"],
      "another long password",
    );
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('error [user-exists]: a user named "WANG" already exists');
    expect(taken.stderr).toContain("next: ");
    const short = await loom(dataDir, ["user", "add", "zhao", "--password-stdin"], "short\n");
    expect(short.code).toBe(1);
    expect(short.stderr).toContain(
      "error [weak-password]: a password needs at least 12 characters",
    );
    const attr = await loom(dataDir, ["user", "add", "zhao", "--attr", "username=x"]);
    expect(attr.code).toBe(1);
    expect(attr.stderr).toContain("error [invalid-attribute]");
    expect(`${taken.stderr}${short.stderr}`).not.toContain("another long password");
  });

  it("resets a password to a new one-time password, and refuses an unknown user", async () => {
    const run = await loom(dataDir, ["user", "reset", "wang"]);
    expect(run.code, run.stderr).toBe(0);
    const password = boxedPassword(run.stdout)!;
    expect(await storedUser(dataDir, "wang", password)).toMatchObject({
      mustChangePassword: true,
      passwordMatches: true,
    });
    const unknown = await loom(dataDir, ["user", "reset", "nobody"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error [unknown-user]: there is no user named "nobody"');
  });

  it("lists the users with roles, state and attributes", async () => {
    const run = await loom(dataDir, ["user", "list"]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^USERNAME\s+NAME\s+ROLES\s+STATE\s+ATTRIBUTES$/);
    expect(lines[1]).toMatch(/^li\s+sales_manager\s+active, one-time password$/);
    expect(lines[2]).toMatch(
      /^wang\s+Wang Fang\s+sales_rep,clerk\s+active, one-time password\s+\{"limit":5000,"department":"export"\}$/,
    );
  });
});

/** `loom start` on the data folder until `stop()`; resolves once it listens */
function start(
  dataDir: string,
): Promise<{ child: ChildProcess; url: string; stdout: () => string }> {
  const child = spawn(
    process.execPath,
    [LOOM, "--data-dir", dataDir, "start", "--port", "0", "--no-sample"],
    {
      env: { ...process.env, DATABASE_URL: "", LOOM_LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const match = /"url":"(http:[^"]+)"/.exec(stdout);
      if (match) resolve({ child, url: match[1]!, stdout: () => stdout });
    });
    child.on("exit", (code) => reject(new Error(`exited ${code} before listening: ${stdout}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

describe("the first start on a database without users", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await freshPgliteDataDir();
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("creates admin and prints its one-time password once, outside the logs", async () => {
    const first = await start(dataDir);
    let password: string;
    try {
      const stdout = first.stdout();
      password = boxedPassword(stdout)!;
      expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
      expect(stdout).toContain("username: admin");
      const logLines = stdout.split("\n").filter((line) => line.startsWith("{"));
      expect(logLines.some((line) => line.includes("created the first administrator"))).toBe(true);
      for (const line of logLines) expect(line).not.toContain(password);

      const res = await fetch(`${first.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password }),
      });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.user).toMatchObject({
        username: "admin",
        roles: ["admin"],
        mustChangePassword: true,
      });
      const blocked = await fetch(`${first.url}/api/meta`, {
        headers: { authorization: `Bearer ${body.token}` },
      });
      expect(blocked.status).toBe(403);
    } finally {
      await stop(first.child);
    }
    const again = await start(dataDir);
    await stop(again.child);
    expect(again.stdout()).not.toContain("password:");
    expect(again.stdout()).not.toContain(password);
  });
});
