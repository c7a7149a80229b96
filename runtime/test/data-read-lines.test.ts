import type { EntityDef, FieldDef } from "@loom/engine";
import type { Express } from "express";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { createHttpApp } from "../src/server/http-app.ts";
import { buildLiveApp, LiveAppHolder } from "../src/server/live-app.ts";
import { applyPackages } from "../src/store/apply-packages.ts";
import { currentRevision } from "../src/store/revisions.ts";
import { bootstrapSystemSchema } from "../src/store/system-schema.ts";
import { type Api, authed, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";
import { shopVersion } from "./support/packages.ts";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const ITEM = id(1);
const PROBE = id(2);

const labels = (en: string) => ({ en });
/** one field of every column kind, the same on the document and on its lines */
const SCALARS: FieldDef[] = [
  { name: "label", type: "text", labels: labels("Label") },
  { name: "count", type: "integer", labels: labels("Count") },
  { name: "amount", type: "decimal", labels: labels("Amount"), precision: 20, scale: 4 },
  { name: "on_day", type: "date", labels: labels("Day") },
  { name: "at", type: "datetime", labels: labels("At") },
  { name: "flag", type: "boolean", labels: labels("Flag") },
  {
    name: "tags",
    type: "multiselect",
    labels: labels("Tags"),
    options: [
      { value: "a", labels: labels("A") },
      { value: "b", labels: labels("B") },
    ],
  },
  { name: "extra", type: "json", labels: labels("Extra") },
  { name: "item", type: "link", labels: labels("Item"), target: "item" },
] as FieldDef[];
const COLUMNS = "label, count, amount, on_day, at, flag, tags, extra, item";
/** values at the edges of each conversion: beyond 2^53, trailing zeros, year 99, microseconds, a zone */
const VALUES = [
  'Ñandú "quoted"',
  "9007199254740993",
  "123456789012345.6700",
  "0099-01-31",
  "2024-03-01T23:59:59.999999+08:00",
  true,
  ["b", "a"],
  '{"n": 1.50, "big": 12345678901234567890, "list": [null, "x"]}',
  ITEM,
];
const NAMES = SCALARS.map((field) => field.name);

const entity = (name: string, type: EntityDef["type"], fields: FieldDef[]): EntityDef =>
  ({ kind: "entity", name, type, labels: labels(name), titleField: "label", fields }) as EntityDef;

describe.each(testDatabases())("reading lines on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  let app: Express;
  let api: Api;

  beforeAll(async () => {
    db = await open();
    await bootstrapSystemSchema(db);
    const shop = await shopVersion("1.1.0", (entities) => {
      entities.probe = entity("probe", "normal", [
        ...SCALARS,
        { name: "lines", type: "table", labels: labels("Lines"), target: "probe_line" } as FieldDef,
      ]);
      entities.probe_line = entity("probe_line", "child", [
        ...SCALARS,
        { name: "parts", type: "table", labels: labels("Parts"), target: "probe_part" } as FieldDef,
      ]);
      entities.probe_part = entity("probe_part", "child", SCALARS);
    });
    await applyPackages(db, [shop], { allowDataLoss: false, actor: "test" });
    await db.transaction(async (tx) => {
      const run = (sql: string, bindings: unknown[]) => tx.raw(sql, bindings as never);
      const marks = VALUES.map(() => "?").join(", ");
      await run(`INSERT INTO app.item (id, name) VALUES (?, 'Bolt')`, [ITEM]);
      await run(`INSERT INTO app.probe (id, ${COLUMNS}) VALUES (?, ${marks})`, [PROBE, ...VALUES]);
      // line 2 first and all null: order comes from line_no, nulls stay null
      await run(`INSERT INTO app.probe_line (id, parent_id, line_no) VALUES (?, ?, 2)`, [
        id(11),
        PROBE,
      ]);
      await run(
        `INSERT INTO app.probe_line (id, parent_id, line_no, ${COLUMNS}) VALUES (?, ?, 1, ${marks})`,
        [id(10), PROBE, ...VALUES],
      );
      await run(
        `INSERT INTO app.probe_part (id, parent_id, line_no, ${COLUMNS}) VALUES (?, ?, 1, ${marks})`,
        [id(20), id(10), ...VALUES],
      );
    });
    const revision = await db.run((k) => currentRevision(k));
    app = createHttpApp(
      new LiveAppHolder(buildLiveApp(revision, db)),
      db,
      pino({ level: "silent" }),
    );
    api = authed(app, (await signIn(db)).token);
  });
  afterAll(() => db?.dispose());

  const isAuthLookup = (sql: string) => sql.includes('"loom_sys"."sessions"');
  const statementsOf = async (path: string) => {
    const seen: string[] = [];
    const listener = (query: { sql: string }) => seen.push(query.sql);
    await db.run(async (k) => k.on("query", listener));
    try {
      const response = await api.get(path);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      // the credential's lookup is authentication's statement, not the read's
      return { body: response.body, statements: seen.filter((sql) => !isAuthLookup(sql)) };
    } finally {
      await db.run(async (k) => k.off("query", listener));
    }
  };
  const pick = (record: Record<string, unknown>) =>
    JSON.stringify(Object.fromEntries(NAMES.map((name) => [name, record[name]])));

  it("gives every value of a line and of a nested line exactly as the document's own column", async () => {
    const { body } = await statementsOf(`/api/data/probe/${PROBE}`);
    expect(body.at).toBe("2024-03-01T15:59:59.999Z");
    expect(body.on_day).toBe("0099-01-31");
    const [line, empty] = body.lines;
    expect(pick(line)).toBe(pick(body));
    expect(pick(line.parts[0])).toBe(pick(body));
    expect(empty).toEqual({
      id: id(11),
      line_no: 2,
      ...Object.fromEntries(NAMES.map((name) => [name, null])),
      parts: [],
    });
    expect(Object.keys(line)).toEqual(["id", "line_no", ...NAMES, "parts"]);
  });

  it("reads a record with its lines and their lines in one statement, without a transaction", async () => {
    const { body, statements } = await statementsOf(`/api/data/probe/${PROBE}`);
    expect(body.lines[0].parts).toHaveLength(1);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^select /i);
  });

  it("reads a list page naming a table field in one statement, lines identical to get by id", async () => {
    const { body, statements } = await statementsOf("/api/data/probe?fields=label,lines");
    expect(statements).toHaveLength(1);
    const { body: record } = await statementsOf(`/api/data/probe/${PROBE}`);
    expect(JSON.stringify(body.data[0].lines)).toBe(JSON.stringify(record.lines));
  });
});
