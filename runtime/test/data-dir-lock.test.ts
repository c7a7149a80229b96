import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { type DataDirLock, LOCK_FILE_NAME, lockDataDir } from "../src/db/data-dir-lock.ts";
import { openDatabase } from "../src/db/open-database.ts";
import { freshPgliteDataDir } from "./support/databases.ts";

const holder = fileURLToPath(new URL("./support/hold-database.ts", import.meta.url));

interface Child {
  process: ChildProcess;
  /** resolves with "open" once the child holds the database, or with its exit code and stderr */
  outcome: Promise<{ opened: true } | { opened: false; code: number | null; stderr: string }>;
}

function spawnHolder(dataDir: string): Child {
  const child = spawn(process.execPath, ["--import", "tsx", holder, dataDir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const outcome = new Promise<Awaited<Child["outcome"]>>((resolve) => {
    child.stdout.on("data", (chunk) => {
      if (String(chunk).includes("open")) resolve({ opened: true });
    });
    child.on("exit", (code) => resolve({ opened: false, code, stderr }));
  });
  return { process: child, outcome };
}

function killAndWait(child: ChildProcess): Promise<unknown> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.on("exit", resolve));
  child.kill("SIGKILL");
  return exited;
}

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe("the data folder lock", () => {
  it("refuses a second process, naming the folder and the pid that holds it", async () => {
    const dataDir = await freshPgliteDataDir();
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const db = await openDatabase({ dataDir });
    cleanup.push(() => db.close());

    const outcome = await spawnHolder(dataDir).outcome;

    expect(outcome).toMatchObject({ opened: false, code: 3 });
    const { stderr } = outcome as { stderr: string };
    expect(stderr).toContain(dataDir);
    expect(stderr).toContain(`process ${process.pid}`);
    // the refused process must not have touched the database
    const rows = await db.run(
      async (k) => (await k.raw("SELECT to_regclass('held_by') AS t")).rows,
    );
    expect(rows[0].t).toBeNull();
  });

  it("refuses a second open of the same folder within one process", async () => {
    const dataDir = await freshPgliteDataDir();
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const db = await openDatabase({ dataDir });
    cleanup.push(() => db.close());

    await expect(openDatabase({ dataDir })).rejects.toMatchObject({ code: "data-dir-locked" });
  });

  it("takes over the lock of a killed process and finds its committed data", async () => {
    const dataDir = await freshPgliteDataDir();
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const child = spawnHolder(dataDir);
    expect(await child.outcome).toEqual({ opened: true });
    await killAndWait(child.process);
    expect(existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(true);

    const db = await openDatabase({ dataDir });
    cleanup.push(() => db.close());

    const rows = await db.run(async (k) => (await k.raw("SELECT pid FROM held_by")).rows);
    expect(rows).toEqual([{ pid: child.process.pid }]);
  });

  it("removes the lock file on close, so the next process opens at once", async () => {
    const dataDir = await freshPgliteDataDir();
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const db = await openDatabase({ dataDir });
    expect(existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(true);
    await db.close();
    expect(existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);

    const child = spawnHolder(dataDir);
    cleanup.push(() => killAndWait(child.process));
    expect(await child.outcome).toEqual({ opened: true });
  });
});

describe("lockDataDir", () => {
  it("lets exactly one of several simultaneous openers take over a stale lock", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "loom-lock-"));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => dead.on("exit", resolve));
    await writeFile(
      path.join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: dead.pid, hostname: hostname(), startedAt: "earlier" }),
    );

    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => lockDataDir(dir)));

    const won = outcomes.filter((o) => o.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const lost of outcomes.filter((o) => o.status === "rejected")) {
      expect(lost.reason).toMatchObject({ code: "data-dir-locked" });
    }
    const holder = JSON.parse(await readFile(path.join(dir, LOCK_FILE_NAME), "utf8"));
    expect(holder.pid).toBe(process.pid);
    (won[0] as PromiseFulfilledResult<DataDirLock>).value.release();
    expect(existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it("treats a lock file left empty by a writer that died as stale", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "loom-lock-"));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(path.join(dir, LOCK_FILE_NAME), "");

    const lock = await lockDataDir(dir);

    lock.release();
  });
});
