import { useLanguage } from "@loom/app/i18n";
import type { Issue } from "@loom/engine";
import Editor from "@monaco-editor/react";
import type { editor } from "monaco-editor/editor";
import { useEffect, useRef, useState } from "react";
import { EXPRESSION_SCHEME, provideExpressionCompletions } from "./expression-language.ts";
import type { ExpressionScope } from "./expression-model.ts";
import { monaco, showLatest } from "./monaco-setup.ts";
import { pointerRange } from "./pointer-range.ts";

const LINE_HEIGHT = 19;
const MIN_LINES = 2;
const MAX_LINES = 12;

let models = 0;

/**
 * json-logic as text in monaco (loaded with this module, on demand): the entity's fields and
 * the language's operators completed as they are typed, the JSON syntax checked by monaco's JSON
 * worker and the engine's problems (`issues`, pointers inside the expression) marked where they
 * are. The editor grows with its text, up to a dozen lines.
 */
export default function RawExpressionEditor({
  text,
  latest,
  onText,
  label,
  readOnly,
  scope,
  issues,
  describedBy,
}: {
  text: string;
  /** the newest text the caller holds (`text` may be a render behind the typing) */
  latest(): string;
  onText(text: string): void;
  label: string;
  readOnly: boolean;
  scope: ExpressionScope | undefined;
  issues: readonly Issue[];
  describedBy?: string;
}) {
  const { label: labelOf } = useLanguage();
  const [path] = useState(() => `${EXPRESSION_SCHEME}://expression/${++models}.json`);
  const [height, setHeight] = useState(MIN_LINES * LINE_HEIGHT + 8);
  const [mounted, setMounted] = useState<editor.IStandaloneCodeEditor | null>(null);
  // the provider asks for the scope and labels when it runs: always the current ones
  const current = useRef({ scope, labelOf });
  current.current = { scope, labelOf };
  useEffect(
    () =>
      provideExpressionCompletions(monaco.Uri.parse(path).toString(), {
        scope: () => current.current.scope,
        label: (field) => current.current.labelOf(field.labels, "") || undefined,
      }),
    [path],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new text is the signal, the latest one is shown
  useEffect(() => {
    if (mounted) showLatest(mounted, latest());
  }, [mounted, text]);
  const model = mounted?.getModel();
  useEffect(() => {
    if (!model) return;
    const markers = issues.map((issue): editor.IMarkerData => {
      const at = pointerRange(model.getValue(), issue.path ?? "") ?? { offset: 0, length: 0 };
      const start = model.getPositionAt(at.offset);
      const end = model.getPositionAt(at.offset + Math.max(at.length, 1));
      return {
        severity: monaco.MarkerSeverity.Error,
        message: issue.message,
        source: "Loom",
        code: issue.code,
        startLineNumber: start.lineNumber,
        startColumn: start.column,
        endLineNumber: end.lineNumber,
        endColumn: end.column,
      };
    });
    monaco.editor.setModelMarkers(model, "loom", markers);
  }, [model, issues]);
  // the problems under the editor describe its text area, as they would a plain input's
  useEffect(() => {
    const input = mounted?.getDomNode()?.querySelector("textarea");
    if (describedBy) input?.setAttribute("aria-describedby", describedBy);
    else input?.removeAttribute("aria-describedby");
  }, [mounted, describedBy]);
  return (
    <div className="raw-expression">
      <Editor
        path={path}
        language="json"
        defaultValue={text}
        height={height}
        loading={null}
        onChange={(next) => onText(next ?? "")}
        onMount={(instance) => {
          instance.onDidContentSizeChange(({ contentHeight }) =>
            setHeight(
              Math.min(Math.max(contentHeight, MIN_LINES * LINE_HEIGHT), MAX_LINES * LINE_HEIGHT) +
                8,
            ),
          );
          setMounted(instance);
        }}
        options={{
          ariaLabel: label,
          readOnly,
          minimap: { enabled: false },
          lineNumbers: "off",
          glyphMargin: false,
          folding: false,
          lineDecorationsWidth: 6,
          lineNumbersMinChars: 0,
          renderLineHighlight: "none",
          overviewRulerLanes: 0,
          hideCursorInOverviewRuler: true,
          scrollBeyondLastLine: false,
          wordWrap: "on",
          wrappingIndent: "indent",
          fontSize: 13,
          lineHeight: LINE_HEIGHT,
          tabSize: 2,
          automaticLayout: true,
          fixedOverflowWidgets: true,
          quickSuggestions: { other: true, comments: false, strings: true },
          // Chinese labels use full-width punctuation on purpose
          unicodeHighlight: { ambiguousCharacters: false },
          suggestOnTriggerCharacters: true,
          scrollbar: { vertical: "auto", horizontal: "hidden", alwaysConsumeMouseWheel: false },
          padding: { top: 4, bottom: 4 },
        }}
      />
    </div>
  );
}
