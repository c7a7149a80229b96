/**
 * bench/packages/csv-import — a CSV of 1,000,000 customers (the sample's entity: 17 fields, a
 * unique code, selects, a multiselect, money, a link to a sales region given by its code)
 * written to disk as a stream, then imported by `importRecords` (what `loom data import` runs)
 * on PGlite in this process (or the PostgreSQL server of DATABASE_URL with BENCH_CSV_DB=postgres),
 * as an administrator acting through `--as`. Prints progress with the process's memory every
 * 100,000 rows, a table, then one JSON line of figures (last line): `csv_rows`, `csv_rows_per_s`,
 * `csv_peak_rss_mb` (the peak of RSS sampled every 50 ms during the import, and the process's
 * `maxRSS` since it started, which includes PGlite's start). Baseline, same run, same database:
 * the same number of customers inserted by one `INSERT … SELECT generate_series` (no file, no
 * checks, no audit): the database's own ceiling for rows with these indexes.
 *
 *   npx tsx bench/packages/csv-import.ts
 *   BENCH_CSV_ROWS (default 1000000), BENCH_CSV_BATCH (rows per batch, default 1000),
 *   BENCH_CSV_DB (pglite | postgres, default pglite)
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { addUser } from "../../runtime/src/auth/manage-users.ts";
import { actAs } from "../../runtime/src/data-transfer/acting-user.ts";
import { importRecords } from "../../runtime/src/data-transfer/import-records.ts";
import { importTarget } from "../../runtime/src/data-transfer/import-target.ts";
import { sheetRows } from "../../runtime/src/data-transfer/sheet-rows.ts";
import { SAMPLE_PACKAGES } from "../../runtime/src/server/start-server.ts";
import { applyPackages } from "../../runtime/src/store/apply-packages.ts";
import { bootstrapSystemSchema } from "../../runtime/src/store/system-schema.ts";
import { testDatabases } from "../../runtime/test/support/databases.ts";
import { envNumber, machineRow, printTable, type Row, round } from "../support/report.ts";

const ROWS = envNumber("BENCH_CSV_ROWS", 1_000_000);
const BATCH = envNumber("BENCH_CSV_BATCH", 1000);
const MILESTONE = 100_000;
const MB = 1024 * 1024;

const REGIONS = ["NORTH", "EAST", "SOUTH", "WEST"];
const TAGS = ["Key Account; New", "Distributor", "", "OEM, Export"];

/** The CSV, streamed to disk: headers in English and Chinese, values as people write them. */
async function writeCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(
    "Customer Code,客户名称,Customer Type,Tags,Credit Limit,Payment Terms (days),Active,Email,Sales Region,Remark\n",
  );
  for (let i = 1; i <= rows; i++) {
    const line = `C-${String(i).padStart(7, "0")},客户 ${i},${i % 3 === 0 ? "个人" : "Company"},"${TAGS[i % 4]}","${(i % 50_000).toLocaleString("en")}.50",${i % 90},${i % 7 === 0 ? "no" : "yes"},c${i}@example.cn,${REGIONS[i % 4]},"imported, row ${i}"\n`;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

const rows: Row[] = [machineRow()];
const work = await mkdtemp(path.join(tmpdir(), "loom-csv-bench-"));
const file = path.join(work, "customers.csv");
const DATABASE = process.env.BENCH_CSV_DB ?? "pglite";
const chosen = testDatabases().find((candidate) => candidate.name === DATABASE);
if (!chosen) throw new Error(`BENCH_CSV_DB=${DATABASE}: unknown, or DATABASE_URL is not set`);
const db = await chosen.open();
let figures: Record<string, number>;
try {
  await bootstrapSystemSchema(db);
  await applyPackages(db, SAMPLE_PACKAGES, { allowDataLoss: false, actor: "bench" });
  await db.transaction(async (tx) => {
    for (const code of REGIONS)
      await tx.raw(
        `INSERT INTO app.sales_region (id, code, name) VALUES (gen_random_uuid(), ?, ?)`,
        [code, `Region ${code}`],
      );
  });
  await addUser(db, {
    username: "bench",
    roles: ["admin"],
    attributes: {},
    password: "bench password, long enough",
  });

  let started = performance.now();
  await writeCsv(file, ROWS);
  const writeMs = performance.now() - started;
  const size = (await stat(file)).size;
  console.log(
    `wrote ${ROWS.toLocaleString("en")} rows (${round(size / MB, 1)} MB) in ${round(writeMs / 1000, 1)} s`,
  );

  const { reader, plans } = await actAs(db, "bench");
  const target = importTarget(reader, plans, "customer", "en");
  const rssAt: Record<number, number> = {};
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  let next = MILESTONE;
  started = performance.now();
  const result = await importRecords(db, target, sheetRows(file, "csv"), {
    mode: "all-or-nothing",
    dryRun: false,
    batchSize: BATCH,
    onProgress({ read, written }) {
      if (read < next && read !== ROWS) return;
      const rss = process.memoryUsage.rss();
      peak = Math.max(peak, rss);
      rssAt[read] = rss;
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `${read.toLocaleString("en").padStart(9)} rows read, ${written.toLocaleString("en").padStart(9)} written, ${round(seconds, 1)} s, ${Math.round(read / seconds)} rows/s, RSS ${round(rss / MB, 0)} MB`,
      );
      next = (Math.floor(read / MILESTONE) + 1) * MILESTONE;
    },
    onRejected(rejected) {
      throw new Error(`row ${rejected.row} refused: ${JSON.stringify(rejected.errors)}`);
    },
  });
  const importMs = performance.now() - started;
  clearInterval(sampler);
  if (result.imported !== ROWS) throw new Error(`imported ${result.imported} of ${ROWS} rows`);
  const count = await db.run(async (k) =>
    Number((await k.raw(`SELECT count(*) AS n FROM app.customer`)).rows[0].n),
  );
  if (count !== ROWS) throw new Error(`the table holds ${count} customers, not ${ROWS}`);

  // the baseline: the database inserting as many customers on its own, same indexes
  await db.run((k) => k.raw(`TRUNCATE app.customer CASCADE`));
  started = performance.now();
  await db.run((k) =>
    k.raw(
      `INSERT INTO app.customer (id, code, name, customer_type, credit_limit)
       SELECT gen_random_uuid(), 'B' || g, 'Customer ' || g, 'company', g % 100000
       FROM generate_series(1, ?) AS g`,
      [ROWS],
    ),
  );
  const baselineMs = performance.now() - started;

  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  const first = rssAt[Math.min(MILESTONE, ROWS)] ?? peak;
  const last = rssAt[ROWS] ?? peak;
  figures = {
    csv_rows: ROWS,
    csv_rows_per_s: round(ROWS / (importMs / 1000), 0),
    csv_peak_rss_mb: round(peak / MB, 1),
    csv_max_rss_mb: round(maxRssMb, 1),
    csv_rss_first_100k_mb: round(first / MB, 1),
    csv_rss_end_mb: round(last / MB, 1),
    csv_import_s: round(importMs / 1000, 1),
    csv_baseline_rows_per_s: round(ROWS / (baselineMs / 1000), 0),
    csv_vs_baseline: round(baselineMs / importMs, 3),
    csv_file_mb: round(size / MB, 1),
  };
  rows.push(
    [
      "database",
      db.kind === "pglite" ? "PGlite in this process, temp data folder" : "PostgreSQL server",
      "one transaction, all-or-nothing",
    ],
    [
      "file",
      `${ROWS.toLocaleString("en")} customers, ${round(size / MB, 1)} MB CSV`,
      `written in ${round(writeMs / 1000, 1)} s (not timed)`,
    ],
    [
      "import",
      `${round(importMs / 1000, 1)} s, ${figures.csv_rows_per_s} rows/s`,
      `batches of ${BATCH}, target ≥ 20,000 rows/s`,
    ],
    [
      "baseline: INSERT … SELECT generate_series",
      `${round(baselineMs / 1000, 1)} s, ${figures.csv_baseline_rows_per_s} rows/s`,
      `import reaches ${round((baselineMs / importMs) * 100, 1)} % of it`,
    ],
    [
      "RSS after 100k / at the end",
      `${figures.csv_rss_first_100k_mb} MB / ${figures.csv_rss_end_mb} MB`,
      "flat: at most two batches in memory",
    ],
    [
      "peak RSS during the import",
      `${figures.csv_peak_rss_mb} MB`,
      `maxRSS of the process: ${figures.csv_max_rss_mb} MB`,
    ],
  );
} finally {
  await db.dispose();
  await rm(work, { recursive: true, force: true });
}
printTable(rows);
console.log(JSON.stringify(figures));
