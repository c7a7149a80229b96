/**
 * bench/packages — configuration packages and business data moving between environments:
 *  1. a package of 200 entities (20 fields each, links, selects, computed fields, rules) exported
 *     from one database as a zip and imported into an empty one (`loom import` end to end: read
 *     and check the archive, preview with plan id, apply in one transaction), against the baseline
 *     of applying the same package straight from memory (`applyPackages`), in the same run;
 *  2. a CSV of 1,000,000 rows imported into an entity (bench/packages/csv-import.ts, run as a
 *     child process so its peak memory is its own): rows per second and peak RSS, against the
 *     database inserting as many rows on its own (its baseline); on PGlite, then on the
 *     PostgreSQL server when DATABASE_URL is set.
 * Package figures on PGlite; the `csv_…` keys from the server when DATABASE_URL is set (where a
 * go-live import runs), else from PGlite, whose figures are also under `…_pglite` keys. Prints a
 * table, then one JSON line of figures (last line).
 *
 *   npm run bench:packages
 *   BENCH_ENTITIES (default 200), BENCH_FIELDS (default 20), BENCH_CSV_ROWS (default 1000000)
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parsePackage } from "@loom/engine";
import { writePackageZip } from "../../runtime/src/packages/archive/index.ts";
import { exportPackages } from "../../runtime/src/packages/export-packages.ts";
import { importPackages } from "../../runtime/src/packages/import-packages.ts";
import { loadImportInputs } from "../../runtime/src/packages/load-inputs.ts";
import { applyPackages } from "../../runtime/src/store/apply-packages.ts";
import { openTestPglite } from "../../runtime/test/support/databases.ts";
import { generatePackageFiles } from "../compile/generate-package.ts";
import { envNumber, machineRow, printTable, type Row, round } from "../support/report.ts";

const ENTITIES = envNumber("BENCH_ENTITIES", 200);
const FIELDS = envNumber("BENCH_FIELDS", 20);
const TARGET_IMPORT_MS = 5000;

const rows: Row[] = [machineRow()];
const files = generatePackageFiles(ENTITIES, FIELDS);
const { package: pkg, issues } = parsePackage(files);
if (!pkg) throw new Error(`generated package does not parse: ${JSON.stringify(issues[0])}`);

// baseline: the same package applied straight from memory into an empty database
const baselineDb = await openTestPglite();
let applyMs: number;
try {
  const started = performance.now();
  await applyPackages(baselineDb, [pkg], { allowDataLoss: false, actor: "bench" });
  applyMs = performance.now() - started;
} finally {
  await baselineDb.dispose();
}

// export from a database that has it, import into an empty one
const source = await openTestPglite();
let exportMs: number;
let zip: Buffer;
try {
  await applyPackages(source, [pkg], { allowDataLoss: false, actor: "bench" });
  const started = performance.now();
  zip = await writePackageZip(await exportPackages(source, ["bench"]));
  exportMs = performance.now() - started;
} finally {
  await source.dispose();
}

const target = await openTestPglite();
let importMs: number;
let noopMs: number;
try {
  let started = performance.now();
  const packages = await loadImportInputs([zip]);
  const result = await importPackages(target, { packages }, { actor: "bench" });
  importMs = performance.now() - started;
  if (result.status !== "applied") throw new Error(`import did not apply: ${result.status}`);
  started = performance.now();
  const again = await importPackages(
    target,
    { packages: await loadImportInputs([zip]) },
    {
      actor: "bench",
    },
  );
  noopMs = performance.now() - started;
  if (again.status !== "unchanged")
    throw new Error(`second import was not a no-op: ${again.status}`);
} finally {
  await target.dispose();
}

rows.push(
  ["package", `${ENTITIES} entities × ${FIELDS} fields`, `zip ${round(zip.length / 1024, 1)} KiB`],
  ["export (read + stamp + zip)", `${round(exportMs, 0)} ms`, "from the installed package"],
  ["import (zip → applied)", `${round(importMs, 0)} ms`, `target < ${TARGET_IMPORT_MS} ms`],
  ["baseline: applyPackages", `${round(applyMs, 0)} ms`, "same package from memory"],
  ["import / baseline", `${round(importMs / applyMs, 2)}×`, "cost of checks, preview, plan id"],
  ["import again (nothing to do)", `${round(noopMs, 0)} ms`, ""],
);

const csv = await runCsvBench("pglite");
const csvPg = process.env.DATABASE_URL ? await runCsvBench("postgres") : undefined;
for (const [where, figures] of [
  ["PGlite", csv],
  ["server", csvPg],
] as const) {
  if (!figures) continue;
  rows.push(
    [
      `CSV import (${where})`,
      `${figures.csv_rows_per_s} rows/s`,
      `${figures.csv_rows} rows; target ≥ 20,000 rows/s`,
    ],
    [
      `  baseline (${where})`,
      `${figures.csv_baseline_rows_per_s} rows/s`,
      `INSERT … SELECT: import at ${round(figures.csv_vs_baseline * 100, 1)} % of it`,
    ],
    [
      `  RSS (${where})`,
      `peak ${figures.csv_peak_rss_mb} MB`,
      `${figures.csv_rss_first_100k_mb} MB after 100k rows, ${figures.csv_rss_end_mb} MB at the end`,
    ],
  );
}
printTable(rows);
console.log(
  JSON.stringify({
    entities: ENTITIES,
    export_200_entities_ms: round(exportMs, 0),
    apply_baseline_ms: round(applyMs, 0),
    import_200_entities_ms: round(importMs, 0),
    import_vs_baseline: round(importMs / applyMs, 2),
    // the CSV keys are the server's when there is one: a go-live import runs on the production
    // database; PGlite runs the database in the importer's own thread (…_pglite keys)
    ...(csvPg ?? csv),
    csv_rows_per_s_pglite: csv.csv_rows_per_s,
    csv_peak_rss_mb_pglite: csv.csv_peak_rss_mb,
    csv_vs_baseline_pglite: csv.csv_vs_baseline,
  }),
);

interface CsvFigures {
  csv_rows: number;
  csv_rows_per_s: number;
  csv_peak_rss_mb: number;
  csv_baseline_rows_per_s: number;
  csv_vs_baseline: number;
  csv_rss_first_100k_mb: number;
  csv_rss_end_mb: number;
}

/** The CSV bench in its own process on `database`: its last line is its figures. */
function runCsvBench(database: "pglite" | "postgres"): Promise<CsvFigures> {
  const script = fileURLToPath(new URL("./csv-import.ts", import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, BENCH_CSV_DB: database },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      const last = output.trim().split("\n").at(-1) ?? "";
      if (code !== 0) reject(new Error(`csv bench exited with ${code}`));
      else resolve(JSON.parse(last) as CsvFigures);
    });
  });
}
