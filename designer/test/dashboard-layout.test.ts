import { beforeAll, describe, expect, it } from "vitest";
import {
  addDashboard,
  addTile,
  DASHBOARD,
  moveTile,
  readDashboard,
} from "../src/dashboards/dashboard-edits.ts";
import {
  clampBox,
  dragBox,
  freePlace,
  keyStep,
  overlaps,
  placeTile,
} from "../src/dashboards/grid-layout.ts";
import { applyChanges, type FileChanges, type Files } from "../src/draft/design-context.ts";
import {
  type DocumentEditResult,
  insertInDocument,
  moveListEntry,
  removeListEntry,
} from "../src/draft/document-files.ts";
import { contextOf, sampleDraft } from "./sample-draft.ts";

const box = (x: number, y: number, w: number, h: number) => ({ x, y, w, h });

describe("the dashboard grid", () => {
  it("keeps a box inside the 12 columns and 1..8 rows, in whole cells", () => {
    expect(clampBox(box(11, -2, 4, 12))).toEqual(box(8, 0, 4, 8));
    expect(clampBox(box(2.4, 1.6, 0, 0))).toEqual(box(2, 2, 1, 1));
    expect(clampBox(box(0, 0, 20, 3))).toEqual(box(0, 0, 12, 3));
  });

  it("pushes the tiles a moved tile lands on down, in cascade, and moves nothing else", () => {
    const tiles = [
      { report: "a", ...box(0, 0, 6, 4) },
      { report: "b", ...box(6, 0, 6, 4) },
      { report: "c", ...box(6, 4, 6, 2) },
      { report: "d", ...box(0, 4, 6, 2) },
    ];
    const placed = placeTile(tiles, 0, box(4, 0, 6, 4));
    expect(placed.map((t) => [t.report, t.x, t.y, t.w, t.h])).toEqual([
      ["a", 4, 0, 6, 4],
      ["b", 6, 4, 6, 4],
      ["c", 6, 8, 6, 2],
      ["d", 0, 4, 6, 2],
    ]);
    for (const [i, t] of placed.entries())
      for (const other of placed.slice(i + 1)) expect(overlaps(t, other)).toBe(false);
  });

  it("puts a new tile at the first free place", () => {
    expect(freePlace([])).toEqual(box(0, 0, 6, 4));
    expect(freePlace([box(0, 0, 6, 4)])).toEqual(box(6, 0, 6, 4));
    expect(freePlace([box(0, 0, 6, 4), box(6, 0, 6, 2)])).toEqual(box(6, 2, 6, 4));
    expect(freePlace([box(0, 0, 8, 4), box(8, 0, 4, 2)])).toEqual(box(0, 4, 6, 4));
  });

  it("moves with arrows and resizes with Shift, within the grid", () => {
    expect(keyStep(box(0, 0, 6, 4), "ArrowRight", false)).toEqual(box(1, 0, 6, 4));
    expect(keyStep(box(0, 0, 6, 4), "ArrowLeft", false)).toEqual(box(0, 0, 6, 4));
    expect(keyStep(box(6, 0, 6, 4), "ArrowRight", false)).toEqual(box(6, 0, 6, 4));
    expect(keyStep(box(0, 0, 6, 4), "ArrowDown", true)).toEqual(box(0, 0, 6, 5));
    expect(keyStep(box(0, 0, 6, 4), "Enter", false)).toBeUndefined();
  });

  it("turns a pointer's travel into whole cells", () => {
    const cell = { width: 100, height: 64 };
    expect(dragBox(box(0, 0, 6, 4), 260, 70, cell, false)).toEqual(box(3, 1, 6, 4));
    expect(dragBox(box(0, 0, 6, 4), 940, 0, cell, false)).toEqual(box(6, 0, 6, 4));
    // a resize never runs past the grid's right edge
    expect(dragBox(box(4, 0, 6, 4), 900, -1000, cell, true)).toEqual(box(4, 0, 8, 1));
  });
});

describe("the dashboard's edits", () => {
  let custom: Files;
  let base: Files;
  beforeAll(async () => {
    ({ custom, base } = await sampleDraft());
  });
  const applied = (files: Files, result: DocumentEditResult) => {
    if (!result.ok) throw new Error(JSON.stringify(result.refusal));
    return applyChanges(files, result.changes as FileChanges);
  };

  it("adds a dashboard, tiles side by side, and a move that pushes the other down", () => {
    let files = applied(
      custom,
      addDashboard(contextOf(custom, base), "sales_desk", { en: "Management", "zh-CN": "管理" }),
    );
    files = applied(files, addTile(contextOf(files, base), "sales_desk", "sales_by_month"));
    files = applied(files, addTile(contextOf(files, base), "sales_desk", "top_customers"));
    const read = () => readDashboard(JSON.parse(files["dashboards/sales_desk.json"]!));
    expect(read().tiles).toEqual([
      { report: "sales_by_month", x: 0, y: 0, w: 6, h: 4 },
      { report: "top_customers", x: 6, y: 0, w: 6, h: 4 },
    ]);
    files = applied(files, moveTile(contextOf(files, base), "sales_desk", 0, box(0, 0, 12, 3)));
    expect(read().tiles).toEqual([
      { report: "sales_by_month", x: 0, y: 0, w: 12, h: 3 },
      { report: "top_customers", x: 6, y: 3, w: 6, h: 4 },
    ]);
    // a tile removed keeps the list (a dashboard has tiles, maybe none); parameters move and go
    files = applied(
      files,
      removeListEntry(contextOf(files, base), DASHBOARD, "sales_desk", "tiles", 0, false),
    );
    expect(read().tiles.map((t) => t.report)).toEqual(["top_customers"]);
    for (const name of ["from", "to"])
      files = applied(
        files,
        insertInDocument(contextOf(files, base), DASHBOARD, "sales_desk", ["parameters"], -1, {
          name,
          labels: { en: name },
          type: "date",
        }),
      );
    files = applied(
      files,
      moveListEntry(contextOf(files, base), DASHBOARD, "sales_desk", "parameters", 1, -1),
    );
    expect(read().parameters.map((p) => p.name)).toEqual(["to", "from"]);
    for (const _ of [0, 1])
      files = applied(
        files,
        removeListEntry(contextOf(files, base), DASHBOARD, "sales_desk", "parameters", 0, true),
      );
    expect("parameters" in JSON.parse(files["dashboards/sales_desk.json"]!)).toBe(false);
    expect(JSON.parse(files["dashboards/sales_desk.json"]!)).toMatchObject({
      kind: "dashboard",
      name: "sales_desk",
      labels: { en: "Management", "zh-CN": "管理" },
    });
  });
});
