import { type AppModel, type LoadedPackage, parsePackage } from "@loom/engine";
import type { Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileReadPlans } from "../src/api/read-plan.ts";
import { describeDatabaseError } from "../src/api/write/database-errors.ts";
import {
  counterBindings,
  NEXT_VALUE_SQL,
  nextNumber,
  numberBindings,
  numberExpression,
} from "../src/api/write/naming-series.ts";
import { compileWritePlans } from "../src/api/write/write-plan.ts";
import type { Database } from "../src/db/database.ts";
import { HttpError } from "../src/server/http-error.ts";
import { currentRevision } from "../src/store/revisions.ts";
import { type Api, authed, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";
import { currentApp, installSample } from "./support/sample-app.ts";

type Json = Record<string, unknown>;

/** A customization with a rule that follows two links: order → customer → region. */
async function regionRulePackage(): Promise<LoadedPackage> {
  const files = {
    "loom-package.json": JSON.stringify({
      kind: "package",
      name: "region-rule",
      version: "1.0.0",
      layer: "customization",
      labels: { en: "Region rule" },
      dependsOn: { "acme-custom": "^1.0.0" },
    }),
    "extensions/sales_order.json": JSON.stringify({
      kind: "entity-extension",
      entity: "sales_order",
      rules: [
        {
          name: "region_open",
          assert: { "!=": [{ var: "customer.region.code" }, "CLOSED"] },
          message: { en: "The customer's region is closed.", "zh-CN": "客户所在区域已关闭。" },
        },
      ],
    }),
  };
  const { package: loaded, issues } = parsePackage(files);
  if (!loaded) throw new Error(JSON.stringify(issues));
  return loaded;
}
type Line = Json & { id: string; line_no: number; schedule: Json[] };

const YEAR = new Date().getUTCFullYear();
const orderNo = (n: number) => `SO-${YEAR}-${String(n).padStart(5, "0")}`;
/** the tables a failed write must leave untouched */
const WRITTEN = [
  "app.sales_order",
  "app.sales_order_line",
  "app.delivery_schedule",
  "app.customer",
  "loom_sys.audit_log",
  "loom_sys.naming_series",
];

describe.each(testDatabases())("the data write API on $name", ({ name, open }) => {
  let db: Database & { dispose(): Promise<void> };
  let app: Express;
  let api: Api;
  let model: AppModel;
  const ids: Record<string, string> = {};

  const post = (entity: string, body: unknown, language?: string) => {
    const req = api.post(`/api/data/${entity}`);
    if (language) req.set("Accept-Language", language);
    return req.send(body as object);
  };
  const patch = (entity: string, id: string, body: unknown) =>
    api.patch(`/api/data/${entity}/${id}`).send(body as object);
  const created = async (entity: string, body: Json): Promise<Json> => {
    const response = await post(entity, body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as Json;
  };
  const counts = () =>
    db.run(async (k) => {
      const result: Record<string, number> = {};
      for (const table of WRITTEN)
        result[table] = Number((await k.raw(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
      result.series = Number(
        (await k.raw(`SELECT coalesce(sum(next_value), 0) AS n FROM loom_sys.naming_series`))
          .rows[0].n,
      );
      return result;
    });
  const allOrderNumbers = () =>
    db.run(async (k) =>
      (await k.raw(`SELECT order_no FROM app.sales_order ORDER BY order_no`)).rows.map(
        (row: { order_no: string }) => row.order_no,
      ),
    );
  /** runs `work`, prints and returns how many statements knex sent meanwhile */
  const statements = async (what: string, work: () => Promise<unknown>): Promise<number> => {
    let count = 0;
    const listener = () => count++;
    await db.run(async (k) => k.on("query", listener));
    const started = performance.now();
    try {
      await work();
    } finally {
      await db.run(async (k) => k.off("query", listener));
    }
    console.log(`${what}: ${count} statements, ${Math.round(performance.now() - started)} ms`);
    return count;
  };
  const order = (lines = 3): Json => ({
    customer: ids.acme,
    delivery_date: "2099-12-31",
    lines: Array.from({ length: lines }, (_, i) => ({
      item: i % 2 === 0 ? ids.bolt : ids.nut,
      qty: 10 + i,
      unit_price: 2.5,
      ...(i === 0
        ? {
            discount: 10,
            schedule: [
              { delivery_date: "2099-01-10", qty: 4 },
              { delivery_date: "2099-02-10", qty: 6, delivered: true },
            ],
          }
        : {}),
    })),
  });

  beforeAll(async () => {
    db = await open();
    await installSample(db, [await regionRulePackage()]);
    model = (await db.run((k) => currentRevision(k)))!.model;
    app = await currentApp(db);
    api = authed(app, (await signIn(db)).token);
    ids.pcs = (await created("unit", { code: "PCS", name: "Piece", decimals: 0 })).id as string;
    ids.bolt = (
      await created("item", {
        code: "BOLT",
        name: "Bolt",
        item_type: "raw_material",
        unit: ids.pcs,
      })
    ).id as string;
    ids.nut = (
      await created("item", { code: "NUT", name: "Nut", item_type: "raw_material", unit: ids.pcs })
    ).id as string;
    ids.acme = (await created("customer", { code: "C-01", name: "Acme" })).id as string;
    ids.small = (await created("customer", { code: "C-02", name: "Small", credit_limit: 100.5 }))
      .id as string;
  });
  afterAll(() => db?.dispose());

  describe("create", () => {
    it("stores an order with lines and schedules: number, defaults, computed amounts and total", async () => {
      const response = await post("sales_order", {
        ...order(),
        order_no: "MINE-1",
        total: 1,
        status: undefined,
        version: 99,
        created_by: "mallory",
      });

      expect(response.status, JSON.stringify(response.body)).toBe(201);
      const record = response.body as Json & { lines: Line[] };
      expect(response.headers.etag).toBe('"1"');
      expect(response.headers.location).toBe(`/api/data/sales_order/${record.id}`);
      expect(record).toMatchObject({
        order_no: orderNo(1),
        version: 1,
        created_by: "tester",
        status: "draft",
        currency: "CNY",
        exchange_rate: 1,
        sales_channel: "direct",
        order_date: new Date().toISOString().slice(0, 10),
        // 10 × 2.5 × 0.9 + 11 × 2.5 + 12 × 2.5
        total: 80,
      });
      expect(record.lines.map((l) => [l.line_no, l.amount, l.discount])).toEqual([
        [1, 22.5, 10],
        [2, 27.5, 0],
        [3, 30, 0],
      ]);
      expect(record.lines[0]!.schedule.map((s) => [s.line_no, s.qty, s.delivered])).toEqual([
        [1, 4, false],
        [2, 6, true],
      ]);
      const read = await api.get(`/api/data/sales_order/${record.id}`);
      expect(read.body).toEqual(record);
      expect(read.headers.etag).toBe('"1"');
      const audit = await db.run((k) =>
        k.raw(`SELECT action, actor FROM loom_sys.audit_log WHERE record_id = ?`, [
          record.id as string,
        ]),
      );
      expect(audit.rows).toEqual([{ action: "create", actor: "tester" }]);
    });

    it("restarts a series in each period of its pattern", async () => {
      const series = { field: "no", pattern: "T-{YY}{MM}-{###}" };
      const take = (iso: string) =>
        db.transaction((tx) => nextNumber(tx, "test_entity", series, new Date(iso)));
      expect(await take("2026-01-31T23:00:00Z")).toBe("T-2601-001");
      expect(await take("2026-01-01T00:00:00Z")).toBe("T-2601-002");
      expect(await take("2026-02-01T00:00:00Z")).toBe("T-2602-001");
      expect(await take("2027-01-15T00:00:00Z")).toBe("T-2701-001");
      expect(await take("2026-01-15T00:00:00Z")).toBe("T-2601-003");
      await db.transaction(async (tx) => {
        await tx.raw("SAVEPOINT before_take");
        expect(await nextNumber(tx, "test_entity", series, new Date("2026-01-02"))).toBe(
          "T-2601-004",
        );
        await tx.raw("ROLLBACK TO SAVEPOINT before_take");
      });
      expect(await take("2026-01-03T00:00:00Z")).toBe("T-2601-004");
    });

    it("gives the same number whether JS formats it or the insert's SQL does", async () => {
      const now = new Date("2026-03-04T05:06:07Z");
      for (const pattern of ["SO-{YYYY}-{#####}", "{##}", "X{MM}{DD}-{###}-Y", "{YY}{#}/{#}"]) {
        const series = { field: "no", pattern };
        const entity = `format_${pattern}`;
        const js = await db.transaction((tx) => nextNumber(tx, entity, series, now));
        const sql = await db.transaction(async (tx) => {
          const rows = await tx.raw(
            `WITH "series" AS (${NEXT_VALUE_SQL}) SELECT ${numberExpression(series, `"series"."value"`)} AS n FROM "series"`,
            [...counterBindings(entity, series, now), ...numberBindings(series, now)],
          );
          return rows.rows[0].n as string;
        });
        const second = js.replace(/\d+(?=\D*$)/, (digits) =>
          String(Number(digits) + 1).padStart(digits.length, "0"),
        );
        expect({ pattern, sql }).toEqual({
          pattern,
          sql: pattern === "{YY}{#}/{#}" ? "262/2" : second,
        });
      }
      // past its width a counter grows instead of being cut
      const narrow = { field: "no", pattern: "N{#}" };
      for (let i = 0; i < 10; i++)
        await db.transaction((tx) => nextNumber(tx, "narrow", narrow, now));
      const [row] = (
        await db.run((k) =>
          k.raw(
            `WITH "series" AS (${NEXT_VALUE_SQL}) SELECT ${numberExpression(narrow, `"series"."value"`)} AS n FROM "series"`,
            [...counterBindings("narrow", narrow, now), ...numberBindings(narrow, now)],
          ),
        )
      ).rows;
      expect(row.n).toBe("N11");
    });

    it("takes the number before the rules when an expression reads it", async () => {
      const order = model.entities.sales_order!;
      const reading = {
        ...model,
        entities: {
          ...model.entities,
          sales_order: {
            ...order,
            rules: [
              ...order.rules,
              {
                name: "numbered",
                assert: { "!=": [{ var: "order_no" }, null] },
                message: { en: "No number.", "zh-CN": "没有编号。" },
              },
            ],
          },
        },
      } as AppModel;
      const plans = (m: AppModel) => compileWritePlans(m, compileReadPlans(m));
      expect(plans(model).get("sales_order")!.numberInInsert).toBe(true);
      expect(plans(reading).get("sales_order")!.numberInInsert).toBe(false);
    });

    it("ignores computed values the client sends on lines", async () => {
      const body = order(1);
      (body.lines as Json[])[0]!.amount = 1_000_000;
      const record = await created("sales_order", body);
      expect((record.lines as Line[])[0]!.amount).toBe(22.5);
      expect(record.total).toBe(22.5);
    });

    it("numbers 20 concurrent creates without a gap or a duplicate", async () => {
      const before = (await allOrderNumbers()).length;
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => post("sales_order", order(1))),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
      const numbers = responses.map((r) => r.body.order_no as string).sort();
      expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => orderNo(before + i + 1)));
    });

    it("gives back the number of a create that a rule refused", async () => {
      const next = (await allOrderNumbers()).length + 1;
      const refused = await post("sales_order", {
        ...order(1),
        lines: [{ item: ids.bolt, qty: 0, unit_price: 1 }],
      });
      expect(refused.status).toBe(422);
      const record = await created("sales_order", order(1));
      expect(record.order_no).toBe(orderNo(next));
      expect(await allOrderNumbers()).toEqual(
        Array.from({ length: next }, (_, i) => orderNo(i + 1)),
      );
    });

    it("stores arrays, JSON and nulls as given", async () => {
      const item = await created("item", {
        code: "WASHER",
        name: "Washer",
        item_type: "raw_material",
        unit: ids.pcs,
        attributes: { sizes: [8, 10], coated: null },
        weight: null,
      });
      const customer = await created("customer", {
        code: "C-T",
        name: "Tagged",
        tags: ["oem", "new"],
      });
      expect(item).toMatchObject({ attributes: { sizes: [8, 10], coated: null }, weight: null });
      expect(customer).toMatchObject({ tags: ["oem", "new"], payment_terms_days: 30 });
    });

    it("creates an order with 3 or 51 lines in the same small number of statements", async () => {
      const few = await statements("create with 3 lines", () => created("sales_order", order(3)));
      const many = await statements("create with 51 lines", async () => {
        const record = await created("sales_order", order(51));
        expect((record.lines as Line[]).length).toBe(51);
      });
      expect(many).toBe(few);
      expect(many).toBeLessThanOrEqual(15);
    });
  });

  describe("refused bodies write nothing", () => {
    const refused: [string, () => Json, number, string, string[]][] = [
      [
        "a wrong type",
        () => ({ ...order(), delivery_date: 5 }),
        400,
        "invalid-record",
        ["/delivery_date"],
      ],
      [
        "an unknown field",
        () => ({ ...order(), colour: "red" }),
        400,
        "invalid-record",
        ["/colour"],
      ],
      [
        "a bad option",
        () => ({ ...order(), currency: "XXX" }),
        400,
        "invalid-record",
        ["/currency"],
      ],
      [
        "a bad value on a nested line",
        () => {
          const body = order();
          ((body.lines as Json[])[0]!.schedule as Json[])[1]!.qty = "six";
          return body;
        },
        400,
        "invalid-record",
        ["/lines/0/schedule/1/qty"],
      ],
      [
        "a missing required line value",
        () => ({ ...order(), lines: [{ item: ids.bolt, unit_price: 1 }] }),
        400,
        "invalid-record",
        ["/lines/0/qty"],
      ],
      [
        "a link to nothing",
        () => {
          const body = order();
          (body.lines as Json[])[1]!.item = "00000000-0000-4000-8000-000000000000";
          return body;
        },
        422,
        "unknown-link",
        ["/lines/1/item"],
      ],
      [
        "text PostgreSQL cannot store",
        () => ({ ...order(), remark: "nul \u0000 inside" }),
        400,
        "invalid-record",
        [""],
      ],
      [
        "a required-if value left out",
        () => ({ ...order(), sales_channel: "export" }),
        422,
        "required",
        ["/project_code"],
      ],
      [
        "a line rule",
        () => {
          const body = order();
          ((body.lines as Json[])[0]!.schedule as Json[])[1]!.qty = 60;
          return body;
        },
        422,
        "rule-failed",
        ["/lines/0"],
      ],
      [
        "a rule over a linked record",
        () => ({ ...order(5), customer: ids.small }),
        422,
        "rule-failed",
        [""],
      ],
    ];
    it.each(refused)("%s", async (_name, body, status, code, paths) => {
      const before = await counts();
      const response = await post("sales_order", body());
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      expect(response.body.code).toBe(code);
      expect(response.body.details.map((d: { path: string }) => d.path)).toEqual(paths);
      expect(await counts()).toEqual(before);
    });

    it("follows a rule's path through two links", async () => {
      const closed = await created("sales_region", { code: "CLOSED", name: "Closed" });
      const open = await created("sales_region", { code: "OPEN", name: "Open" });
      const inClosed = await created("customer", {
        code: "C-CL",
        name: "In closed",
        region: closed.id,
      });
      const inOpen = await created("customer", { code: "C-OP", name: "In open", region: open.id });
      const before = await counts();
      const refused = await post("sales_order", { ...order(), customer: inClosed.id });
      expect(refused.status).toBe(422);
      expect(refused.body.details).toEqual([
        { path: "", message: "The customer's region is closed." },
      ]);
      expect(await counts()).toEqual(before);
      expect((await post("sales_order", { ...order(), customer: inOpen.id })).status).toBe(201);
    });

    it("tells a failed rule in the caller's language", async () => {
      const body = { ...order(5), customer: ids.small };
      const en = await post("sales_order", body, "en-US,en;q=0.9");
      const zh = await post("sales_order", body, "zh-CN,zh;q=0.9,en;q=0.8");
      const zhTw = await post("sales_order", body, "en;q=0.5, zh-TW");
      expect(en.body.details).toEqual([
        { path: "", message: "The order total exceeds the customer's credit limit." },
      ]);
      expect(zh.body.details).toEqual([{ path: "", message: "订单金额超出客户信用额度。" }]);
      expect(zhTw.body.details[0].message).toBe("订单金额超出客户信用额度。");
    });

    it("refuses a duplicate unique value with 409 at the field", async () => {
      const before = await counts();
      const response = await post("customer", { code: "C-01", name: "Again" });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        code: "unique-violation",
        details: [{ path: "/code" }],
      });
      expect(await counts()).toEqual(before);
    });

    it("refuses a second record of a single entity with 409", async () => {
      await created("company_settings", { company_name: "ACME Ltd" });
      const second = await post("company_settings", { company_name: "Other" });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: "unique-violation", details: [{ path: "" }] });
    });

    it("refuses a body that is not a record", async () => {
      for (const body of [[], "text", 5]) {
        const response = await api
          .post("/api/data/customer")
          .set("Content-Type", "application/json")
          .send(JSON.stringify(body));
        expect(response.status).toBe(400);
      }
      const array = await post("customer", []);
      expect(array.body.details).toEqual([{ path: "", message: "must be object" }]);
      expect((await api.post("/api/data/customer")).status).toBe(400);
    });

    it("tells database refusals that slip past the checks in the record's terms", () => {
      const plans = compileWritePlans(model, compileReadPlans(model));
      const plan = plans.get("sales_order")!;
      const lineFk = [...plans.get("sales_order_line")!.foreignKeys].find(
        ([, key]) => key === "item",
      )![0];
      const record = {
        order_no: "SO-1",
        lines: [
          { item: ids.bolt, schedule: [] },
          { item: ids.nut, schedule: [] },
        ],
      };
      const told = (error: object) => {
        const described = describeDatabaseError(error, plan, record);
        expect(described).toBeInstanceOf(HttpError);
        const { status, code, details } = described as HttpError;
        return { status, code, paths: details.map((d) => d.path) };
      };
      const uniqueIndex = [...plan.uniqueIndexes].find(([, keys]) => keys[0] === "order_no")![0];
      expect(told({ code: "23505", constraint: uniqueIndex })).toEqual({
        status: 409,
        code: "unique-violation",
        paths: ["/order_no"],
      });
      expect(
        told({
          code: "23503",
          constraint: lineFk,
          detail: `Key (item)=(${ids.nut}) is not present in table "item".`,
        }),
      ).toEqual({ status: 422, code: "unknown-link", paths: ["/lines/1/item"] });
      expect(told({ code: "23502", table: "sales_order", column: "customer" })).toEqual({
        status: 422,
        code: "required",
        paths: ["/customer"],
      });
      expect(told({ code: "22P02" })).toMatchObject({ status: 400, code: "invalid-record" });
      const other = Object.assign(new Error("deadlock"), { code: "40P01" });
      expect(describeDatabaseError(other, plan, record)).toBe(other);
    });

    it("refuses child entities and unknown entities", async () => {
      expect((await post("sales_order_line", {})).status).toBe(404);
      expect((await post("nothing", {})).status).toBe(404);
    });
  });

  describe("update", () => {
    it("keeps, reorders, removes and adds lines by id", async () => {
      const record = await created("sales_order", order(3));
      const [first, second, third] = record.lines as Line[];
      const response = await patch("sales_order", record.id as string, {
        version: 1,
        remark: "changed",
        total: 1,
        order_no: "MINE",
        lines: [
          { id: third!.id, qty: 100 },
          { id: first!.id },
          { item: ids.nut, qty: 1, unit_price: 4 },
        ],
      });

      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.headers.etag).toBe('"2"');
      const updated = response.body as Json & { lines: Line[] };
      expect(updated).toMatchObject({ version: 2, remark: "changed", order_no: record.order_no });
      expect(updated.lines.map((l) => [l.id, l.line_no, l.qty, l.amount])).toEqual([
        [third!.id, 1, 100, 250],
        [first!.id, 2, 10, 22.5],
        [expect.any(String), 3, 1, 4],
      ]);
      expect(updated.lines[1]!.schedule).toEqual(first!.schedule);
      expect(updated.total).toBe(276.5);
      expect(updated.lines.map((l) => l.id)).not.toContain(second!.id);
      const gone = await db.run((k) =>
        k.raw(`SELECT count(*) AS n FROM app.sales_order_line WHERE id = ?`, [second!.id]),
      );
      expect(Number(gone.rows[0].n)).toBe(0);
    });

    it("updates an order of 3 or 51 lines in the same small number of statements", async () => {
      // every line but the first changed, the first removed (with its schedule), one added
      const rewrite = async (count: number) => {
        const record = await created("sales_order", order(count));
        const kept = (record.lines as Line[]).slice(1).map((line) => ({ id: line.id, qty: 1 }));
        return statements(`update of ${count} lines`, async () => {
          const response = await patch("sales_order", record.id as string, {
            version: 1,
            lines: [...kept, { item: ids.nut, qty: 2, unit_price: 1 }],
          });
          expect(response.status, JSON.stringify(response.body)).toBe(200);
          expect(response.body.lines).toHaveLength(count);
          expect(response.body.total).toBe((count - 1) * 2.5 + 2);
        });
      };
      const few = await rewrite(3);
      const many = await rewrite(51);
      expect(many).toBe(few);
      expect(many).toBeLessThanOrEqual(16);
    });

    it("changes nested lines of a kept line", async () => {
      const record = await created("sales_order", order(1));
      const [line] = record.lines as Line[];
      const response = await api
        .patch(`/api/data/sales_order/${record.id}`)
        .set("If-Match", 'W/"1"')
        .send({
          lines: [{ id: line!.id, schedule: [{ ...line!.schedule[1], qty: 2 }] }],
        });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body.lines[0].schedule).toMatchObject([
        { id: line!.schedule[1]!.id, line_no: 1, qty: 2, delivered: true },
      ]);
    });

    it("needs the version, refuses a stale one with the current version", async () => {
      const record = await created("customer", { code: "C-V", name: "Versioned" });
      const path = `/api/data/customer/${record.id}`;
      const missing = await api.patch(path).send({ name: "x" });
      expect(missing.status).toBe(428);
      expect(missing.body.code).toBe("version-required");
      expect((await patch("customer", record.id as string, { version: 1, name: "B" })).status).toBe(
        200,
      );
      const stale = await api.patch(path).set("If-Match", '"1"').send({ name: "C" });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: "version-conflict", currentVersion: 2 });
      expect((await api.get(path)).body.name).toBe("B");
    });

    it("lets exactly one of two concurrent updates of one version win", async () => {
      const record = await created("customer", { code: "C-RACE", name: "Race" });
      const [a, b] = await Promise.all([
        patch("customer", record.id as string, { version: 1, name: "A", remark: "from A" }),
        patch("customer", record.id as string, { version: 1, name: "B", phone: "from B" }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
      expect(loser.body.currentVersion).toBe(2);
      const stored = (await api.get(`/api/data/customer/${record.id}`)).body;
      expect(stored).toEqual(winner.body);
      expect(stored.version).toBe(2);
    });

    // PGlite runs one transaction at a time: only a server can change the row in between
    it.runIf(name === "postgres")(
      "lets the UPDATE decide a conflict that arises after the record was read",
      async () => {
        const record = await created("customer", { code: "C-LOCK", name: "Locked" });
        let release = () => {};
        let locked = () => {};
        const isLocked = new Promise<void>((resolve) => {
          locked = resolve;
        });
        const holder = db.transaction(async (tx) => {
          await tx.raw(`UPDATE app.customer SET version = 2, name = 'other' WHERE id = ?`, [
            record.id as string,
          ]);
          locked();
          await new Promise<void>((resolve) => {
            release = resolve;
          });
        });
        await isLocked;
        // reads version 1 (the change is not committed), then waits on the row lock
        const pending = patch("customer", record.id as string, { version: 1, name: "mine" }).then(
          (response) => response,
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
        release();
        await holder;
        const response = await pending;
        expect(response.status).toBe(409);
        expect(response.body).toMatchObject({ code: "version-conflict", currentVersion: 2 });
        const stored = (await api.get(`/api/data/customer/${record.id}`)).body;
        expect(stored).toMatchObject({ name: "other", version: 2 });
      },
    );

    it("refuses a line of another record and writes nothing", async () => {
      const one = await created("sales_order", order(1));
      const other = await created("sales_order", order(1));
      const before = await counts();
      const response = await patch("sales_order", one.id as string, {
        version: 1,
        lines: [{ id: (other.lines as Line[])[0]!.id, qty: 1 }],
      });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: "unknown-line",
        details: [{ path: "/lines/0/id" }],
      });
      expect(await counts()).toEqual(before);
    });

    it("refuses a duplicate unique value on update", async () => {
      const record = await created("customer", { code: "C-U", name: "Unique" });
      const response = await patch("customer", record.id as string, { version: 1, code: "C-01" });
      expect(response.status).toBe(409);
      expect(response.body.details).toMatchObject([{ path: "/code" }]);
    });

    it("refuses to move a tree record under itself or a descendant", async () => {
      const root = await created("item_category", { code: "ROOT", name: "Root" });
      const child = await created("item_category", {
        code: "CHILD",
        name: "Child",
        parent_id: root.id,
      });
      const leaf = await created("item_category", {
        code: "LEAF",
        name: "Leaf",
        parent_id: child.id,
      });
      for (const parent of [root.id, leaf.id]) {
        const response = await patch("item_category", root.id as string, {
          version: 1,
          parent_id: parent,
        });
        expect(response.status).toBe(422);
        expect(response.body).toMatchObject({
          code: "tree-cycle",
          details: [{ path: "/parent_id" }],
        });
      }
      const moved = await patch("item_category", leaf.id as string, {
        version: 1,
        parent_id: root.id,
      });
      expect(moved.status).toBe(200);
      expect(moved.body.parent_id).toBe(root.id);
      const orphan = await post("item_category", {
        code: "ORPHAN",
        name: "Orphan",
        parent_id: "00000000-0000-4000-8000-000000000000",
      });
      expect(orphan.body).toMatchObject({
        code: "unknown-link",
        details: [{ path: "/parent_id" }],
      });
    });

    it("answers 404 for a record that does not exist and 400 for a bad id", async () => {
      const missing = await patch("customer", "00000000-0000-4000-8000-000000000000", {
        version: 1,
      });
      expect(missing.status).toBe(404);
      expect((await patch("customer", "nope", { version: 1 })).status).toBe(400);
    });
  });
});
