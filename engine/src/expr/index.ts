export { checkExpression } from "./check.ts";
export { evaluate } from "./evaluate.ts";
export { fieldsReferenced } from "./fields-referenced.ts";
export { compileFilter } from "./sql/compile-filter.ts";
export type {
  EvalContext,
  ExprEntity,
  ExprField,
  ExprModel,
  ExprScope,
  JsonLogic,
  SqlTarget,
} from "./types.ts";
export { isTruthy } from "./values.ts";
