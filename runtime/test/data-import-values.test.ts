import type { Entity, Field } from "@loom/engine";
import { describe, expect, it } from "vitest";
import { type CellConverter, cellConverter, LinkKey } from "../src/data-transfer/cell-values.ts";
import { dateOfSerial, parseDateText, parseDateTimeText } from "../src/data-transfer/date-text.ts";
import { mapColumns } from "../src/data-transfer/import-columns.ts";
import { parseNumberText } from "../src/data-transfer/number-text.ts";
import type { HttpError } from "../src/server/http-error.ts";

function field(name: string, type: Field["type"], extra: Partial<Field> = {}): Field {
  return {
    name,
    type,
    labels: { en: name.replace(/_/g, " "), "zh-CN": `${name}中` },
    required: false,
    unique: false,
    readOnly: false,
    column: name,
    origin: { package: "test", file: "entities/thing.json" },
    ...extra,
  } as Field;
}

const STATUS = field("status", "select", {
  labels: { en: "Status", "zh-CN": "状态" },
  options: [
    { value: "draft", labels: { en: "Draft", "zh-CN": "草稿" } },
    { value: "done", labels: { en: "Done", "zh-CN": "已完成" } },
  ],
});

const converted = (convert: CellConverter, ...cells: Parameters<CellConverter>[0][]) =>
  cells.map((cell) => {
    const result = convert(cell);
    return result.ok ? result.value : `refused: ${result.message}`;
  });

describe("numbers written by people", () => {
  it("reads plain, grouped and scientific numbers, a point always the decimal separator", () => {
    const values = [
      "1234.5",
      "1,234.50",
      "-1,234,567.25",
      "1 234.5",
      "1\u00a0234",
      "1'234.5",
      "+7",
      ".5",
      "1.5e3",
      " 42 ",
    ];
    expect(values.map((text) => parseNumberText(text, false))).toEqual(
      [1234.5, 1234.5, -1234567.25, 1234.5, 1234, 1234.5, 7, 0.5, 1500, 42].map((value) => ({
        ok: true,
        value,
      })),
    );
  });

  it("refuses a comma as decimal separator rather than guess: 1 234,50 and 1,5", () => {
    for (const text of [
      "1 234,50",
      "1,5",
      "1,23",
      "12,3456",
      "1.234,5",
      "1,234 567",
      "abc",
      "",
      "1..2",
    ])
      expect(parseNumberText(text, false), text).toMatchObject({
        ok: false,
        message: expect.stringContaining("point for decimals"),
      });
  });

  it("reads a percentage as a fraction, and as itself for a percent field", () => {
    expect(parseNumberText("12%", false)).toEqual({ ok: true, value: 0.12 });
    expect(parseNumberText("7 %", false)).toEqual({ ok: true, value: 0.07 });
    expect(parseNumberText("12.5%", true)).toEqual({ ok: true, value: 12.5 });
    expect(parseNumberText("12.5", true)).toEqual({ ok: true, value: 12.5 });
  });
});

describe("dates and times written by people and spreadsheets", () => {
  it("reads year-first dates with - / or ., day-first dates with dots, and Chinese dates", () => {
    const texts = [
      "2026-11-26",
      "2026/11/26",
      "2026.11.26",
      "26.11.2026",
      "2026/1/5",
      "5.1.2026",
      "2026年11月26日",
    ];
    expect(texts.map((text) => parseDateText(text))).toEqual(
      [
        "2026-11-26",
        "2026-11-26",
        "2026-11-26",
        "2026-11-26",
        "2026-01-05",
        "2026-01-05",
        "2026-11-26",
      ].map((value) => ({ ok: true, value })),
    );
  });

  it("refuses month/day against day/month, days that do not exist and other text", () => {
    expect(parseDateText("11/12/2026")).toEqual({
      ok: false,
      message:
        '"11/12/2026" could be month/day or day/month: write the date as 2026-11-12 or 2026-12-11 (year-month-day)',
    });
    expect(parseDateText("11/26/2026")).toMatchObject({
      ok: false,
      message: expect.stringContaining("as 2026-11-26 ("),
    });
    expect(parseDateText("2026-02-30")).toMatchObject({ ok: false });
    expect(parseDateText("tomorrow")).toMatchObject({
      ok: false,
      message: expect.stringContaining("2026-11-26"),
    });
  });

  it("reads datetimes with their offset, and refuses one without", () => {
    expect(parseDateTimeText("2026-11-26T09:30:00+08:00")).toEqual({
      ok: true,
      value: "2026-11-26T09:30:00+08:00",
    });
    expect(parseDateTimeText("2026-11-26 09:30+0800")).toEqual({
      ok: true,
      value: "2026-11-26T09:30:00+08:00",
    });
    expect(parseDateTimeText("2026/11/26 9:30:15.250Z")).toEqual({
      ok: true,
      value: "2026-11-26T09:30:15.250Z",
    });
    expect(parseDateTimeText("2026-11-26 09:30")).toEqual({
      ok: false,
      message:
        '"2026-11-26 09:30" has no time zone: add the offset, e.g. 2026-11-26 09:30+08:00, or Z for UTC',
    });
    expect(parseDateTimeText("2026-11-26T25:00:00Z")).toMatchObject({ ok: false });
  });

  it("reads spreadsheet serial day numbers (1900 date system), the fraction as the time of day", () => {
    expect(dateOfSerial(46352)?.toISOString()).toBe("2026-11-26T00:00:00.000Z");
    expect(dateOfSerial(46352.5)?.toISOString()).toBe("2026-11-26T12:00:00.000Z");
    expect(dateOfSerial(60)).toBeUndefined();
  });
});

describe("a cell converted for its field", () => {
  it("takes yes and no in every common spelling, and refuses anything else", () => {
    const convert = cellConverter(field("active", "boolean"));
    expect(
      converted(convert, "true", "FALSE", "Yes", "no", "y", "N", "1", "0", "是", "否", true, 0),
    ).toEqual([true, false, true, false, true, false, true, false, true, false, true, false]);
    expect(converted(convert, "maybe")[0]).toMatch(/^refused: "maybe" is not yes or no/);
  });

  it("takes an option by value or by label in any language, case and spaces aside", () => {
    const convert = cellConverter(STATUS);
    expect(converted(convert, "draft", "Done", " DONE ", "草稿", "已完成")).toEqual([
      "draft",
      "done",
      "done",
      "draft",
      "done",
    ]);
    expect(converted(convert, "open")[0]).toBe(
      'refused: "open" is no option: one of draft (Draft / 草稿), done (Done / 已完成)',
    );
  });

  it("splits several options on ; or , (full-width too)", () => {
    const convert = cellConverter({ ...STATUS, type: "multiselect" });
    expect(converted(convert, "draft; Done", "草稿，已完成", "done,", "草稿；")).toEqual([
      ["draft", "done"],
      ["draft", "done"],
      ["done"],
      ["draft"],
    ]);
  });

  it("takes XLSX dates, serial numbers and text for a date, refusing a time of day", () => {
    const convert = cellConverter(field("due", "date"));
    expect(converted(convert, new Date("2026-11-26T00:00:00Z"), 46352, "26.11.2026")).toEqual([
      "2026-11-26",
      "2026-11-26",
      "2026-11-26",
    ]);
    expect(converted(convert, new Date("2026-11-26T08:00:00Z"))[0]).toMatch(/has a time of day/);
  });

  it("takes XLSX dates (in UTC, as a sheet has no zone) and offset text for a datetime", () => {
    const convert = cellConverter(field("at", "datetime"));
    expect(
      converted(convert, new Date("2026-11-26T01:30:00Z"), "2026-11-26T09:30:00+08:00"),
    ).toEqual(["2026-11-26T01:30:00.000Z", "2026-11-26T09:30:00+08:00"]);
  });

  it("reads numbers for number fields, a percentage cell for percent and decimal fields", () => {
    expect(converted(cellConverter(field("rate", "percent")), "12.5%", 12.5, "12.5")).toEqual([
      12.5, 12.5, 12.5,
    ]);
    expect(converted(cellConverter(field("share", "decimal")), "12.5%", "1,000.25", 3)).toEqual([
      0.125, 1000.25, 3,
    ]);
    expect(converted(cellConverter(field("qty", "integer")), "1,000")).toEqual([1000]);
  });

  it("keeps a link's id, and leaves any other text to be looked up by key", () => {
    const convert = cellConverter(field("customer", "link", { target: "customer" }));
    const id = "0F8FAD5B-D9CB-469F-A165-70867728950E";
    expect(converted(convert, id, " C-001 ")).toEqual([id.toLowerCase(), new LinkKey("C-001")]);
  });

  it("trims one-line text, keeps long text as written, and writes numbers as they read", () => {
    expect(converted(cellConverter(field("code", "text")), "  C-1 ", 1001)).toEqual([
      "C-1",
      "1001",
    ]);
    expect(converted(cellConverter(field("note", "longtext")), " two\nlines ")).toEqual([
      " two\nlines ",
    ]);
  });
});

describe("columns mapped by their headers", () => {
  const entity = {
    name: "thing",
    labels: { en: "Thing" },
    type: "document",
    fields: [
      field("code", "text", { labels: { en: "Thing Code", "zh-CN": "编码" }, required: true }),
      STATUS,
      field("total", "money", { computed: { "+": [1, 1] } }),
      field("number", "text", { readOnly: true }),
      field("lines", "table", { target: "thing_line", column: undefined }),
    ],
  } as unknown as Entity;

  it("finds fields by name or label in English or Chinese, case, spaces and underscores aside", () => {
    const mapping = mapColumns(entity, ["THING CODE", "状态", "", "errors"]);
    expect(mapping.columns.map((c) => [c.index, c.field.name])).toEqual([
      [0, "code"],
      [1, "status"],
    ]);
    // an empty header must have blank cells; `errors` (the rejected-rows file's column) is ignored
    expect(mapping.unnamed).toEqual([2]);
    for (const header of ["thing_code", " Code ", "ＣＯＤＥ"])
      expect(mapColumns(entity, [header]).columns[0]?.field.name, header).toBe("code");
  });

  const refusal = (headers: string[]) => {
    try {
      mapColumns(entity, headers);
    } catch (error) {
      const { status, code, message, details, extra } = error as HttpError;
      return { status, code, message, details, extra };
    }
    throw new Error("the headers were accepted");
  };

  it("refuses unknown headers, listing every header accepted", () => {
    expect(refusal(["code", "colour", "size"])).toEqual({
      status: 400,
      code: "unknown-column",
      message:
        "columns name no field of thing; the columns accepted are (name, then labels): code / Thing Code / 编码; status / Status / 状态",
      details: [
        { path: "/columns/1", message: 'column 2 "colour" is no field of thing' },
        { path: "/columns/2", message: 'column 3 "size" is no field of thing' },
      ],
      extra: { accepted: ["code / Thing Code / 编码", "status / Status / 状态"] },
    });
  });

  it("refuses lines, fields the server sets, and a field given twice", () => {
    expect(refusal(["code", "lines"])).toMatchObject({ code: "line-column" });
    expect(refusal(["code", "total", "number"])).toMatchObject({
      code: "read-only-column",
      details: [
        {
          path: "/columns/1",
          message: 'column 2 "total" is total, which the server sets: remove the column',
        },
        {
          path: "/columns/2",
          message: 'column 3 "number" is number, which the server sets: remove the column',
        },
      ],
    });
    expect(refusal(["code", "编码"])).toMatchObject({
      code: "duplicate-column",
      details: [{ path: "/columns/1", message: 'column 2 "编码" is code again (also column 1)' }],
    });
  });
});
