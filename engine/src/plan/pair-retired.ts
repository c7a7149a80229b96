import type { ModelPairing } from "./pair-models.ts";
import type { PhysicalColumn, PhysicalTable } from "./physical-types.ts";
import type { RetiredColumn } from "./types.ts";

/** Which retired columns each table holds, and which of them a new column takes back. */
export interface RetiredPairing {
  /** the retired columns of a table, by its name before the plan */
  of(oldTable: string): readonly RetiredColumn[];
  /** the retired column a new column of a surviving table takes back, by new table and column */
  restored(newTable: string, newColumn: string): RetiredColumn | undefined;
  /** whether a retired link points at the table (by its name before the plan) */
  pointingAt(oldTable: string): boolean;
}

/**
 * Retired columns follow their table through a rename: they are keyed by the table's name before
 * the plan, and a new column of the renamed table can take them back. A new column takes back the
 * latest retired column of its name whose values still mean the same: same type, and for a link,
 * the same target table (one that exists before the plan: ids of a dropped table mean nothing).
 */
export function pairRetired(
  retired: readonly RetiredColumn[],
  survivors: readonly { readonly before: PhysicalTable; readonly after: PhysicalTable }[],
  pairing: ModelPairing,
): RetiredPairing {
  const byTable = new Map<string, RetiredColumn[]>();
  for (const column of retired) {
    const list = byTable.get(column.table) ?? [];
    list.push(column);
    byTable.set(column.table, list);
  }
  const restored = new Map<string, Map<string, RetiredColumn>>();
  for (const { before, after } of survivors) {
    const candidates = byTable.get(before.name);
    if (!candidates) continue;
    const kept = pairing.oldColumns.get(after.name);
    const taken = new Map<string, RetiredColumn>();
    for (const column of Object.values(after.columns)) {
      if (kept?.has(column.name)) continue;
      const match = latestMatch(candidates, column, oldTarget(after, column.name, pairing));
      if (match) taken.set(column.name, match);
    }
    if (taken.size > 0) restored.set(after.name, taken);
  }
  const targets = new Set(retired.map((column) => column.definition.references));
  return {
    of: (table) => byTable.get(table) ?? [],
    restored: (table, column) => restored.get(table)?.get(column),
    pointingAt: (table) => targets.has(table),
  };
}

/**
 * The old name of the table a new link column points at; undefined for a column that is no link,
 * null for a link to a table that did not exist before the plan (nothing retired can match it).
 */
function oldTarget(
  table: PhysicalTable,
  column: string,
  pairing: ModelPairing,
): string | null | undefined {
  const key = Object.values(table.foreignKeys).find((item) => item.column === column);
  return key === undefined ? undefined : (pairing.oldTables.get(key.references) ?? null);
}

function latestMatch(
  candidates: readonly RetiredColumn[],
  column: PhysicalColumn,
  target: string | null | undefined,
): RetiredColumn | undefined {
  for (let i = candidates.length - 1; i >= 0; i--) {
    const candidate = candidates[i]!;
    if (
      candidate.column === column.name &&
      candidate.definition.type === column.type &&
      candidate.definition.references === target
    ) {
      return candidate;
    }
  }
  return undefined;
}
