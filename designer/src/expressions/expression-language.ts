import type { languages as Languages } from "monaco-editor/editor";
import type { ModelField } from "../workflow/workflow-model.ts";
import { type CompletionKind, completionsAt } from "./expression-completions.ts";
import type { ExpressionScope } from "./expression-model.ts";
import { monaco } from "./monaco-setup.ts";

/** What the completions of one expression editor read: its scope, and labels in the UI language. */
export interface ExpressionSource {
  scope(): ExpressionScope | undefined;
  label(field: ModelField): string | undefined;
}

/** The URI scheme of expression editors' models; the JSON view's files use another. */
export const EXPRESSION_SCHEME = "loom-expression";

const sources = new Map<string, ExpressionSource>();
let registered = false;

const KINDS: Record<CompletionKind, Languages.CompletionItemKind> = {
  field: monaco.languages.CompletionItemKind.Field,
  link: monaco.languages.CompletionItemKind.Reference,
  variable: monaco.languages.CompletionItemKind.Variable,
  operator: monaco.languages.CompletionItemKind.Operator,
};

/**
 * Offers the fields and operators of json-logic in the expression editors' models (the JSON
 * view's files get the schema's completions instead). One provider for all of them, registered
 * once; each editor adds its model's source while it is mounted.
 */
export function provideExpressionCompletions(uri: string, source: ExpressionSource): () => void {
  if (!registered) {
    registered = true;
    monaco.languages.registerCompletionItemProvider("json", {
      triggerCharacters: ['"', "."],
      provideCompletionItems(model, position) {
        const from = sources.get(model.uri.toString());
        const scope = from?.scope();
        if (!from || !scope) return { suggestions: [] };
        const text = model.getValue();
        const found = completionsAt(text, model.getOffsetAt(position), scope);
        if (!found) return { suggestions: [] };
        const start = model.getPositionAt(found.from);
        const end = model.getPositionAt(found.to);
        const range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
        return {
          suggestions: found.items.map((item, i) => ({
            label: {
              label: item.label,
              detail: ` ${item.detail}`,
              description: item.field ? from.label(item.field) : undefined,
            },
            kind: KINDS[item.kind],
            insertText: item.insert,
            filterText: item.insert,
            sortText: String(i).padStart(4, "0"),
            range,
          })),
        };
      },
    });
  }
  sources.set(uri, source);
  return () => sources.delete(uri);
}
