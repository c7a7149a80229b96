/**
 * Child process for the killed-mid-job tests: opens the database given as `--url <url>` or
 * `--data-dir <folder>`, claims the due jobs of queue "effect" with a 60 s lease, writes each one's
 * effect row in its completion transaction, prints "holding" and then keeps that transaction open
 * until killed.
 */
import pino from "pino";
import { openDatabase } from "../../src/db/open-database.ts";
import { createWorker } from "../../src/jobs/index.ts";
import { recordEffect } from "./jobs.ts";

export const CHILD_LEASE_MS = 60_000;

const [flag, target] = process.argv.slice(2);
const db = await openDatabase(flag === "--url" ? { url: target } : { dataDir: target });
const worker = createWorker(db, {
  handlers: {
    effect: async (job, tx) => {
      await recordEffect(tx, job, "child");
      process.stdout.write("holding\n");
      await new Promise(() => {});
    },
  },
  logger: pino({ level: "silent" }),
  workerId: "child",
  leaseMs: CHILD_LEASE_MS,
});
setInterval(() => {}, 60_000);
await worker.runDue();
