import { describe, expect, it } from "vitest";
import { diffRecords } from "../src/api/audit/diff-records.ts";

const SYSTEM = {
  id: "o1",
  version: 1,
  created_at: "2024-01-01T00:00:00.000Z",
  created_by: null,
  updated_at: "2024-01-01T00:00:00.000Z",
  updated_by: null,
};
const line = (id: string, line_no: number, fields: Record<string, unknown>) => ({
  id,
  line_no,
  ...fields,
});

describe("diffRecords", () => {
  it("lists every field with its value on create, lines as added, system columns left out", () => {
    // an empty array could be an empty table or an empty multiselect: it is listed as a value
    const after = {
      ...SYSTEM,
      name: "Acme",
      remark: null,
      tags: ["oem"],
      lines: [line("l1", 1, { qty: 2 })],
      notes: [],
    };
    expect(diffRecords(null, after)).toEqual({
      name: { after: "Acme" },
      remark: { after: null },
      tags: { after: ["oem"] },
      lines: { added: [line("l1", 1, { qty: 2 })], removed: [], changed: [] },
      notes: { after: [] },
    });
  });

  it("lists every field with its value on delete, lines as removed", () => {
    const before = { ...SYSTEM, name: "Acme", lines: [line("l1", 1, { qty: 2 })] };
    expect(diffRecords(before, null)).toEqual({
      name: { before: "Acme" },
      lines: { added: [], removed: [line("l1", 1, { qty: 2 })], changed: [] },
    });
  });

  it("lists only changed fields on update, comparing arrays and JSON by value", () => {
    const before = {
      ...SYSTEM,
      name: "Acme",
      credit: 10,
      tags: ["a", "b"],
      attributes: { x: 1, y: [1, 2] },
      remark: null,
    };
    const after = {
      ...before,
      version: 2,
      updated_at: "2024-02-01T00:00:00.000Z",
      updated_by: "ann",
      credit: 12.5,
      tags: ["a", "b"],
      attributes: { y: [1, 2], x: 1 },
      remark: "now set",
    };
    expect(diffRecords(before, after)).toEqual({
      credit: { before: 10, after: 12.5 },
      remark: { before: null, after: "now set" },
    });
  });

  it("diffs lines by id: added, removed and changed with their changed fields only", () => {
    const before = {
      ...SYSTEM,
      lines: [
        line("keep", 1, { item: "i1", qty: 1 }),
        line("drop", 2, { item: "i2", qty: 5 }),
        line("edit", 3, { item: "i3", qty: 7, price: 1 }),
      ],
    };
    const after = {
      ...SYSTEM,
      version: 2,
      lines: [
        line("keep", 1, { item: "i1", qty: 1 }),
        line("edit", 2, { item: "i3", qty: 8, price: 1 }),
        line("new", 3, { item: "i4", qty: 1 }),
      ],
    };
    expect(diffRecords(before, after)).toEqual({
      lines: {
        added: [line("new", 3, { item: "i4", qty: 1 })],
        removed: [line("drop", 2, { item: "i2", qty: 5 })],
        changed: [{ id: "edit", fields: { qty: { before: 7, after: 8 } } }],
      },
    });
  });

  it("diffs nested tables inside lines the same way", () => {
    const before = {
      ...SYSTEM,
      lines: [line("l1", 1, { qty: 1, schedule: [line("s1", 1, { qty: 1 })] })],
    };
    const after = {
      ...SYSTEM,
      lines: [
        line("l1", 1, { qty: 1, schedule: [line("s1", 1, { qty: 2 }), line("s2", 2, { qty: 3 })] }),
      ],
    };
    expect(diffRecords(before, after)).toEqual({
      lines: {
        added: [],
        removed: [],
        changed: [
          {
            id: "l1",
            fields: {
              schedule: {
                added: [line("s2", 2, { qty: 3 })],
                removed: [],
                changed: [{ id: "s1", fields: { qty: { before: 1, after: 2 } } }],
              },
            },
          },
        ],
      },
    });
  });

  it("leaves out a table whose lines did not change, and all lines removed or added at once", () => {
    const lines = [line("l1", 1, { qty: 1 })];
    expect(diffRecords({ ...SYSTEM, lines }, { ...SYSTEM, lines })).toEqual({});
    expect(diffRecords({ ...SYSTEM, lines }, { ...SYSTEM, lines: [] })).toEqual({
      lines: { added: [], removed: lines, changed: [] },
    });
    expect(diffRecords({ ...SYSTEM, lines: [] }, { ...SYSTEM, lines })).toEqual({
      lines: { added: lines, removed: [], changed: [] },
    });
  });

  it("treats a tree record's parent_id as a change: moving a node is one", () => {
    expect(diffRecords({ ...SYSTEM, parent_id: null }, { ...SYSTEM, parent_id: "p" })).toEqual({
      parent_id: { before: null, after: "p" },
    });
  });

  it("does not take a multiselect or a json array for lines", () => {
    const before = { ...SYSTEM, tags: ["a"], data: [{ id: "x" }] };
    const after = { ...SYSTEM, tags: ["a", "b"], data: [{ id: "y" }] };
    expect(diffRecords(before, after)).toEqual({
      tags: { before: ["a"], after: ["a", "b"] },
      data: { before: [{ id: "x" }], after: [{ id: "y" }] },
    });
  });
});
