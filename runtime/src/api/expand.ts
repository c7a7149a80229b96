import type { Knex } from "knex";
import type { SqlPart } from "./keyset.ts";
import { badParameter, commaList } from "./query-params.ts";
import type { ReadPlan, ReadPlans } from "./read-plan.ts";
import { type JsonRecord, readByIds } from "./read-records.ts";
import type { Selection } from "./selection.ts";

/** field name → what to expand inside it; a link is replaced by its record, a table is walked. */
export type ExpandTree = ReadonlyMap<string, ExpandNode>;

interface ExpandNode {
  readonly kind: "link" | "table";
  readonly plan: ReadPlan;
  /** a link's target rows the reader may read; a target outside it stays an id */
  readonly scope?: SqlPart;
  readonly inner: ExpandTree;
}

/** The reader's row scope of an entity (undefined: every row); throws 403 if they may not read it. */
export type ReadScopes = (entity: string) => SqlPart | undefined;

/**
 * `expand=customer,customer.region,lines.item`: dotted paths of link fields, optionally through
 * table fields the response has (`lines.item`). Each path is checked against the model here, so
 * expanding never meets an unknown name.
 */
export function parseExpand(
  plans: ReadPlans,
  plan: ReadPlan,
  selection: Selection,
  text: string | undefined,
  scopes: ReadScopes,
): ExpandTree {
  const root = new Map<string, ExpandNode>();
  if (text === undefined) return root;
  for (const path of commaList(text, "expand", "bad-expand")) {
    let tree = root;
    let at = plan;
    let selected: Selection = selection;
    const segments = path.split(".");
    segments.forEach((segment, i) => {
      const fail = (why: string) =>
        badParameter("expand", "bad-expand", `cannot expand "${path}": ${why}`);
      const column = selected.columns.find((c) => c.key === segment);
      const line = selected.lines.find((l) => l.field.name === segment);
      const field = at.entity.fields.find((f) => f.name === segment);
      let node = tree.get(segment);
      if (!node) {
        if (column && field?.type === "link" && field.target !== undefined) {
          const target = plans.get(field.target)!;
          const scope = scopes(field.target);
          node = { kind: "link", plan: target, ...(scope && { scope }), inner: new Map() };
        } else if (line) {
          if (i === segments.length - 1) throw fail(`"${segment}" is a table, not a link`);
          node = { kind: "table", plan: line.child, inner: new Map() };
        } else if (field) {
          throw fail(`"${segment}" of ${at.entity.name} is not a link in the response`);
        } else {
          throw fail(`${at.entity.name} has no field "${segment}"`);
        }
        (tree as Map<string, ExpandNode>).set(segment, node);
      }
      tree = node.inner as Map<string, ExpandNode>;
      at = node.plan;
      // an expanded record has every column and no lines; a line has all of its own
      selected = node.kind === "link" ? { columns: at.columns, lines: [] } : at;
    });
  }
  return root;
}

/**
 * Replaces link ids by `{ id, <title>, …the target's fields }` in place: one query per link field
 * and level (`id = ANY(?)`), whatever the number of records.
 */
export async function expandRecords(
  conn: Knex,
  records: readonly JsonRecord[],
  tree: ExpandTree,
): Promise<void> {
  for (const [name, node] of tree) {
    if (node.kind === "table") {
      const lines = records.flatMap((record) => (record[name] as JsonRecord[] | undefined) ?? []);
      await expandRecords(conn, lines, node.inner);
      continue;
    }
    const ids = [...new Set(records.map((r) => r[name]).filter((id) => typeof id === "string"))];
    const targets = await readByIds(conn, node.plan, ids as string[], node.scope);
    await expandRecords(conn, targets, node.inner);
    const title = node.plan.entity.titleField;
    const byId = new Map(
      targets.map((t) => [t.id as string, { id: t.id, [title]: t[title], ...t }]),
    );
    for (const record of records) {
      const id = record[name];
      if (typeof id === "string") record[name] = byId.get(id) ?? id;
    }
  }
}
