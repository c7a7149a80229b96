import { describe, expect, it } from "vitest";
import { revisionDiff } from "../src/revisions/revision-diff.ts";

const fields = (names: string[]) =>
  JSON.stringify({ entity: "sales_order", fields: names.map((name) => ({ name })) });

describe("revisionDiff", () => {
  it("shows a field added to a file, not its re-indenting, with unchanged stretches collapsed", () => {
    const names = Array.from({ length: 12 }, (_, n) => `field_${n}`);
    const before = fields(names);
    // the same JSON laid out differently, plus one field at the end
    const after = JSON.stringify(JSON.parse(fields([...names, "customer_contact"])), null, 4);
    const lines = revisionDiff(before, after, 2);
    expect(lines.filter((line) => line.kind === "removed")).toEqual([]);
    expect(lines.filter((line) => line.kind === "added")).toEqual([
      { kind: "added", text: "    }," },
      { kind: "added", text: "    {" },
      { kind: "added", text: '      "name": "customer_contact"' },
    ]);
    expect(lines[0]).toEqual({ kind: "skipped", count: expect.any(Number) });
    // two lines of context before; after, the one line left is shown rather than said to be hidden
    expect(lines.slice(1).map((line) => line.kind)).toEqual([
      ...["same", "same", "added", "added", "added"],
      ...["same", "same", "same"],
    ]);
  });

  it("shows every line of an added file as added, and text that is not JSON as it is", () => {
    expect(revisionDiff(null, '{"a":1}')).toEqual([
      { kind: "added", text: "{" },
      { kind: "added", text: '  "a": 1' },
      { kind: "added", text: "}" },
    ]);
    expect(revisionDiff("not {json", null)).toEqual([{ kind: "removed", text: "not {json" }]);
  });
});
