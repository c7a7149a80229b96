import {
  findNodeAtLocation,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from "jsonc-parser";

/**
 * A JSON file kept with its text, so any JSON pointer into it can be turned back into the line and
 * column a consultant sees in their editor. The syntax tree is built only when a location is asked
 * for: valid files (nearly all of them) never pay for it.
 */
export interface JsonSource {
  readonly text: string;
  readonly value: unknown;
}

export interface JsonSyntaxError {
  message: string;
  line: number;
  column: number;
}

export function parseJsonSource(text: string): { source?: JsonSource; errors: JsonSyntaxError[] } {
  try {
    return { source: { text, value: JSON.parse(text) }, errors: [] };
  } catch {
    return { errors: syntaxErrors(text) };
  }
}

function syntaxErrors(text: string): JsonSyntaxError[] {
  const parseErrors: ParseError[] = [];
  parseTree(text, parseErrors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const lineStarts = computeLineStarts(text);
  const errors = parseErrors.map((error) => ({
    message: `invalid JSON: ${printParseErrorCode(error.error)}`,
    ...positionAt(lineStarts, error.offset),
  }));
  return errors.length > 0 ? errors : [{ message: "invalid JSON", line: 1, column: 1 }];
}

const trees = new WeakMap<JsonSource, { tree: Node | undefined; lineStarts: number[] }>();

/** Line and column (1-based) of the deepest node that exists along `pointer`. */
export function locatePointer(
  source: JsonSource,
  pointer: string,
): { line: number; column: number } {
  let located = trees.get(source);
  if (!located) {
    located = { tree: parseTree(source.text), lineStarts: computeLineStarts(source.text) };
    trees.set(source, located);
  }
  const { tree, lineStarts } = located;
  if (!tree) return { line: 1, column: 1 };
  const segments = pointerSegments(pointer);
  for (let depth = segments.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(tree, segments.slice(0, depth));
    if (node) {
      // point at the property name rather than its value: that is where the eye looks
      const anchor = node.parent?.type === "property" ? node.parent : node;
      return positionAt(lineStarts, anchor.offset);
    }
  }
  return { line: 1, column: 1 };
}

export function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}

export function joinPointer(base: string, ...segments: (string | number)[]): string {
  return (
    base + segments.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("")
  );
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionAt(
  lineStarts: readonly number[],
  offset: number,
): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low]! + 1 };
}
