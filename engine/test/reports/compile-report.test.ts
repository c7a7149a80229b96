import { describe, expect, it } from "vitest";
import {
  type AppModel,
  compileReport,
  FULL_ACCESS,
  type ReportAccess,
  type ReportDef,
  ReportRefusal,
} from "../../src/index.ts";
import { sampleModel } from "../support/sample-model.ts";
import { salesReport } from "./support.ts";

const model: AppModel = sampleModel("manufacturing");
const report = salesReport() as unknown as ReportDef;
const values = { from: "2026-01-01", to: "2026-01-31", customer: null };

function refusalOf(fn: () => unknown): ReportRefusal {
  try {
    fn();
  } catch (error) {
    if (error instanceof ReportRefusal) return error;
    throw error;
  }
  throw new Error("not refused");
}

describe("compileReport", () => {
  it("compiles one statement with every value bound, link paths joined once", () => {
    const compiled = compileReport({ report, model, access: FULL_ACCESS, parameters: values });
    expect(compiled.sql.split(";")).toHaveLength(1);
    expect(compiled.sql).not.toContain("2026-01-01");
    expect(compiled.params).toContain("2026-01-01");
    // the line root reaches its order by an inner join, the customer's title after grouping
    expect(compiled.sql).toContain(`JOIN "app"."sales_order" "r" ON "r"."id" = "x"."parent_id"`);
    expect(compiled.sql).toContain(`LEFT JOIN "app"."customer" "k1" ON "k1"."id" = "s"."d1"`);
    expect(compiled.sql.match(/JOIN "app"."sales_order" /g)).toHaveLength(1);
    // the filter reads the joined order, not a subquery per line
    expect(compiled.sql).not.toMatch(/\(SELECT "t\d+"/);
    expect(compiled.sql).toContain(`date_trunc('month', "r"."order_date"::timestamp)`);
    expect(compiled.columns.map((c) => [c.name, c.kind, c.type])).toEqual([
      ["month", "dimension", "date"],
      ["customer", "dimension", "link"],
      ["amount", "measure", "money"],
      ["lines", "measure", "integer"],
    ]);
    expect(compiled.documentPrefix).toBe("parent.");
  });

  it("binds a text parameter as a value, never as SQL", () => {
    const def: ReportDef = {
      ...report,
      parameters: [{ name: "po", type: "text", labels: { en: "PO" } }],
      filter: { "==": [{ var: "parent.customer_po_no" }, { var: "$report.po" }] },
      period: undefined,
    };
    const evil = `'); DROP TABLE app.customer; --`;
    const compiled = compileReport({
      report: def,
      model,
      access: FULL_ACCESS,
      parameters: { po: evil },
    });
    expect(compiled.sql).not.toContain("DROP");
    expect(compiled.params).toContain(evil);
  });

  it("reads the previous period of the same length when a KPI compares", () => {
    const kpi: ReportDef = {
      ...report,
      dimensions: [],
      visualization: { type: "kpi", measure: "amount", compare: "previous-period" },
    };
    const compiled = compileReport({ report: kpi, model, access: FULL_ACCESS, parameters: values });
    expect(compiled.compare).toBe(true);
    // January (31 days) is compared with the 31 days before it: 2025-12-01 … 2025-12-31
    expect(compiled.params).toEqual(
      expect.arrayContaining(["2025-12-01", "2026-01-01", "2026-02-01"]),
    );
    expect(compiled.sql).toContain(`FILTER (WHERE "b"."prev")`);
  });

  const scoped = (overrides: Partial<ReportAccess>): ReportAccess => ({
    ...FULL_ACCESS,
    ...overrides,
  });

  it("adds the report scope of the root's document", () => {
    const access = scoped({
      scope: (entity, action) =>
        entity === "sales_order" && action === "report"
          ? { sql: `"r"."sales_person" = ?`, params: ["rep1"] }
          : undefined,
    });
    const compiled = compileReport({ report, model, access, parameters: values });
    expect(compiled.sql).toContain(`("r"."sales_person" = ?)`);
    expect(compiled.params).toContain("rep1");
  });

  it("refuses a root the roles may not report on, naming the permission", () => {
    const access = scoped({ scope: (entity) => (entity === "sales_order" ? null : undefined) });
    const refused = refusalOf(() => compileReport({ report, model, access, parameters: values }));
    expect(refused).toMatchObject({ code: "forbidden", permission: "sales_order.report" });
    expect(refused.issues[0]?.path).toBe("/entity");
  });

  it("refuses a path through an entity the roles may not read", () => {
    const def: ReportDef = {
      ...report,
      dimensions: [{ name: "type", field: "parent.customer.customer_type" }],
    };
    const access = scoped({
      scope: (entity, action) => (entity === "customer" && action === "read" ? null : undefined),
    });
    const refused = refusalOf(() =>
      compileReport({ report: def, model, access, parameters: values }),
    );
    expect(refused).toMatchObject({ code: "forbidden", permission: "customer.read" });
    expect(refused.issues[0]?.path).toBe("/dimensions/0/field");
  });

  it("leaves out a link's title the caller may not read, keeping its id", () => {
    const access = scoped({
      scope: (entity, action) => (entity === "customer" && action === "read" ? null : undefined),
    });
    const compiled = compileReport({ report, model, access, parameters: values });
    expect(compiled.sql).not.toContain(`"app"."customer"`);
    expect(compiled.dimensions[1]).toMatchObject({ labelled: false });
  });

  it("refuses a hidden field wherever the report reads it: line fields by their path from the document", () => {
    const hide = (paths: string[]) =>
      scoped({ hidden: (entity) => new Set(entity === "sales_order" ? paths : []) });
    const cases: [ReportDef, string[], string][] = [
      [report, ["lines.amount"], "/measures/0/field"],
      // hidden lines: a report over them cannot even reach their document
      [report, ["lines"], "/entity"],
      [
        { ...report, dimensions: [{ name: "m", field: "parent.margin" }] },
        ["margin"],
        "/dimensions/0/field",
      ],
      [
        { ...report, filter: { ">": [{ var: "parent.margin" }, 0] } },
        ["margin"],
        "/filter/>/0/var",
      ],
      [report, ["order_date"], "/dimensions/0/field"],
    ];
    for (const [def, hidden, path] of cases) {
      const refused = refusalOf(() =>
        compileReport({ report: def, model, access: hide(hidden), parameters: values }),
      );
      expect(refused.code).toBe("field-hidden");
      expect(refused.issues[0]?.path).toBe(path);
    }
  });
});
