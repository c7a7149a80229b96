import os from "node:os";
import { addUser } from "../../runtime/src/auth/manage-users.ts";
import type { Database } from "../../runtime/src/db/database.ts";

/** A table row: what, the figure, how it was measured. */
export type Row = [string, string, string];

export function machineRow(): Row {
  return [
    "machine",
    `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}`,
    `Node ${process.version}`,
  ];
}

export function printTable(table: readonly Row[]): void {
  const widths = [0, 1, 2].map((c) => Math.max(...table.map((row) => row[c]!.length)));
  for (const row of table) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join("  │  "));
}

export function envNumber(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0`);
  return value;
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A user for a bench, signed in over HTTP: the `authorization` header its requests carry. */
export async function signIn(
  db: Database,
  url: string,
  username = "bench",
  roles: readonly string[] = ["admin"],
  attributes: Readonly<Record<string, unknown>> = {},
): Promise<Record<string, string>> {
  const password = "bench password, long enough";
  await addUser(db, { username, roles: [...roles], attributes: { ...attributes }, password });
  const response = await fetch(new URL("/api/auth/login", url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  const { token } = (await response.json()) as { token?: string };
  if (response.status !== 200 || !token) throw new Error(`bench sign-in: ${response.status}`);
  return { authorization: `Bearer ${token}` };
}
