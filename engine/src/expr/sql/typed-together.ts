import { attempt } from "./attempt.ts";
import {
  bindAs,
  family,
  isNullConstant,
  type Operand,
  type SqlType,
  sqlTypeOfValues,
} from "./operand.ts";

/**
 * Operands meant to be compared, brought to one kind of value if they can be. An `if` whose
 * branches are all values only guesses its type from them (a date written as text): when it
 * meets an operand of another kind it is compiled again with that kind as a hint. Each kind
 * present is tried in turn; if none fits all, the operands come back as they were and the caller
 * reports the mismatch.
 */
export function typedTogether(
  operands: readonly Operand[],
  recompile: (k: number, hint: SqlType) => Operand,
): Operand[] {
  const candidates = new Set<SqlType>();
  for (const operand of operands) {
    const type = operand.kind === "sql" ? operand.type : sqlTypeOfValues([operand.value]);
    if (type !== undefined) candidates.add(type);
  }
  for (const type of candidates) {
    const fitted = operands.map((operand, k) => fit(operand, type, () => recompile(k, type)));
    if (fitted.every((operand) => operand !== undefined)) return fitted as Operand[];
  }
  return [...operands];
}

function fit(operand: Operand, type: SqlType, again: () => Operand): Operand | undefined {
  if (operand.kind === "const")
    return isNullConstant(operand) || bindAs(operand.value, type) !== undefined
      ? operand
      : undefined;
  if (family(operand.type) === family(type)) return operand;
  const retyped = attempt(again);
  return retyped?.kind === "sql" && family(retyped.type) === family(type) ? retyped : undefined;
}
