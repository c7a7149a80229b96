import { beforeAll, describe, expect, it } from "vitest";
import type { Files } from "../src/draft/design-context.ts";
import { type Cell, nextCell } from "../src/roles/grid-keys.ts";
import { roleCatalog } from "../src/roles/role-catalog.ts";
import { actionSlot, matrixRows } from "../src/roles/role-grants.ts";
import { type GrantTarget, grantTargets } from "../src/roles/role-targets.ts";
import { contextOf, sampleDraft } from "./sample-draft.ts";

let custom: Files;
let base: Files;
let targets: GrantTarget[];

beforeAll(async () => {
  ({ custom, base } = await sampleDraft());
  targets = grantTargets(contextOf(custom, base));
});

const target = (name: string) => targets.find((t) => t.name === name)!;

describe("what the matrix has rows for", () => {
  it("lists document entities of every package, never the child entities holding lines", () => {
    const names = targets.map((t) => t.name);
    expect(names).toContain("sales_order");
    expect(names).toContain("company_settings");
    // the draft's own entity
    expect(names).toContain("sales_region");
    expect(names).not.toContain("sales_order_line");
    expect(names).not.toContain("purchase_request_line");
  });

  it("offers the entity's fields, its extensions' and its lines' as paths", () => {
    const paths = target("sales_order").paths;
    const byPath = new Map(paths.map((p) => [p.path, p]));
    expect([...byPath.keys()]).toEqual(
      expect.arrayContaining(["margin", "lines", "lines.unit_price", "sales_channel"]),
    );
    expect(byPath.get("lines.unit_price")!.labels.map((l) => l?.en)).toEqual([
      "Order Lines",
      "Unit Price",
    ]);
  });

  it("offers the workflow's actions of the entity, and none where it follows no workflow", () => {
    expect(
      target("sales_order")
        .workflowActions.map((a) => a.name)
        .sort(),
    ).toEqual(["approve", "cancel", "reject", "submit", "withdraw"]);
    expect(target("customer").workflowActions).toEqual([]);
  });
});

describe("the rows of a role", () => {
  it("puts each grant in its entity's row, several as sub-rows, and a grant of an unknown entity in a row of its own", () => {
    const clerk = roleCatalog(contextOf(custom, base)).find((r) => r.name === "warehouse_clerk")!;
    const rows = matrixRows(targets, [...clerk.grants, { entity: "nowhere", actions: ["read"] }]);
    const row = (entity: string) => rows.find((r) => r.entity === entity)!;
    expect(row("purchase_request").grants.map((g) => g.index)).toEqual([1, 2]);
    expect(row("purchase_request").grants[1]!.workflowActions).toEqual(["approve", "reject"]);
    expect(row("sales_order").grants).toEqual([]);
    expect(rows.at(-1)).toMatchObject({ entity: "nowhere", target: undefined });
    expect(rows.flatMap((r) => r.grants).length).toBe(clerk.grants.length + 1);
  });

  it("lists the draft's roles as editable, the base package's read only, and the built-in admin last", () => {
    const files = {
      ...custom,
      "roles/auditor.json": JSON.stringify({ kind: "role", name: "auditor", labels: { en: "A" } }),
    };
    const catalog = roleCatalog(contextOf(files, base));
    expect(catalog[0]).toMatchObject({ name: "auditor", own: true, package: "acme-custom" });
    expect(catalog.find((r) => r.name === "sales_rep")).toMatchObject({
      own: false,
      package: "manufacturing",
    });
    expect(catalog.at(-1)).toMatchObject({ name: "admin", builtIn: true, administrator: true });
  });

  it("places a given action in the schema's order", () => {
    expect(actionSlot(["read", "update", "report"], "create")).toBe(1);
    expect(actionSlot(["read", "update"], "report")).toBe(2);
    expect(actionSlot([], "read")).toBe(0);
  });
});

describe("moving through the grid from the keyboard", () => {
  const size = { rows: 3, cols: 4 };
  /** row 1 has no control in its last column (an entity without a grant has no details) */
  const has = (cell: Cell) => !(cell.row === 1 && cell.col === 3);
  const move = (key: string, at: Cell, ctrl = false) => nextCell(key, ctrl, at, size, has);

  it("moves one cell with the arrows and stops at the edges", () => {
    expect(move("ArrowRight", { row: 0, col: 0 })).toEqual({ row: 0, col: 1 });
    expect(move("ArrowLeft", { row: 0, col: 0 })).toEqual({ row: 0, col: 0 });
    expect(move("ArrowDown", { row: 2, col: 2 })).toEqual({ row: 2, col: 2 });
    expect(move("ArrowUp", { row: 2, col: 2 })).toEqual({ row: 1, col: 2 });
  });

  it("goes round a cell without a control", () => {
    expect(move("ArrowDown", { row: 0, col: 3 })).toEqual({ row: 1, col: 2 });
    expect(move("ArrowRight", { row: 1, col: 2 })).toEqual({ row: 1, col: 2 });
    expect(move("End", { row: 1, col: 0 })).toEqual({ row: 1, col: 2 });
  });

  it("jumps to the row's ends with Home and End, to the grid's with Ctrl", () => {
    expect(move("Home", { row: 2, col: 2 })).toEqual({ row: 2, col: 0 });
    expect(move("End", { row: 0, col: 0 })).toEqual({ row: 0, col: 3 });
    expect(move("Home", { row: 2, col: 2 }, true)).toEqual({ row: 0, col: 0 });
    expect(move("End", { row: 0, col: 0 }, true)).toEqual({ row: 2, col: 3 });
  });

  it("leaves other keys (Space, Tab) to the control", () => {
    expect(move(" ", { row: 0, col: 0 })).toBeUndefined();
    expect(move("Tab", { row: 0, col: 0 })).toBeUndefined();
  });
});
