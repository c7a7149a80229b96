import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LoomError } from "@loom/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/open-database.ts";
import { generateSampleData } from "../src/sample-data/generate-sample-data.ts";
import { sampleOptions } from "../src/sample-data/sample-options.ts";
import { freshPgliteDataDir, type TestDatabase, testDatabases } from "./support/databases.ts";
import { loom } from "./support/run-loom.ts";
import { installSample } from "./support/sample-app.ts";

const ENTITIES = fileURLToPath(
  new URL("../../metadata-samples/manufacturing/entities", import.meta.url),
);
const ORDERS = 200;
const ANCHOR = "2026-10-31";
/** Every table the generator writes, with the order its rows are compared in. */
const TABLES = [
  "app.unit",
  "app.item_category",
  "app.sales_region",
  "app.customer",
  "app.supplier",
  "app.item",
  "app.warehouse",
  "app.sales_order",
  "app.sales_order_line",
  "app.purchase_order",
  "app.purchase_order_line",
  "app.stock_move",
  "loom_sys.workflow_instances",
  "loom_sys.workflow_tasks",
  "loom_sys.workflow_history",
];

type Opened = Awaited<ReturnType<TestDatabase["open"]>>;
type Row = Record<string, unknown>;

async function generated(target: TestDatabase, seed: number): Promise<Opened> {
  const db = await target.open();
  await installSample(db);
  await generateSampleData(db, sampleOptions({ orders: ORDERS, seed, anchor: ANCHOR }));
  return db;
}

async function rows(db: Opened, sql: string, bindings: unknown[] = []): Promise<Row[]> {
  return db.run(async (k) => (await k.raw(sql, bindings as never[])).rows as Row[]);
}

/** One md5 per table over every column of every row, in a stable order. */
async function tableHashes(db: Opened): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await rows(
      db,
      `SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS hash FROM ${table} t`,
    );
    hashes[table] = `${row!.n}:${row!.hash}`;
  }
  return hashes;
}

describe.each(testDatabases())("loom sample-data's generator on $name", (target) => {
  let db: Opened;
  let same: Opened;
  let other: Opened;

  beforeAll(async () => {
    db = await generated(target, 7);
    same = await generated(target, 7);
    other = await generated(target, 8);
  });
  afterAll(async () => {
    for (const opened of [db, same, other]) await opened?.dispose();
  });

  it("writes the same rows for the same seed, other rows for another", async () => {
    const first = await tableHashes(db);
    expect(await tableHashes(same)).toEqual(first);
    const changed = await tableHashes(other);
    for (const table of ["app.sales_order", "app.sales_order_line", "app.stock_move"])
      expect(changed[table], table).not.toEqual(first[table]);
  });

  it("writes the orders asked for, ten lines each on average, and what they need", async () => {
    const [counts] = await rows(
      db,
      `SELECT (SELECT count(*)::int FROM app.sales_order) AS orders,
         (SELECT count(*)::int FROM app.sales_order_line) AS lines,
         (SELECT count(*)::int FROM app.customer) AS customers,
         (SELECT count(*)::int FROM app.purchase_order) AS purchases,
         (SELECT count(*)::int FROM app.stock_move) AS moves,
         (SELECT count(*)::int FROM loom_sys.workflow_instances) AS instances,
         (SELECT count(DISTINCT sales_person)::int FROM app.sales_order) AS reps,
         (SELECT count(*)::int FROM app.customer WHERE region IS NULL) AS without_region`,
    );
    expect(counts).toMatchObject({ orders: ORDERS, customers: 20, purchases: 40, moves: ORDERS });
    expect(counts!.lines).toBeGreaterThan(ORDERS * 8);
    expect(counts!.lines).toBeLessThan(ORDERS * 12);
    // most orders went through the approval workflow
    expect(counts!.instances).toBeGreaterThan(ORDERS / 2);
    expect(counts!.reps).toBe(6);
    // the acme-custom sample is installed too: every customer is in its city's sales region
    expect(counts!.without_region).toBe(0);
  });

  it("dates every document in the two years up to the anchor", async () => {
    const [range] = await rows(
      db,
      `SELECT min(order_date)::text AS first, max(order_date)::text AS last,
         count(*) FILTER (WHERE delivery_date < order_date)::int AS early
       FROM app.sales_order`,
    );
    expect(range!.first! >= "2024-11-01").toBe(true);
    expect(range!.last! <= ANCHOR).toBe(true);
    expect(range!.early).toBe(0);
  });

  it("keeps every field within its entity's constraints", async () => {
    const problems: string[] = [];
    for (const file of await readdir(ENTITIES)) {
      const entity = JSON.parse(await readFile(path.join(ENTITIES, file), "utf8")) as EntityFile;
      for (const check of fieldChecks(entity)) {
        const [found] = await rows(
          db,
          `SELECT count(*)::int AS n FROM app.${entity.name} WHERE ${check.where}`,
        );
        if (found!.n !== 0) problems.push(`${entity.name}: ${found!.n} rows ${check.what}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("keeps the entities' rules and computed values", async () => {
    const [broken] = await rows(
      db,
      `SELECT
         (SELECT count(*)::int FROM app.sales_order_line
           WHERE amount <> round(qty * unit_price * (1 - discount / 100), 2) OR qty <= 0) AS lines,
         (SELECT count(*)::int FROM app.sales_order o
           WHERE total IS DISTINCT FROM (SELECT sum(amount) FROM app.sales_order_line l WHERE l.parent_id = o.id)) AS totals,
         (SELECT count(*)::int FROM app.purchase_order o
           WHERE total IS DISTINCT FROM (SELECT sum(amount) FROM app.purchase_order_line l WHERE l.parent_id = o.id)
              OR (status = 'rejected') <> (reject_reason IS NOT NULL)) AS purchases,
         (SELECT count(*)::int FROM app.stock_move
           WHERE (move_type IN ('issue', 'transfer')) <> (from_warehouse IS NOT NULL)
              OR (move_type IN ('receipt', 'transfer')) <> (to_warehouse IS NOT NULL)
              OR from_warehouse = to_warehouse) AS moves,
         (SELECT count(*)::int FROM app.sales_order
           WHERE sales_person !~ '^rep[1-6]$'
              OR department <> CASE WHEN sales_person <= 'rep3' THEN 'domestic' ELSE 'export' END) AS owners`,
    );
    expect(broken).toEqual({ lines: 0, totals: 0, purchases: 0, moves: 0, owners: 0 });
  });

  it("leaves each submitted order's workflow where its status says", async () => {
    const mismatched = await rows(
      db,
      `SELECT o.status, i.node, count(*)::int AS n
       FROM app.sales_order o
       LEFT JOIN loom_sys.workflow_instances i ON i.record_id = o.id
       GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const expected: Record<string, (string | null)[]> = {
      approved: ["approved"],
      cancelled: ["cancelled"],
      // never submitted, or rejected back to draft
      draft: [null, "draft"],
      pending_manager: ["manager_approval"],
      pending_cfo: ["cfo_approval"],
      pending_countersign: ["countersign"],
    };
    for (const row of mismatched)
      expect(expected[row.status as string], JSON.stringify(row)).toContain(row.node);
    const [tasks] = await rows(
      db,
      `SELECT
         count(*) FILTER (WHERE t.status = 'open' AND o.status NOT LIKE 'pending%')::int AS open_elsewhere,
         count(*) FILTER (WHERE t.status = 'open' AND t.step <> i.step)::int AS open_off_step,
         count(*) FILTER (WHERE t.status = 'done' AND (t.acted_at <= t.created_at OR t.acted_by IS NULL))::int AS bad_done,
         count(*) FILTER (WHERE t.status = 'done')::int AS done
       FROM loom_sys.workflow_tasks t
       JOIN loom_sys.workflow_instances i ON i.id = t.instance_id
       JOIN app.sales_order o ON o.id = t.record_id`,
    );
    expect(tasks).toMatchObject({ open_elsewhere: 0, open_off_step: 0, bad_done: 0 });
    expect(tasks!.done).toBeGreaterThan(ORDERS / 2);
  });

  it("refuses a database that already holds generated rows, changing nothing", async () => {
    const before = await tableHashes(db);
    await expect(
      generateSampleData(db, sampleOptions({ orders: 5, seed: 9 })),
    ).rejects.toMatchObject({ code: "sample-data-present" });
    expect(await tableHashes(db)).toEqual(before);
  });
});

describe("sample options", () => {
  it("refuses what is no count, seed or date, naming each", () => {
    const refused = (raw: Record<string, unknown>) => {
      try {
        sampleOptions(raw);
      } catch (error) {
        expect(error).toBeInstanceOf(LoomError);
        return (error as LoomError).issues.map((issue) => issue.path);
      }
      throw new Error("accepted");
    };
    expect(refused({ orders: "0" })).toEqual(["/orders"]);
    expect(refused({ orders: "12.5", seed: "x", anchor: "2026-02-30" })).toEqual([
      "/orders",
      "/seed",
      "/anchor",
    ]);
    expect(refused({})).toEqual(["/orders"]);
    expect(sampleOptions({ orders: "10" })).toEqual({ orders: 10, seed: 1, anchor: "2026-10-31" });
  });
});

describe("loom sample-data", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await freshPgliteDataDir();
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("refuses bad options and a database without the sample, with exit code 1", async () => {
    const bad = await loom(["--data-dir", dataDir, "sample-data", "--orders", "lots"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("error [invalid-option]: --orders must be a whole number");
    const missing = await loom(["--data-dir", dataDir, "sample-data"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("required option '--orders <n>'");
    const empty = await loom(["--data-dir", dataDir, "sample-data", "--orders", "10"]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("error [sample-not-installed]");
  });

  it("generates into the database holding the sample, and says what it wrote", async () => {
    const db = await openDatabase({ dataDir });
    try {
      await installSample(db);
    } finally {
      await db.close();
    }
    const run = await loom(["--data-dir", dataDir, "sample-data", "--orders", "30", "--seed", "3"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("generated sample data (seed 3, dated up to 2026-10-31)");
    expect(run.stdout).toMatch(/sales_order\s+30\n/);
    const again = await loom(["--data-dir", dataDir, "sample-data", "--orders", "30"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("error [sample-data-present]");
  });
});

interface FieldFile {
  name: string;
  type: string;
  required?: boolean;
  unique?: boolean;
  pattern?: string;
  maxLength?: number;
  min?: number;
  max?: number;
  options?: { value: string }[];
  computed?: unknown;
}
interface EntityFile {
  name: string;
  type?: string;
  fields: FieldFile[];
}

/** SQL conditions a row breaking each constraint of each stored field matches. */
function fieldChecks(entity: EntityFile): { what: string; where: string }[] {
  const checks: { what: string; where: string }[] = [];
  for (const field of entity.fields) {
    if (field.type === "table") continue;
    const column = `"${field.name}"`;
    if (field.required && !field.computed)
      checks.push({ what: `without ${field.name}`, where: `${column} IS NULL` });
    if (field.type === "select" && field.options) {
      const values = field.options.map((o) => `'${o.value}'`).join(", ");
      checks.push({ what: `with another ${field.name}`, where: `${column} NOT IN (${values})` });
    }
    if (field.pattern)
      checks.push({
        what: `not matching ${field.name}'s pattern`,
        where: `${column} !~ '${field.pattern}'`,
      });
    if (field.maxLength)
      checks.push({
        what: `with too long a ${field.name}`,
        where: `length(${column}) > ${field.maxLength}`,
      });
    if (field.min !== undefined)
      checks.push({
        what: `with ${field.name} below ${field.min}`,
        where: `${column} < ${field.min}`,
      });
    if (field.max !== undefined)
      checks.push({
        what: `with ${field.name} above ${field.max}`,
        where: `${column} > ${field.max}`,
      });
    if (field.unique)
      checks.push({
        what: `sharing a ${field.name}`,
        where: `${column} IN (SELECT ${column} FROM app.${entity.name} GROUP BY 1 HAVING count(*) > 1)`,
      });
  }
  return checks;
}
