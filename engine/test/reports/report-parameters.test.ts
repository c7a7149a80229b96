import { describe, expect, it } from "vitest";
import {
  type JsonLogic,
  type ReportParameter,
  relativeDate,
  resolveParameters,
} from "../../src/index.ts";
import { drillWhere } from "../../src/reports/drill-where.ts";

const PARAMETERS: ReportParameter[] = [
  { name: "from", type: "date", labels: { en: "From" }, default: { relative: "start-of-quarter" } },
  { name: "to", type: "date", labels: { en: "To" }, required: true },
  { name: "top", type: "integer", labels: { en: "Top" }, default: 10 },
  { name: "rate", type: "decimal", labels: { en: "Rate" } },
  {
    name: "kind",
    type: "select",
    labels: { en: "Kind" },
    options: [{ value: "a", labels: { en: "A" } }],
  },
  { name: "customer", type: "link", target: "customer", labels: { en: "Customer" } },
];
const NOW = new Date("2026-05-20T23:59:00Z");

describe("report parameters", () => {
  it("types the given values and fills defaults", () => {
    const { values, problems } = resolveParameters(
      PARAMETERS,
      {
        to: "2026-05-31",
        rate: "1.25",
        kind: "a",
        customer: "3F2504E0-4F89-11D3-9A0C-0305E82C3301",
      },
      NOW,
    );
    expect(problems).toEqual([]);
    expect(values).toEqual({
      from: "2026-04-01",
      to: "2026-05-31",
      top: 10,
      rate: 1.25,
      kind: "a",
      customer: "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
    });
  });

  it("reports every problem at /<name>", () => {
    const { problems } = resolveParameters(
      PARAMETERS,
      {
        from: "2026-02-30",
        top: "ten",
        rate: "1e5",
        kind: "b",
        customer: "x",
        nope: "1",
        to: ["a", "b"],
      },
      NOW,
    );
    expect(problems.map((p) => p.path)).toEqual([
      "/nope",
      "/from",
      "/to",
      "/top",
      "/rate",
      "/kind",
      "/customer",
    ]);
  });

  it("says a required parameter is missing", () => {
    expect(resolveParameters(PARAMETERS, {}, NOW).problems).toEqual([
      { path: "/to", message: '"to" is required' },
    ]);
  });

  it("resolves relative dates in UTC", () => {
    expect(
      [
        "today",
        "start-of-month",
        "start-of-quarter",
        "start-of-year",
        "days-ago-30",
        "days-ago-365",
      ].map((r) => relativeDate(r as never, NOW)),
    ).toEqual(["2026-05-20", "2026-05-01", "2026-04-01", "2026-01-01", "2026-04-20", "2025-05-20"]);
  });
});

describe("drill-down where", () => {
  it("bounds a bucket by its first day and the next bucket's", () => {
    expect(
      drillWhere(
        undefined,
        [{ field: "order_date", value: "2026-10-01", bucket: "quarter", datetime: false }],
        "",
      ),
    ).toEqual({
      and: [
        { ">=": [{ var: "order_date" }, "2026-10-01"] },
        { "<": [{ var: "order_date" }, "2027-01-01"] },
      ],
    });
  });

  it("keeps what a line root says of its document, without the parent prefix", () => {
    const filter: JsonLogic = {
      and: [{ ">": [{ var: "qty" }, 1] }, { "==": [{ var: "parent.status" }, "approved"] }],
    };
    const where = drillWhere(
      filter,
      [
        { field: "parent.customer", value: "c1", datetime: false },
        { field: "item", value: "i1", datetime: false },
        { field: "parent.order_date", value: null, bucket: "month", datetime: false },
      ],
      "parent.",
    );
    expect(where).toEqual({
      and: [
        { "==": [{ var: "status" }, "approved"] },
        { "==": [{ var: "customer" }, "c1"] },
        { "==": [{ var: "order_date" }, null] },
      ],
    });
  });
});
