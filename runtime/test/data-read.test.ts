import type { Express } from "express";
import fc from "fast-check";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { createHttpApp } from "../src/server/http-app.ts";
import { buildLiveApp, LiveAppHolder } from "../src/server/live-app.ts";
import { SAMPLE_PACKAGES } from "../src/server/start-server.ts";
import { applyPackages } from "../src/store/apply-packages.ts";
import { currentRevision } from "../src/store/revisions.ts";
import { bootstrapSystemSchema } from "../src/store/system-schema.ts";
import { type Api, authed, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";

/** Seeded ids, fixed so expectations can name them. */
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const REGION = { east: id(1), west: id(2) };
const UNIT = id(10);
const ITEM = { bolt: id(20), nut: id(21) };
const ORDER = { a: id(40), b: id(41), c: id(42) };
const LINE = { a1: id(50), a2: id(51), a3: id(52), b1: id(53) };

/** customers: code, name, region, credit_limit, payment_terms_days, tags, contact_person */
const CUSTOMERS = [
  { id: id(31), code: "C01", name: "Acme", region: REGION.east, credit: "5000.00", terms: 30 },
  { id: id(32), code: "C02", name: "bolts & co", region: REGION.west, credit: null, terms: 60 },
  { id: id(33), code: "C03", name: "Acme", region: null, credit: "5000.00", terms: null },
  { id: id(34), code: "C04", name: "Zeta", region: REGION.east, credit: null, terms: 30 },
  { id: id(35), code: "C05", name: "Beta", region: REGION.west, credit: "100.50", terms: 15 },
  { id: id(36), code: "C06", name: "Ñandú", region: null, credit: "99999.99", terms: 30 },
] as const;

async function seed(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    const run = (sql: string, bindings: unknown[] = []) => tx.raw(sql, bindings as never);
    await run(
      `INSERT INTO app.sales_region (id, code, name, manager) VALUES (?, 'EAST', 'East', 'Li'), (?, 'WEST', 'West', NULL)`,
      [REGION.east, REGION.west],
    );
    await run(`INSERT INTO app.unit (id, code, name) VALUES (?, 'PCS', 'Piece')`, [UNIT]);
    await run(
      `INSERT INTO app.item (id, code, name, unit, standard_price, attributes) VALUES
       (?, 'BOLT', 'Bolt M8', ?, 0.25, '{"thread": "M8", "sizes": [8, 10]}'), (?, 'NUT', 'Nut M8', ?, NULL, NULL)`,
      [ITEM.bolt, UNIT, ITEM.nut, UNIT],
    );
    for (const c of CUSTOMERS) {
      await run(
        `INSERT INTO app.customer (id, code, name, region, credit_limit, payment_terms_days, tags, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, '2024-03-01T08:00:00.123456Z')`,
        [
          c.id,
          c.code,
          c.name,
          c.region,
          c.credit,
          c.terms,
          c.code === "C01" ? ["key_account", "oem"] : null,
        ],
      );
    }
    const order = `INSERT INTO app.sales_order (id, order_no, customer, order_date, delivery_date, sales_channel, remark)
                   VALUES (?, ?, ?, ?, ?, 'direct', ?)`;
    await run(order, [ORDER.a, "SO-2024-00001", CUSTOMERS[0].id, "2024-02-29", "2024-03-15", null]);
    await run(order, [
      ORDER.b,
      "SO-2024-00002",
      CUSTOMERS[1].id,
      "2024-01-01",
      "2024-01-31",
      "rush",
    ]);
    await run(order, [ORDER.c, "SO-2024-00003", CUSTOMERS[4].id, "2023-12-31", "2024-01-10", null]);
    // lines inserted out of order: the read must order them by line_no
    const line = `INSERT INTO app.sales_order_line (id, parent_id, line_no, item, qty, unit_price, discount)
                  VALUES (?, ?, ?, ?, ?, ?, ?)`;
    await run(line, [LINE.a2, ORDER.a, 2, ITEM.nut, "1000.0000", "0.05", "0"]);
    await run(line, [LINE.a1, ORDER.a, 1, ITEM.bolt, "12.5000", "0.25", "10"]);
    await run(line, [LINE.a3, ORDER.a, 3, ITEM.bolt, "1", "0.30", null]);
    await run(line, [LINE.b1, ORDER.b, 1, ITEM.nut, "5", "0.05", "0"]);
    const schedule = `INSERT INTO app.delivery_schedule (id, parent_id, line_no, delivery_date, qty, delivered)
                      VALUES (?, ?, ?, ?, ?, ?)`;
    await run(schedule, [id(61), LINE.a1, 2, "2024-03-20", "7.5", false]);
    await run(schedule, [id(60), LINE.a1, 1, "2024-03-10", "5", true]);
    await run(schedule, [id(62), LINE.b1, 1, "2024-01-20", "5", null]);
  });
}

describe.each(testDatabases())("the data read API on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  let app: Express;
  let api: Api;

  beforeAll(async () => {
    db = await open();
    await bootstrapSystemSchema(db);
    await applyPackages(db, SAMPLE_PACKAGES, { allowDataLoss: false, actor: "test" });
    await seed(db);
    const revision = await db.run((k) => currentRevision(k));
    app = createHttpApp(
      new LiveAppHolder(buildLiveApp(revision, db)),
      db,
      pino({ level: "silent" }),
    );
    api = authed(app, (await signIn(db)).token);
  });
  afterAll(() => db?.dispose());

  const get = (path: string) => api.get(path);
  const list = async (entity: string, query: Record<string, string>) => {
    const response = await get(`/api/data/${entity}`).query(query);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as {
      data: Record<string, unknown>[];
      nextCursor: string | null;
      count?: number;
    };
  };
  /** counts the statements knex sends while `work` runs */
  const countQueries = async (work: () => Promise<unknown>): Promise<string[]> => {
    const seen: string[] = [];
    const listener = (query: { sql: string }) => seen.push(query.sql);
    await db.run(async (k) => k.on("query", listener));
    try {
      await work();
    } finally {
      await db.run(async (k) => k.off("query", listener));
    }
    // the credential's lookup is authentication's statement, not the read's
    return seen.filter((sql) => !sql.includes('"loom_sys"."sessions"'));
  };

  describe("get by id", () => {
    it("returns the record with typed values and its lines and their schedules in line_no order", async () => {
      const response = await get(`/api/data/sales_order/${ORDER.a}`);

      expect(response.status).toBe(200);
      const order = response.body;
      expect(order).toMatchObject({
        id: ORDER.a,
        version: 1,
        order_no: "SO-2024-00001",
        customer: CUSTOMERS[0].id,
        order_date: "2024-02-29",
        delivery_date: "2024-03-15",
        exchange_rate: 1,
        status: "draft",
        remark: null,
        created_by: null,
      });
      expect(order.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Object.keys(order)).toEqual(expect.arrayContaining(["total", "shipping_address"]));
      expect(order.lines.map((l: { id: string }) => l.id)).toEqual([LINE.a1, LINE.a2, LINE.a3]);
      expect(order.lines[0]).toEqual({
        id: LINE.a1,
        line_no: 1,
        item: ITEM.bolt,
        description: null,
        qty: 12.5,
        unit: null,
        unit_price: 0.25,
        discount: 10,
        amount: null,
        schedule: [
          {
            id: id(60),
            line_no: 1,
            delivery_date: "2024-03-10",
            qty: 5,
            delivered: true,
            remark: null,
          },
          {
            id: id(61),
            line_no: 2,
            delivery_date: "2024-03-20",
            qty: 7.5,
            delivered: false,
            remark: null,
          },
        ],
      });
      expect(order.lines[1].schedule).toEqual([]);
    });

    it("gives arrays, json and the exact created_at instant", async () => {
      const customer = (await get(`/api/data/customer/${CUSTOMERS[0].id}`)).body;
      expect(customer).toMatchObject({
        tags: ["key_account", "oem"],
        credit_limit: 5000,
        payment_terms_days: 30,
        is_active: true,
        region: REGION.east,
        created_at: "2024-03-01T08:00:00.123Z",
      });
      const item = (await get(`/api/data/item/${ITEM.bolt}`)).body;
      expect(item.attributes).toEqual({ thread: "M8", sizes: [8, 10] });
    });

    it("expands links and links of lines on request", async () => {
      const response = await get(
        `/api/data/sales_order/${ORDER.a}?expand=customer.region,lines.item`,
      );
      expect(response.status).toBe(200);
      expect(response.body.customer).toMatchObject({
        id: CUSTOMERS[0].id,
        name: "Acme",
        code: "C01",
      });
      expect(response.body.customer.region).toMatchObject({ id: REGION.east, name: "East" });
      expect(response.body.lines[1].item).toMatchObject({
        id: ITEM.nut,
        name: "Nut M8",
        unit: UNIT,
      });
    });

    it("answers 404 not-found for a missing id and 400 bad-id for a malformed one", async () => {
      const missing = await get(`/api/data/sales_order/${id(999)}`);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe("not-found");
      for (const bad of ["123", "not-a-uuid", `${ORDER.a}x`, "'; DROP TABLE app.sales_order; --"]) {
        const response = await get(`/api/data/sales_order/${encodeURIComponent(bad)}`);
        expect(response.status, bad).toBe(400);
        expect(response.body.code).toBe("bad-id");
      }
    });

    it("does not serve child entities or unknown ones on their own", async () => {
      for (const path of [
        `/api/data/sales_order_line/${LINE.a1}`,
        "/api/data/sales_order_line",
        "/api/data/nope",
        `/api/data/nope/${id(1)}`,
      ]) {
        const response = await get(path);
        expect(response.status, path).toBe(404);
        expect(response.body.code, path).toBe("unknown-entity");
      }
    });

    it("refuses parameters other than expand, and bad expansions", async () => {
      const unknown = await get(`/api/data/sales_order/${ORDER.a}?sort=id`);
      expect([unknown.status, unknown.body.code]).toEqual([400, "unknown-parameter"]);
      for (const expand of ["status", "lines", "nope", "customer.nope", "lines.nope"]) {
        const response = await get(`/api/data/sales_order/${ORDER.a}`).query({ expand });
        expect([response.status, response.body.code], expand).toEqual([400, "bad-expand"]);
      }
    });
  });

  describe("list", () => {
    it("filters with where through a link path", async () => {
      const page = await list("sales_order", {
        where: JSON.stringify({ "==": [{ var: "customer.region.code" }, "EAST"] }),
      });
      expect(page.data.map((o) => o.id)).toEqual([ORDER.a]);
      const customers = await list("customer", {
        where: JSON.stringify({ "==": [{ var: "region" }, REGION.west] }),
        sort: "code",
      });
      expect(customers.data.map((c) => c.code)).toEqual(["C02", "C05"]);
    });

    it("filters with field=value shortcuts converted by field type, combined with where", async () => {
      const byTerms = await list("customer", { payment_terms_days: "30", sort: "code" });
      expect(byTerms.data.map((c) => c.code)).toEqual(["C01", "C04", "C06"]);
      const combined = await list("customer", {
        payment_terms_days: "30",
        is_active: "true",
        where: JSON.stringify({ "!=": [{ var: "region" }, null] }),
        sort: "code",
      });
      expect(combined.data.map((c) => c.code)).toEqual(["C01", "C04"]);
      const byDate = await list("sales_order", { order_date: "2024-02-29" });
      expect(byDate.data.map((o) => o.id)).toEqual([ORDER.a]);
      const byLink = await list("sales_order", { customer: CUSTOMERS[1].id });
      expect(byLink.data.map((o) => o.id)).toEqual([ORDER.b]);
    });

    it("refuses unknown parameters and shortcut values of the wrong type", async () => {
      const cases: Array<[Record<string, string>, string]> = [
        [{ nope: "1" }, "unknown-parameter"],
        [{ lines: "1" }, "unknown-parameter"],
        [{ payment_terms_days: "abc" }, "bad-parameter"],
        [{ payment_terms_days: "1.5" }, "bad-parameter"],
        [{ is_active: "yes" }, "bad-parameter"],
        [{ region: "not-a-uuid" }, "bad-parameter"],
        [{ credit_limit: "1e999" }, "bad-parameter"],
        [{ tags: "oem" }, "bad-parameter"],
      ];
      for (const [query, code] of cases) {
        const response = await get("/api/data/customer").query(query);
        expect([response.status, response.body.code], JSON.stringify(query)).toEqual([400, code]);
        expect(response.body.details[0].path).toBe(`/query/${Object.keys(query)[0]}`);
      }
      const order = await get("/api/data/sales_order").query({ order_date: "2024-02-30" });
      expect([order.status, order.body.code]).toEqual([400, "bad-parameter"]);
    });

    it("sorts by several fields in mixed directions, NULLs last ascending and first descending", async () => {
      const page = await list("customer", { sort: "-credit_limit,name" });
      expect(page.data.map((c) => c.code)).toEqual(["C04", "C02", "C06", "C01", "C03", "C05"]);
      const asc = await list("customer", { sort: "payment_terms_days,-code" });
      expect(asc.data.map((c) => c.code)).toEqual(["C05", "C06", "C04", "C01", "C02", "C03"]);
      // code point order: upper case before lower case, Ñ after z
      const byName = await list("customer", { sort: "name,code" });
      expect(byName.data.map((c) => c.name)).toEqual([
        "Acme",
        "Acme",
        "Beta",
        "Zeta",
        "bolts & co",
        "Ñandú",
      ]);
    });

    it("refuses unsortable or unknown sort keys", async () => {
      for (const sort of ["tags", "nope", "name,name", "name,", "-", "lines"]) {
        const response = await get("/api/data/customer").query({ sort });
        expect([response.status, response.body.code], sort).toEqual([400, "bad-sort"]);
      }
    });

    it("pages through every row exactly once, in order, with a small limit", async () => {
      for (const sort of [
        "-credit_limit,name",
        "region,-payment_terms_days",
        "-is_active,-name",
        "-created_at",
      ]) {
        const all = (await list("customer", { sort })).data.map((c) => c.id);
        const paged: unknown[] = [];
        let cursor: string | null = null;
        do {
          const page = await list("customer", { sort, limit: "2", ...(cursor && { cursor }) });
          expect(page.data.length).toBeLessThanOrEqual(2);
          paged.push(...page.data.map((c) => c.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(paged, sort).toEqual(all);
        expect(all).toHaveLength(CUSTOMERS.length);
      }
    });

    it("refuses a tampered cursor with bad-cursor", async () => {
      const first = await list("customer", { sort: "-credit_limit,name", limit: "2" });
      const cursor = first.nextCursor!;
      const decoded = JSON.parse(Buffer.from(cursor, "base64url").toString());
      const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
      const tampered = [
        "garbage!",
        forge([1, 2]),
        forge({ ...decoded, s: "name,id" }),
        forge({ ...decoded, v: decoded.v.slice(1) }),
        forge({ ...decoded, v: ["12abc", ...decoded.v.slice(1)] }),
        forge({ ...decoded, v: [decoded.v[0], decoded.v[1], "not-a-uuid"] }),
        forge({ ...decoded, v: [decoded.v[0], decoded.v[1], null] }),
      ];
      for (const bad of tampered) {
        const response = await get("/api/data/customer").query({
          sort: "-credit_limit,name",
          limit: "2",
          cursor: bad,
        });
        expect([response.status, response.body.code], bad).toEqual([400, "bad-cursor"]);
      }
      const otherSort = await get("/api/data/customer").query({ sort: "name", cursor });
      expect([otherSort.status, otherSort.body.code]).toEqual([400, "bad-cursor"]);
    });

    it("limits: default 50, at most 500, refused beyond with an explanation", async () => {
      for (const limit of ["0", "501", "-1", "ten", "1.5"]) {
        const response = await get("/api/data/customer").query({ limit });
        expect([response.status, response.body.code], limit).toEqual([400, "bad-limit"]);
        expect(response.body.message).toMatch(/cursor/);
      }
      expect((await list("customer", { limit: "500" })).data).toHaveLength(CUSTOMERS.length);
    });

    it("selects fields (id and version always), table fields only when named", async () => {
      const light = await list("sales_order", { sort: "order_no" });
      expect(light.data[0]).not.toHaveProperty("lines");
      const some = await list("customer", { fields: "name,code", sort: "code", limit: "1" });
      expect(some.data).toEqual([{ id: CUSTOMERS[0].id, version: 1, code: "C01", name: "Acme" }]);
      const withLines = await list("sales_order", { fields: "order_no,lines", sort: "order_no" });
      expect(withLines.data.map((o) => (o.lines as unknown[]).length)).toEqual([3, 1, 0]);
      expect(
        (withLines.data[0]!.lines as Array<{ line_no: number }>).map((l) => l.line_no),
      ).toEqual([1, 2, 3]);
      const bad = await get("/api/data/customer").query({ fields: "name,nope" });
      expect([bad.status, bad.body.code]).toEqual([400, "bad-fields"]);
    });

    it("counts every matching row when asked, whatever the page", async () => {
      const page = await list("customer", { count: "true", limit: "1", payment_terms_days: "30" });
      expect(page.data).toHaveLength(1);
      expect(page.count).toBe(3);
      expect(await list("customer", {})).not.toHaveProperty("count");
    });

    it("expands links with one query per link field, whatever the number of rows", async () => {
      const statements = async (limit: string) =>
        countQueries(async () => {
          const page = await list("sales_order", {
            expand: "customer,customer.region,lines.item",
            fields: "order_no,customer,lines",
            sort: "order_no",
            limit,
          });
          expect(page.data.length).toBe(Number(limit));
          expect((page.data[0]!.customer as { name: string }).name).toBe("Acme");
          expect((page.data[0]!.customer as { region: { code: string } }).region.code).toBe("EAST");
        });
      const one = await statements("1");
      const three = await statements("3");
      expect(three.length).toBe(one.length);
      // the list with its lines and their schedules, the customers, their regions, the items
      expect(three.filter((sql) => /select/i.test(sql))).toHaveLength(4);
    });

    it("leaves null links null when expanding, and refuses links the response leaves out", async () => {
      const page = await list("customer", { expand: "region", sort: "code" });
      expect(page.data.map((c) => (c.region as { code: string } | null)?.code ?? null)).toEqual([
        "EAST",
        "WEST",
        null,
        "EAST",
        "WEST",
        null,
      ]);
      expect(page.data[0]!.region).toMatchObject({
        id: REGION.east,
        name: "East",
        manager: "Li",
        version: 1,
      });
      const leftOut = await get("/api/data/customer").query({ fields: "name", expand: "region" });
      expect([leftOut.status, leftOut.body.code]).toEqual([400, "bad-expand"]);
      const linesLeftOut = await get("/api/data/sales_order").query({ expand: "lines.item" });
      expect([linesLeftOut.status, linesLeftOut.body.code]).toEqual([400, "bad-expand"]);
    });

    it("keeps a where string with SQL in it a bound value", async () => {
      const evil = "x'); DROP TABLE app.customer; --";
      const byWhere = await list("customer", {
        where: JSON.stringify({ "==": [{ var: "name" }, evil] }),
      });
      expect(byWhere.data).toEqual([]);
      const byShortcut = await list("customer", { name: evil });
      expect(byShortcut.data).toEqual([]);
      const byIn = await list("customer", {
        where: JSON.stringify({ in: [evil, { var: "name" }] }),
      });
      expect(byIn.data).toEqual([]);
      expect((await list("customer", {})).data).toHaveLength(CUSTOMERS.length);
    });

    it("answers 400 bad-where for malformed or invalid filters, never 500", async () => {
      const cases = [
        "{not json",
        JSON.stringify({ "==": [{ var: "nope" }, 1] }),
        JSON.stringify({ "==": [{ var: "region.nope" }, 1] }),
        JSON.stringify({ "==": [{ var: "name" }, 5] }),
        JSON.stringify({ sum_lines: ["lines", "qty"] }),
        JSON.stringify({ "==": [{ var: "region" }, "not-a-uuid"] }),
        JSON.stringify({ var: "payment_terms_days" }),
        JSON.stringify({ bogus: [1] }),
      ];
      for (const where of cases) {
        const response = await get("/api/data/customer").query({ where });
        expect([response.status, response.body.code], where).toEqual([400, "bad-where"]);
        expect(response.body.details.length, where).toBeGreaterThan(0);
        expect(response.body.details[0].path, where).toMatch(/^\/query\/where/);
        expect(JSON.stringify(response.body)).not.toMatch(/syntax|invalid input|uuid:/i);
      }
      const unknownField = await get("/api/data/customer").query({
        where: JSON.stringify({ "==": [{ var: "nope" }, 1] }),
      });
      expect(unknownField.body.details[0].path).toBe("/query/where/==/0/var");
    });

    it("answers random where expressions with 200 or a 400, never a 500 or database text", async () => {
      const field = fc.constantFrom(
        "name",
        "code",
        "region",
        "region.code",
        "credit_limit",
        "payment_terms_days",
        "tags",
        "is_active",
        "created_at",
        "id",
        "nope",
        "region.nope",
      );
      const value = fc.oneof(
        fc.constantFrom(
          null,
          true,
          0,
          -1.5,
          1e308,
          "",
          "2024-02-30",
          "2024-01-01",
          REGION.east,
          "x'--",
        ),
        fc.string({ maxLength: 6 }),
        fc.double(),
      );
      const { expr } = fc.letrec<{ expr: unknown }>((tie) => ({
        expr: fc.oneof(
          { depthSize: "small" },
          value,
          field.map((name) => ({ var: name })),
          fc
            .tuple(
              fc.constantFrom("==", "!=", "<", ">=", "and", "or", "!", "in", "+", "/", "if", "cat"),
              fc.array(tie("expr"), { maxLength: 3 }),
            )
            .map(([op, args]) => ({ [op]: args })),
        ),
      }));
      await fc.assert(
        fc.asyncProperty(expr, async (where) => {
          const response = await get("/api/data/customer").query({ where: JSON.stringify(where) });
          expect([200, 400], JSON.stringify(response.body)).toContain(response.status);
          if (response.status === 400) expect(response.body.code).toBe("bad-where");
          expect(JSON.stringify(response.body)).not.toMatch(
            /invalid input|syntax error|operator does not exist/i,
          );
        }),
        { numRuns: 150 },
      );
    });
  });
});
