import {
  type AppModel,
  type Entity,
  evaluate,
  fieldsReferenced,
  type JsonLogic,
} from "@loom/engine";
import type { JsonRecord } from "../api/types.ts";

/**
 * The record with its computed fields evaluated as the server will (the engine's `evaluate`):
 * lines first, nested ones before theirs, so `sum_lines` over a computed line field sees the new
 * values; within a record in dependency order. Linked records are ids here, so an expression
 * reading through a link gets null until the server computes it on save.
 */
export function withComputed(model: AppModel, entity: Entity, record: JsonRecord): JsonRecord {
  const out: JsonRecord = { ...record };
  for (const field of entity.fields) {
    const lines = out[field.name];
    const child = field.type === "table" && field.target ? model.entities[field.target] : undefined;
    if (child && Array.isArray(lines))
      out[field.name] = lines.map((line: JsonRecord) => withComputed(model, child, line ?? {}));
  }
  for (const { name, expr } of computedOrder(entity)) {
    const value = safely(() => evaluate(expr, out) ?? null);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** Is any field of the entity or of its lines computed? */
export function hasComputed(model: AppModel, entity: Entity): boolean {
  return entity.fields.some(
    (field) =>
      field.computed !== undefined ||
      (field.type === "table" &&
        field.target !== undefined &&
        model.entities[field.target] !== undefined &&
        hasComputed(model, model.entities[field.target]!)),
  );
}

const orders = new WeakMap<Entity, { name: string; expr: JsonLogic }[]>();

/** Computed fields so that each comes after the computed fields it reads (the engine forbids cycles). */
function computedOrder(entity: Entity): { name: string; expr: JsonLogic }[] {
  let order = orders.get(entity);
  if (order) return order;
  const pending = entity.fields
    .filter((f) => f.computed !== undefined)
    .map((f) => ({ name: f.name, expr: f.computed as JsonLogic }));
  const names = new Set(pending.map((f) => f.name));
  order = [];
  const done = new Set<string>();
  while (pending.length > 0) {
    const next = pending.findIndex((f) =>
      fieldsReferenced(f.expr).every((ref) => !names.has(ref) || done.has(ref) || ref === f.name),
    );
    const [taken] = pending.splice(next === -1 ? 0 : next, 1);
    order.push(taken!);
    done.add(taken!.name);
  }
  orders.set(entity, order);
  return order;
}

/** An expression over half-typed input (a number still being typed) may throw: keep the old value. */
function safely(run: () => unknown): unknown {
  try {
    return run();
  } catch {
    return undefined;
  }
}
