import type { Knex } from "knex";
import { type ErrorDetail, HttpError } from "../../server/http-error.ts";
import type { JsonRecord } from "../read-records.ts";
import type { LinkTree } from "./link-paths.ts";
import { readRecordsByIds } from "./records-by-ids.ts";
import type { WritePlan, WritePlans } from "./write-plan.ts";

/** target entity → id → the linked record (read columns, no lines) */
export type Linked = ReadonlyMap<string, ReadonlyMap<string, JsonRecord>>;

/**
 * Reads every record the record and its lines link to — one query for all target entities — so
 * rules can follow `customer.credit_limit`; a link to nothing is refused: 422 `unknown-link`
 * naming each path.
 */
export async function loadLinked(
  conn: Knex,
  plans: WritePlans,
  plan: WritePlan,
  record: JsonRecord,
): Promise<Linked> {
  const { linked, unknown } = await loadLinkedMany(conn, plans, plan, [record]);
  const missing = unknown[0]!;
  if (missing.length > 0)
    throw new HttpError(
      422,
      "unknown-link",
      "the record links to records that do not exist",
      missing,
    );
  return linked;
}

/**
 * loadLinked for many records at once (a batch of imported rows): the same queries, one per
 * level for all of them. `unknown[i]` lists record i's links to nothing (its 422 details); the
 * deeper paths are followed for every record whose links were found.
 */
export async function loadLinkedMany(
  conn: Knex,
  plans: WritePlans,
  plan: WritePlan,
  records: readonly JsonRecord[],
): Promise<{ linked: Linked; unknown: ErrorDetail[][] }> {
  const wanted = new Map<string, Map<string, Place[]>>();
  records.forEach((record, index) => {
    collect(plan, record, index, "", wanted);
  });
  const ids = new Map([...wanted].map(([target, paths]) => [target, paths.keys()]));
  const linked = await readRecordsByIds(conn, plans, ids);
  const unknown: ErrorDetail[][] = records.map(() => []);
  for (const [target, paths] of wanted) {
    for (const [id, at] of paths) {
      if (!linked.get(target)!.has(id))
        for (const { index, path } of at)
          unknown[index]!.push({ path, message: `there is no ${target} ${id}` });
    }
  }
  const starts = records.flatMap((record, i) =>
    unknown[i]!.length === 0 ? deeperStarts(plan, record, linked) : [],
  );
  await followDeeper(conn, plans, starts);
  return { linked, unknown };
}

/** Where a link id was met: which record, and the path inside it. */
interface Place {
  readonly index: number;
  readonly path: string;
}

interface Follow {
  readonly records: readonly JsonRecord[];
  readonly tree: LinkTree;
}

/** The linked records whose own links the expressions of the record or its lines follow. */
function deeperStarts(plan: WritePlan, record: JsonRecord, linked: Linked): Follow[] {
  const starts: Follow[] = [];
  for (const [key, node] of plan.linkTree) {
    const found = linked.get(node.target)?.get(record[key] as string);
    if (found && node.inner.size > 0) starts.push({ records: [found], tree: node.inner });
  }
  for (const { field, child } of plan.tables) {
    for (const line of record[field] as JsonRecord[])
      starts.push(...deeperStarts(child, line, linked));
  }
  return starts;
}

/**
 * Replaces, inside the linked records (read for this request only), the links deeper paths
 * go through by their records: one query per level. The foreign keys
 * guarantee they exist; an expanded record stands for its id wherever expressions compare it.
 */
async function followDeeper(conn: Knex, plans: WritePlans, follows: Follow[]): Promise<void> {
  while (follows.length > 0) {
    const wanted = new Map<string, Set<string>>();
    for (const { records, tree } of follows) {
      for (const [key, node] of tree) {
        const ids = wanted.get(node.target) ?? new Set<string>();
        wanted.set(node.target, ids);
        for (const record of records) if (typeof record[key] === "string") ids.add(record[key]);
      }
    }
    const read = await readRecordsByIds(conn, plans, wanted);
    const next: Follow[] = [];
    for (const { records, tree } of follows) {
      for (const [key, node] of tree) {
        const reached: JsonRecord[] = [];
        for (const record of records) {
          const found = read.get(node.target)?.get(record[key] as string);
          if (found) {
            record[key] = found;
            reached.push(found);
          }
        }
        if (node.inner.size > 0) next.push({ records: reached, tree: node.inner });
      }
    }
    follows = next;
  }
}

function collect(
  plan: WritePlan,
  record: JsonRecord,
  index: number,
  pointer: string,
  wanted: Map<string, Map<string, Place[]>>,
): void {
  for (const { key, target } of plan.links) {
    const id = record[key];
    if (typeof id !== "string") continue;
    const ids = wanted.get(target) ?? new Map<string, Place[]>();
    wanted.set(target, ids);
    const places = ids.get(id);
    const place = { index, path: `${pointer}/${key}` };
    if (places) places.push(place);
    else ids.set(id, [place]);
  }
  for (const { field, child } of plan.tables) {
    (record[field] as JsonRecord[]).forEach((line, i) => {
      collect(child, line, index, `${pointer}/${field}/${i}`, wanted);
    });
  }
}

/** What expressions see: the record with each link replaced by the linked record. */
export function evaluationView(plan: WritePlan, record: JsonRecord, linked: Linked): JsonRecord {
  const view: JsonRecord = { ...record };
  for (const { key, target } of plan.links) {
    const found = typeof record[key] === "string" && linked.get(target)?.get(record[key]);
    if (found) view[key] = found;
  }
  return view;
}
