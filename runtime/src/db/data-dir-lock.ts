import { readFileSync, unlinkSync, utimesSync } from "node:fs";
import { mkdir, open, readFile, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { LoomError } from "@loom/engine";
import { type Gate, serialGate } from "./serial-gate.ts";

/**
 * An exclusive lock on a PGlite data folder: two processes opening one folder corrupt it for good.
 *
 * Why a hand-rolled pid file rather than proper-lockfile: the lock must be taken over at once when
 * its holder was killed (`kill -9`, a crash), and on one machine "is that pid alive" answers that
 * exactly, where an mtime-only lock makes the next start wait out a staleness window. The file is
 * created with `open(…, "wx")`, which is atomic (one creator wins); a stale file is removed under a
 * second short-lived "takeover" lock, so two processes finding the same dead holder cannot both
 * win. A holder on another host (a shared volume) cannot be probed by pid, so the holder touches
 * the file periodically and a foreign lock counts as stale only once it stops being touched.
 * Known limits: a pid reused by an unrelated process keeps the lock "alive" (the message names the
 * pid and the file, so a person can decide), and a process dying inside the few-millisecond
 * takeover leaves a takeover file that the next opener clears.
 */
export interface DataDirLock {
  readonly file: string;
  /** synchronous, so it also runs from the process `exit` handler */
  release(): void;
}

export const LOCK_FILE_NAME = "loom.lock";

interface Holder {
  pid: number;
  hostname: string;
  startedAt: string;
}

interface FoundLock {
  raw: string;
  /** undefined when the file stays empty or unreadable: its writer died between create and write */
  holder?: Holder;
  modifiedAt: number;
}

const TOUCH_INTERVAL_MS = 15_000;
const FOREIGN_STALE_MS = 60_000;
const ATTEMPTS = 5;

/** lock file → the exact text this process wrote, so we never remove a lock that is not ours */
const held = new Map<string, { content: string; timer: NodeJS.Timeout }>();
/** attempts on one folder from within this process run one after the other */
const attempts = new Map<string, Gate>();
let exitHookInstalled = false;

export async function lockDataDir(dir: string): Promise<DataDirLock> {
  const folder = path.resolve(dir);
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, LOCK_FILE_NAME);
  // Within one process the pid cannot tell two openers apart, so they take turns; the file
  // operations below only have to settle races between processes.
  const gate = attempts.get(file) ?? serialGate();
  attempts.set(file, gate);
  return gate.enter(() => acquire(folder, file));
}

async function acquire(folder: string, file: string): Promise<DataDirLock> {
  const content = JSON.stringify({
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
  } satisfies Holder);

  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await createExclusive(file, content)) {
      hold(file, content);
      return { file, release: () => release(file) };
    }
    const found = await readLock(file);
    if (!found) continue;
    if (isAlive(file, found)) throw lockedError(folder, file, found);
    await takeOver(file, found.raw, content);
  }
  throw new LoomError(
    "data-dir-locked",
    `could not take the lock on data folder ${folder}: other processes keep competing for it (lock file ${file})`,
  );
}

async function createExclusive(file: string, content: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, "wx");
  } catch (error) {
    if (errorCode(error) === "EEXIST") return false;
    throw error;
  }
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/** Reads a lock, giving a writer that has just created it a moment to write its content. */
async function readLock(file: string): Promise<FoundLock | undefined> {
  for (let wait = 1; ; wait++) {
    let raw: string;
    let modifiedAt: number;
    try {
      raw = await readFile(file, "utf8");
      modifiedAt = (await stat(file)).mtimeMs;
    } catch (error) {
      if (errorCode(error) === "ENOENT") return undefined;
      throw error;
    }
    const holder = parseHolder(raw);
    if (holder || wait === 10) return { raw, holder, modifiedAt };
    await sleep(100);
  }
}

function parseHolder(raw: string): Holder | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== "object" || value === null) return undefined;
    const { pid, hostname, startedAt } = value as Record<string, unknown>;
    if (typeof pid !== "number" || typeof hostname !== "string") return undefined;
    return { pid, hostname, startedAt: typeof startedAt === "string" ? startedAt : "?" };
  } catch {
    return undefined;
  }
}

function isAlive(file: string, { holder, modifiedAt }: FoundLock): boolean {
  if (!holder) return false;
  if (holder.hostname !== hostname()) return Date.now() - modifiedAt < FOREIGN_STALE_MS;
  // Our own pid: alive only if this very process holds it; otherwise an earlier process that had
  // the same pid (common in containers, where the server is often pid 1) left it behind.
  if (holder.pid === process.pid) return held.has(file);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user
    return errorCode(error) === "EPERM";
  }
}

async function takeOver(file: string, staleRaw: string, content: string): Promise<void> {
  const guard = `${file}.takeover`;
  if (!(await createExclusive(guard, content))) {
    const other = await readLock(guard);
    if (other && isAlive(guard, other)) await sleep(200);
    else await unlinkQuietly(guard);
    return;
  }
  try {
    // Only the stale file we inspected may go: another process may have replaced it meanwhile.
    const current = await readFile(file, "utf8").catch(() => undefined);
    if (current === staleRaw) await unlinkQuietly(file);
  } finally {
    await unlinkQuietly(guard);
  }
}

function hold(file: string, content: string): void {
  const timer = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(file, now, now);
    } catch {
      // the file is gone: nothing to keep fresh; release() or the next opener sorts it out
    }
  }, TOUCH_INTERVAL_MS);
  timer.unref();
  held.set(file, { content, timer });
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      for (const lock of [...held.keys()]) release(lock);
    });
  }
}

function release(file: string): void {
  const lock = held.get(file);
  if (!lock) return;
  held.delete(file);
  clearInterval(lock.timer);
  try {
    if (readFileSync(file, "utf8") === lock.content) unlinkSync(file);
  } catch {
    // already removed
  }
}

function lockedError(folder: string, file: string, { holder }: FoundLock): LoomError {
  const who = holder
    ? `process ${holder.pid} on ${holder.hostname} (since ${holder.startedAt})`
    : "another process";
  const foreign =
    holder && holder.hostname !== hostname()
      ? "; if that machine no longer runs Loom on it, delete the lock file"
      : "";
  return new LoomError(
    "data-dir-locked",
    `data folder ${folder} is in use by ${who}; a second process would corrupt it (lock file ${file}${foreign})`,
  );
}

async function unlinkQuietly(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    if (errorCode(error) !== "ENOENT") throw error;
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
