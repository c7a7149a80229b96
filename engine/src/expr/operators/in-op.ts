import { attempt } from "../sql/attempt.ts";
import { type Fragment, join, param, sql } from "../sql/fragment.ts";
import {
  type Bound,
  bindAs,
  type Constant,
  constant,
  isNullConstant,
  type Operand,
  promote,
  type SqlOperand,
  type SqlType,
  sqlOperand,
  typedPair,
} from "../sql/operand.ts";
import { typedTogether } from "../sql/typed-together.ts";
import { argAt } from "../syntax.ts";
import { normalize, valuesEqual } from "../values.ts";
import { describe } from "./compare-ops.ts";
import type { ArgCompiler, OperatorDef } from "./operator.ts";

/**
 * `in [a, list]`: a equals an element; `in [a, text]`: text contains a. A null a is never in
 * anything. Elements of another kind than a can never equal it, so SQL leaves them out.
 */
export const inOp: OperatorDef = {
  name: "in",
  arity: { min: 2, max: 2 },
  result: "boolean",
  evaluate(args, env) {
    const [needle, haystack] = [env.evaluate(argAt(args, 0)), env.evaluate(argAt(args, 1))];
    if (normalize(needle) === null) return false;
    if (Array.isArray(haystack)) return haystack.some((item) => valuesEqual(needle, item));
    return typeof haystack === "string" && typeof needle === "string" && haystack.includes(needle);
  },
  compile(_args, c) {
    const elements = c.elements(1);
    if (!elements) {
      const [needle, haystack] = c.values([0, 1]) as [Operand, Operand];
      return membership(c, needle, haystack);
    }
    // a literal list: the needle and the elements are typed together, as == types its operands
    const slots = [(hint?: SqlType) => c.value(0, hint), ...elements];
    const [needle, ...items] = typedTogether(
      slots.map((slot) => slot()),
      (k, hint) => slots[k]!(hint),
    ) as [Operand, ...Operand[]];
    if (items.some((item) => item.kind === "sql")) return inList(needle, items);
    return membership(c, needle, constant(items.map((item) => (item as Constant).value)));
  },
};

function membership(c: ArgCompiler, needle: Operand, haystack: Operand): Operand {
  if (needle.kind === "const" && haystack.kind === "const") return c.fold();
  if (isNullConstant(needle) || isNullConstant(haystack)) return constant(false);
  if (haystack.kind === "const" && Array.isArray(haystack.value))
    return anyOf(needle as SqlOperand, haystack.value);
  return contains(c, needle, haystack);
}

/** `a = ANY(?)` with the compatible elements as one array param. */
function anyOf(needle: SqlOperand, list: readonly unknown[]): Operand {
  const asIs = list.map((item) => bindAs(item, needle.type));
  // a datetime among the values of a date: compare all as instants
  const promoted = needle.type === "date" && asIs.some((bound) => bound?.type === "datetime");
  const target = promoted ? promote(needle) : needle;
  const bound = (promoted ? list.map((item) => bindAs(item, "datetime")) : asIs).filter(
    (item): item is Bound => item !== undefined,
  );
  if (bound.length === 0) return constant(false);
  const casts = new Set(bound.map((item) => item.cast));
  const cast = casts.size > 1 ? "numeric" : bound[0]!.cast;
  const values = bound.map((item) => item.value);
  const array = param(values, cast === undefined ? undefined : `${cast}[]`);
  return sqlOperand(sql`(${target} = ANY(${array}))`, "boolean", needle.nullable);
}

/** `in` over a literal list that reads the record: an OR of equalities. */
function inList(needle: Operand, items: readonly Operand[]): Operand {
  if (isNullConstant(needle)) return constant(false);
  const tests: Fragment[] = [];
  for (const item of items) {
    if (isNullConstant(item)) continue;
    if (needle.kind === "const" && item.kind === "const") {
      if (valuesEqual(needle.value, item.value)) return constant(true);
      continue;
    }
    const pair = typedPair(needle, item);
    if (pair) tests.push(sql`${pair[0]} = ${pair[1]}`);
  }
  if (tests.length === 0) return constant(false);
  return sqlOperand(sql`(${join(tests, " OR ")})`, "boolean", true);
}

/** Text containment, `strpos(haystack, needle) > 0`; an `if` that guessed another type is retyped as text. */
function contains(c: ArgCompiler, needle: Operand, haystack: Operand): Operand {
  const asText = (operand: Operand, i: number) =>
    operand.kind === "sql" && operand.type !== "text"
      ? (attempt(() => c.value(i, "text")) ?? operand)
      : operand;
  const pair = typedPair(asText(needle, 0), asText(haystack, 1));
  if (pair?.[0].type !== "text")
    return c.fail(
      "type-mismatch",
      `in needs a list or a text to look in; got ${describe(needle)} in ${describe(haystack)}`,
    );
  const [x, y] = pair;
  return sqlOperand(sql`(strpos(${y}, ${x}) > 0)`, "boolean", x.nullable || y.nullable);
}
