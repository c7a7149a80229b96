/**
 * bench/compile — how long the metadata pipeline takes on a large model, and whether adding a
 * column stays constant-time on a big table. Prints a table, then one JSON line of figures.
 *
 *   npm run bench:compile            (PGlite; add DATABASE_URL=… to measure the server too)
 */
import {
  type AppModel,
  compileApp,
  type LoadedPackage,
  parsePackage,
  planMigration,
} from "@loom/engine";
import type { Database } from "../../runtime/src/db/database.ts";
import { applyPackages } from "../../runtime/src/store/index.ts";
import { testDatabases } from "../../runtime/test/support/databases.ts";
import { generatePackageFiles } from "./generate-package.ts";

const ENTITIES = 1000;
const FIELDS = 30;
const BIG_ROWS = 1_000_000;
const SMALL_ROWS = 1_000;

const rows: [string, string, string][] = [];
const figures: Record<string, number | string> = { entities: ENTITIES, fields_per_entity: FIELDS };
const record = (key: string, label: string, ms: number, note = "") => {
  figures[key] = round(ms);
  rows.push([label, `${round(ms)} ms`, note]);
};

const files = generatePackageFiles(ENTITIES, FIELDS);
const cold = compileFiles(files);
record("validate_compile_cold_ms", "validate + compile, first run (ajv compiles schemas)", cold.ms);
const warm = median(5, () => compileFiles(files).ms);
record(
  "validate_compile_ms",
  `validate + compile ${ENTITIES}×${FIELDS} (median of 5)`,
  warm,
  "target < 1000 ms",
);
const model = cold.value.model;

const changed = withOneMoreField(files);
const changedModel = compileFiles(changed).value.model;
const diffMs = median(20, () => time(() => planMigration(model, changedModel)).ms);
const oneFieldPlan = planMigration(model, changedModel);
record(
  "diff_one_field_ms",
  `diff one added field (median of 20) → ${oneFieldPlan.steps.length} step`,
  diffMs,
  "target < 50 ms",
);
const fullPlan = planMigration(null, model);
rows.push(["plan from empty", `${fullPlan.steps.length} steps`, ""]);

for (const target of testDatabases()) {
  const db = await target.open();
  try {
    const applied = await timeAsync(() => apply(db, cold.value.packages));
    record(`apply_${target.name}_ms`, `apply ${ENTITIES} tables on ${target.name}`, applied.ms);
  } finally {
    await db.dispose();
  }
  const { bigMs, smallMs } = await addColumnTimes(target);
  record(
    `add_column_1m_rows_${target.name}_ms`,
    `add column, ${BIG_ROWS.toLocaleString("en")} rows (${target.name})`,
    bigMs,
  );
  record(
    `add_column_1k_rows_${target.name}_ms`,
    `add column, ${SMALL_ROWS.toLocaleString("en")} rows (${target.name})`,
    smallMs,
  );
  figures[`add_column_ratio_1m_vs_1k_${target.name}`] = round(bigMs / smallMs);
  rows.push([
    `ratio 1M / 1k rows (${target.name})`,
    `${round(bigMs / smallMs)}×`,
    "≈1 means no table rewrite",
  ]);
}
figures.add_column_1m_rows_ms = figures.add_column_1m_rows_pglite_ms!;

printTable(rows);
console.log(JSON.stringify(figures));

/** Time to add a column with a constant default through the real apply path, 1M rows vs 1k. */
async function addColumnTimes(target: {
  open(): Promise<Database & { dispose(): Promise<void> }>;
}) {
  const measure = async (rowCount: number) => {
    const db = await target.open();
    try {
      await apply(db, [bigPackage(0)]);
      await db.run((knex) =>
        knex.raw(
          `INSERT INTO app.big_table (code, qty) SELECT 'c' || g, g FROM generate_series(1, ${rowCount}) g`,
        ),
      );
      // three successive versions, each adding one required column with a default: the median
      const samples: number[] = [];
      for (let added = 1; added <= 3; added++) {
        samples.push((await timeAsync(() => apply(db, [bigPackage(added)]))).ms);
      }
      return samples.sort((a, b) => a - b)[1]!;
    } finally {
      await db.dispose();
    }
  };
  const smallMs = await measure(SMALL_ROWS);
  const bigMs = await measure(BIG_ROWS);
  return { bigMs, smallMs };
}

/** Version 1.n.0 of a two-field package plus n added required columns with a constant default. */
function bigPackage(addedColumns: number): LoadedPackage {
  const fields = [
    { name: "code", type: "text", labels: { en: "Code" } },
    { name: "qty", type: "integer", labels: { en: "Qty" } },
    ...Array.from({ length: addedColumns }, (_, i) => ({
      name: `status_${i + 1}`,
      type: "text",
      labels: { en: `Status ${i + 1}` },
      default: "open",
      required: true,
    })),
  ];
  const { package: pkg } = parsePackage({
    "loom-package.json": JSON.stringify({
      kind: "package",
      name: "big",
      version: `1.${addedColumns}.0`,
      layer: "base",
      labels: { en: "Big" },
    }),
    "entities/big_table.json": JSON.stringify({
      kind: "entity",
      name: "big_table",
      labels: { en: "Big" },
      fields,
    }),
  });
  return pkg!;
}

async function apply(db: Database, packages: readonly LoadedPackage[]) {
  return applyPackages(db, packages, { allowDataLoss: false, actor: "bench" });
}

function compileFiles(input: Record<string, string>) {
  return time(() => {
    const { package: pkg, issues } = parsePackage(input);
    if (!pkg)
      throw new Error(`generated package is invalid: ${JSON.stringify(issues.slice(0, 3))}`);
    const compiled = compileApp([pkg]);
    if (!compiled.model)
      throw new Error(
        `generated package does not compile: ${JSON.stringify(compiled.issues.slice(0, 3))}`,
      );
    return { model: compiled.model as AppModel, packages: [pkg] };
  });
}

function withOneMoreField(input: Record<string, string>): Record<string, string> {
  const entity = JSON.parse(input["entities/e500.json"]!);
  entity.fields.push({ name: "extra", type: "text", labels: { en: "Extra" } });
  return { ...input, "entities/e500.json": JSON.stringify(entity) };
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

function median(runs: number, fn: () => number): number {
  const samples = Array.from({ length: runs }, fn).sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function printTable(table: [string, string, string][]) {
  const widths = [0, 1, 2].map((c) => Math.max(...table.map((row) => row[c]!.length)));
  for (const row of table) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join("  │  "));
}
