import type { Issue } from "@loom/engine";
import Editor from "@monaco-editor/react";
import type { editor } from "monaco-editor/editor";
import { useEffect, useMemo, useState } from "react";
import { monaco, showLatest } from "../expressions/monaco-setup.ts";
import { fileKind } from "./file-kind.ts";
import { associateSchema } from "./file-schemas.ts";

/** The URI scheme of the JSON view's models. */
const FILE_SCHEME = "loom-file";

/**
 * One package file in monaco (loaded with this module, on demand): the JSON Schema of its kind
 * gives completion, hover help and validation; the engine's problems of the file (`issues`, from
 * the draft's check) are marked at their place. Each change of the text is `onChange`d at once;
 * a change made elsewhere (another designer page, a reload) comes back as `text`.
 */
export default function JsonFileEditor({
  pkg,
  file,
  text,
  latest,
  issues,
  label,
  onChange,
}: {
  pkg: string;
  file: string;
  text: string;
  /** the file's newest text (`text` may be a render behind the typing) */
  latest(): string | undefined;
  issues: readonly Issue[];
  label: string;
  /** none: the file is shown read only */
  onChange?: (text: string) => void;
}) {
  const path = `${pkg}/${file}`;
  const kind = useMemo(() => fileKind(file, text), [file, text]);
  useEffect(() => associateSchema(path, kind), [path, kind]);
  const [mounted, setMounted] = useState<editor.IStandaloneCodeEditor | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new text is the signal, the latest one is shown
  useEffect(() => {
    const shown = latest();
    if (mounted && shown !== undefined) showLatest(mounted, shown);
  }, [mounted, text]);
  const model = mounted?.getModel();
  useEffect(() => {
    if (!model || model.uri.toString() !== modelUri(path)) return;
    monaco.editor.setModelMarkers(
      model,
      "loom",
      issues.map((issue) => marker(model, issue)),
    );
  }, [model, path, issues]);
  return (
    <div className="json-editor">
      <Editor
        path={modelUri(path)}
        language="json"
        defaultValue={text}
        loading={null}
        onChange={(next) => onChange?.(next ?? "")}
        onMount={setMounted}
        options={{
          ariaLabel: label,
          readOnly: onChange === undefined,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          automaticLayout: true,
          fixedOverflowWidgets: true,
          tabSize: 2,
          fontSize: 13,
          wordWrap: "on",
          quickSuggestions: { other: true, comments: false, strings: true },
          // Chinese labels use full-width punctuation on purpose
          unicodeHighlight: { ambiguousCharacters: false },
        }}
      />
    </div>
  );
}

function modelUri(path: string): string {
  return monaco.Uri.from({ scheme: FILE_SCHEME, path: `/${path}` }).toString();
}

/**
 * A problem at the line and column the engine gives (where the value its pointer names starts),
 * marked to the end of that line's text; a problem of the whole file marks its first line.
 */
function marker(model: editor.ITextModel, issue: Issue): editor.IMarkerData {
  const line = Math.min(Math.max(issue.line ?? 1, 1), model.getLineCount());
  const last = model.getLineLastNonWhitespaceColumn(line);
  const column = Math.min(issue.column ?? model.getLineFirstNonWhitespaceColumn(line), last);
  return {
    severity: monaco.MarkerSeverity.Error,
    message: issue.message,
    source: "Loom",
    code: issue.code,
    startLineNumber: line,
    startColumn: Math.max(column, 1),
    endLineNumber: line,
    endColumn: Math.max(last, column + 1),
  };
}
