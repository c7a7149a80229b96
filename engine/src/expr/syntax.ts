import type { JsonLogic } from "./types.ts";

/** An operation node `{ "op": args }` taken apart; a lone argument counts as a one-element list. */
export interface Operation {
  readonly name: string;
  readonly args: readonly JsonLogic[];
  /** JSON pointer of argument `i`, given the pointer of the operation node */
  argPointer(nodePointer: string, i: number): string;
}

// Expressions are evaluated per record and line, so each node is taken apart once; they are
// never changed once built (a model is frozen, a request parses its own).
const operations = new WeakMap<object, Operation | null>();

/** json-logic's rule: an object with exactly one key is an operation; anything else is data. */
export function asOperation(node: JsonLogic | undefined): Operation | undefined {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
  let operation = operations.get(node);
  if (operation === undefined) {
    operation = takeApart(node);
    operations.set(node, operation);
  }
  return operation ?? undefined;
}

function takeApart(node: { readonly [op: string]: JsonLogic }): Operation | null {
  const keys = Object.keys(node);
  if (keys.length !== 1) return null;
  const name = keys[0]!;
  const raw = node[name]!;
  const listed = Array.isArray(raw);
  return {
    name,
    args: listed ? raw : [raw],
    argPointer: (nodePointer, i) =>
      listed ? pointerTo(pointerTo(nodePointer, name), i) : pointerTo(nodePointer, name),
  };
}

/** Appends one reference token to a JSON pointer (RFC 6901 escaping: `/` is an operator too). */
export function pointerTo(pointer: string, token: string | number): string {
  return `${pointer}/${String(token).replace(/~/g, "~0").replace(/\//g, "~1")}`;
}

/** The argument at `i`, or null when the expression gave fewer (json-logic reads absent as null). */
export function argAt(args: readonly JsonLogic[], i: number): JsonLogic {
  return args[i] ?? null;
}
