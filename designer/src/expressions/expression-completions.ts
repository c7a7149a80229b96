import { OPERATORS } from "@loom/engine";
import { findNodeAtLocation, getLocation, type JSONPath, parseTree } from "jsonc-parser";
import type { ModelField } from "../workflow/workflow-model.ts";
import {
  type ExpressionScope,
  fieldsOf,
  resolveField,
  USER_ATTRIBUTES,
} from "./expression-model.ts";

export type CompletionKind = "field" | "link" | "variable" | "operator";

export interface ExpressionCompletion {
  readonly label: string;
  /** what replaces the range: the text inside the quotes, or a quoted string outside them */
  readonly insert: string;
  readonly kind: CompletionKind;
  /** the field's type, or the operator's argument count */
  readonly detail: string;
  /** the field, for its label in the user's language */
  readonly field?: ModelField;
}

/** What to offer at a place of the text, and the offsets of the text it replaces. */
export interface CompletionsAt {
  readonly items: readonly ExpressionCompletion[];
  readonly from: number;
  readonly to: number;
}

/**
 * What fits at `offset` of a json-logic text: an operator where a key is typed; inside the
 * string of `var` or `missing`, the entity's fields (through links once a `.` is typed), system
 * columns and the attributes of `$user` and the scope's variables; the table fields for
 * `sum_lines`' first argument and that table's line fields for its second.
 */
export function completionsAt(
  text: string,
  offset: number,
  scope: ExpressionScope,
): CompletionsAt | undefined {
  const location = getLocation(text, offset);
  const node = location.previousNode;
  // a key being typed is a "property" node, a string value a "string" one
  const inString =
    (node?.type === "string" || node?.type === "property") &&
    offset > node.offset &&
    offset <= node.offset + node.length - (closed(text, node) ? 1 : 0);
  const from = inString ? node.offset + 1 : offset;
  const to = inString ? node.offset + node.length - (closed(text, node) ? 1 : 0) : offset;
  const quote = (value: string) => (inString ? value : JSON.stringify(value));
  if (location.isAtPropertyKey) {
    if (node && !inString) return undefined;
    return { items: operatorItems(quote), from, to };
  }
  if (node && !inString) return undefined;
  const typed = inString ? text.slice(from, offset) : "";
  const items = valueItems(location.path, typed, text, scope, quote);
  return items && { items, from, to };
}

function closed(text: string, node: { offset: number; length: number }): boolean {
  return node.length >= 2 && text[node.offset + node.length - 1] === '"';
}

function operatorItems(quote: (value: string) => string): ExpressionCompletion[] {
  return [...OPERATORS.values()].map(({ name, arity }) => ({
    label: name,
    insert: quote(name),
    kind: "operator",
    detail: arityText(arity),
  }));
}

function arityText({ min, max }: { min: number; max?: number }): string {
  if (max === undefined) return `${min}+ arguments`;
  return min === max ? `${min} argument${min === 1 ? "" : "s"}` : `${min}–${max} arguments`;
}

/** The items for a string value at `path`, or undefined where no name is expected. */
function valueItems(
  path: JSONPath,
  typed: string,
  text: string,
  scope: ExpressionScope,
  quote: (value: string) => string,
): ExpressionCompletion[] | undefined {
  const last = path.at(-1);
  const parent = path.at(-2);
  const names =
    last === "var" ||
    (parent === "var" && last === 0) ||
    last === "missing" ||
    (parent === "missing" && typeof last === "number") ||
    (path.at(-3) === "missing" && parent === 0);
  if (names) return pathItems(scope, scope.entity, typed, quote, true);
  if (parent !== "sum_lines") return undefined;
  const tables = fieldsOf(scope.model, scope.entity).filter((f) => f.type === "table");
  if (last === 0) return tables.map((field) => fieldItem(field, field.name, quote));
  if (last !== 1) return undefined;
  const tree = parseTree(text);
  const table = tree && findNodeAtLocation(tree, [...path.slice(0, -1), 0])?.value;
  const target = tables.find((f) => f.name === table)?.target;
  return target ? pathItems(scope, target, typed, quote, false) : [];
}

/**
 * The paths that continue what is typed: the fields of the entity the typed links lead to, and
 * at the start the variables' attributes.
 */
function pathItems(
  scope: ExpressionScope,
  entity: string,
  typed: string,
  quote: (value: string) => string,
  withVariables: boolean,
): ExpressionCompletion[] {
  const dot = typed.lastIndexOf(".");
  const head = dot < 0 ? "" : typed.slice(0, dot);
  const prefix = dot < 0 ? "" : `${head}.`;
  const variables = withVariables ? ["$user", ...scope.variables] : [];
  if (variables.includes(head))
    return USER_ATTRIBUTES.map((attribute) => ({
      label: `${prefix}${attribute}`,
      insert: quote(`${prefix}${attribute}`),
      kind: "variable",
      detail: head,
    }));
  let fields: readonly ModelField[];
  if (head === "") fields = fieldsOf(scope.model, entity);
  else {
    const link = resolveField(scope.model, entity, head);
    if (link?.type !== "link" || link.target === null) return [];
    fields = fieldsOf(scope.model, link.target);
  }
  const items = fields.map((field) => fieldItem(field, `${prefix}${field.name}`, quote));
  if (head !== "") return items;
  return [
    ...items,
    ...variables.flatMap((variable) =>
      USER_ATTRIBUTES.map(
        (attribute): ExpressionCompletion => ({
          label: `${variable}.${attribute}`,
          insert: quote(`${variable}.${attribute}`),
          kind: "variable",
          detail: variable,
        }),
      ),
    ),
  ];
}

function fieldItem(
  field: ModelField,
  path: string,
  quote: (value: string) => string,
): ExpressionCompletion {
  return {
    label: path,
    insert: quote(path),
    kind: field.type === "link" ? "link" : "field",
    detail: field.type === "link" && field.target ? `link → ${field.target}` : field.type,
    field,
  };
}
