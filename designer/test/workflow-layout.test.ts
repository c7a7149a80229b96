import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { readWorkflow } from "../src/workflow/workflow-doc.ts";
import { moveNodes, setIn } from "../src/workflow/workflow-edits.ts";
import { NODE_SIZE } from "../src/workflow/workflow-graph.ts";
import { layoutWorkflow, placeUnpositioned } from "../src/workflow/workflow-layout.ts";

const SAMPLE = new URL(
  "../../metadata-samples/manufacturing/workflows/sales_order_approval.json",
  import.meta.url,
);

async function sample() {
  return readWorkflow(await readFile(SAMPLE, "utf8"))!;
}

function overlaps(
  a: { x: number; y: number; w: number; h: number },
  b: { x: number; y: number; w: number; h: number },
) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe("workflow layout", () => {
  it("lays the graph out in layers along the direction, no two nodes on each other", async () => {
    const def = await sample();
    for (const direction of ["RIGHT", "DOWN"] as const) {
      const at = await layoutWorkflow(def, direction);
      expect(Object.keys(at).sort()).toEqual(def.nodes.map((n) => n.id).sort());
      const along = (id: string) => (direction === "RIGHT" ? at[id]!.x : at[id]!.y);
      // each step of the main path is further along than the one before
      const path = ["draft", "route", "manager_approval", "notify_approved", "approved"];
      for (let i = 1; i < path.length; i++)
        expect(along(path[i]!)).toBeGreaterThan(along(path[i - 1]!));
      const boxes = def.nodes.map((n) => ({
        ...at[n.id]!,
        w: NODE_SIZE[n.type].width,
        h: NODE_SIZE[n.type].height,
      }));
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++)
          expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
    }
  });

  it("follows the process from its start: a way back to draft does not turn a later step around", async () => {
    const text = await readFile(
      new URL(
        "../../metadata-samples/manufacturing/workflows/expense_claim_approval.json",
        import.meta.url,
      ),
      "utf8",
    );
    const at = await layoutWorkflow(readWorkflow(text)!, "RIGHT");
    // finance_approval and mark_approved are both two steps after amount_check's routes, yet one
    // leads to the other: each step is to the right of the one before
    const path = [
      "draft",
      "manager_approval",
      "amount_check",
      "finance_approval",
      "mark_approved",
      "approved",
    ];
    for (let i = 1; i < path.length; i++)
      expect(at[path[i]!]!.x).toBeGreaterThan(at[path[i - 1]!]!.x);
  });

  it("the layout written back changes positions only", async () => {
    const text = await readFile(SAMPLE, "utf8");
    const def = readWorkflow(text)!;
    const laid = readWorkflow(moveNodes(text, await layoutWorkflow(def, "RIGHT")))!;
    const strip = (d: typeof def) => ({ ...d, nodes: d.nodes.map(({ position: _, ...n }) => n) });
    expect(strip(laid)).toEqual(strip(def));
  });

  it("places only the nodes without a position, below the others", async () => {
    const text = setIn(
      setIn(await readFile(SAMPLE, "utf8"), ["nodes", 7, "position"], undefined),
      ["nodes", 8, "position"],
      undefined,
    );
    const placed = await placeUnpositioned(readWorkflow(text)!, "RIGHT");
    expect(Object.keys(placed).sort()).toEqual(["approved", "cancelled"]);
    // the lowest positioned node is manager_approval at y 360
    for (const at of Object.values(placed)) expect(at.y).toBeGreaterThanOrEqual(360 + 160);
    expect(await placeUnpositioned(await sample(), "RIGHT")).toEqual({});
  });
});
