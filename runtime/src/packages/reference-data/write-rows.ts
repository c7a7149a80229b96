import { type AppModel, type Issue, LoomError, type OrderedDataFile } from "@loom/engine";
import type { Knex } from "knex";
import type { JsonRecord } from "../../api/read-records.ts";
import { readRecord } from "../../api/read-records.ts";
import { mergedRecord, newRecord } from "../../api/write/build-record.ts";
import type { WritePlan } from "../../api/write/write-plan.ts";
import {
  saveCreate,
  saveUpdate,
  type WriteContext,
  withRecordErrors,
} from "../../api/write/write-record.ts";
import { HttpError } from "../../server/http-error.ts";
import type { FileDecisions } from "./decide-data.ts";
import type { RowDecision } from "./decide-rows.ts";
import { linkIds } from "./link-ids.ts";
import type { ReferenceRowAction } from "./types.ts";
import { dataWritePlans } from "./write-plans.ts";

const WRITES: ReadonlySet<ReferenceRowAction> = new Set(["create", "update", "overwrite-local"]);

export function writes(decision: RowDecision): boolean {
  return WRITES.has(decision.action);
}

/**
 * Writes the decided rows, files in write order and rows in link order, each through the data
 * API's own create and update (defaults, computed values, link checks, rules, version bump,
 * audit entry), as `actor` or else the package. A row the API refuses stops the import: a
 * LoomError naming the file and the row's pointer.
 */
export async function writeRows(
  tx: Knex.Transaction,
  model: AppModel,
  files: readonly FileDecisions[],
  keys: ReadonlyMap<string, readonly string[]>,
  actor: string | undefined,
): Promise<void> {
  const writing = files.filter(({ decisions }) => decisions.some(writes));
  if (writing.length === 0) return;
  const plans = dataWritePlans(
    model,
    writing.map(({ file }) => file.def.entity),
  );
  const links = linkIds(tx, model, keys);
  const now = new Date();
  for (const { file, decisions } of writing) {
    const plan = plans.get(file.def.entity)!;
    const version = model.packages.find((pkg) => pkg.name === file.package)?.version;
    const context: WriteContext = {
      actor: actor ?? `package:${file.package}@${version}`,
      language: "en",
    };
    for (const index of file.rowOrder) {
      const decision = decisions[index]!;
      if (!writes(decision)) continue;
      const body = await links.body(file, index);
      let record: JsonRecord = body;
      const id = await refusedAt(file, index, () =>
        withRecordErrors(
          plan,
          () => record,
          async () => {
            if (decision.action === "create") {
              record = withOwnValues(plan, newRecord(plan, body, now), body);
              return (await saveCreate(tx, plans, plan, record, context, now)).id as string;
            }
            const before = (await readRecord(tx, plan.read, decision.current!.id))!;
            record = withOwnValues(plan, mergedRecord(plan, before, body, "", now), body);
            await saveUpdate(tx, plans, plan, before, record, context, now);
            return before.id as string;
          },
        ),
      );
      links.written(file.def.entity, decision.row.key, id);
    }
  }
}

/**
 * Read-only fields are the package's to set (users cannot change them, a package can), but the
 * API's record builders leave them to the server: put the row's values back.
 */
function withOwnValues(plan: WritePlan, record: JsonRecord, body: JsonRecord): JsonRecord {
  for (const field of plan.entity.fields)
    if (field.readOnly && field.computed === undefined && field.name in body)
      record[field.name] = body[field.name];
  return record;
}

/** What the data API refused, told as a problem of the data file at the row. */
async function refusedAt<T>(
  file: OrderedDataFile,
  index: number,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const at = (path: string): Issue => ({
      code: error.code,
      message: error.message,
      package: file.package,
      file: file.file,
      path: `/rows/${index}${path}`,
    });
    const issues =
      error.details.length > 0
        ? error.details.map((detail) => ({ ...at(detail.path), message: detail.message }))
        : [at("")];
    throw new LoomError(
      "reference-data-refused",
      `${file.package}/${file.file}: row ${index} was refused: ${error.message}`,
      issues,
    );
  }
}
