import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LoadedPackage } from "@loom/engine";

/** the `loom` entry point users run */
export const LOOM = fileURLToPath(new URL("../../bin/loom.js", import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `loom` entry point as a user would (no TTY, so plain progress lines), with `input`
 * on its standard input.
 */
export function loom(args: string[], env: Record<string, string> = {}, input = ""): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LOOM, ...args], {
      env: { ...process.env, DATABASE_URL: "", LOOM_DATA_DIR: "", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.stdin.end(input);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

export async function writePackage(pkg: LoadedPackage, dir: string): Promise<string> {
  for (const [file, text] of Object.entries(pkg.files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}
