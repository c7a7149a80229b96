import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor/editor";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
// every editor feature: monaco's own features need each other's services (a subset fails at run time)
import "monaco-editor/features/register.all";
import JsonWorker from "monaco-editor/languages/features/json/json.worker?worker";
import { jsonDefaults } from "monaco-editor/languages/features/json/register";

/**
 * Monaco from the designer's own bundle, never a CDN: @monaco-editor/react is told to use this
 * instance, and the workers are files of the build (same origin, so the page's CSP allows them).
 * Only the lazily loaded editors import this module, so the designer's first load carries none
 * of it.
 */
self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) =>
    label === "json" ? new JsonWorker() : new EditorWorker(),
};
loader.config({ monaco });

export type Monaco = typeof monaco;
export { jsonDefaults, monaco };

/**
 * Shows `latest` in the editor when its model holds other text: a change made elsewhere (another
 * page, a reload, the condition builder). Callers pass the newest text they hold, not the one
 * they last rendered: while someone types, that is what the editor itself gave them, so a render
 * a keystroke behind never puts older text back under the cursor.
 */
export function showLatest(editor: monaco.editor.IStandaloneCodeEditor, latest: string): void {
  const model = editor.getModel();
  if (!model || model.getValue() === latest) return;
  model.pushEditOperations([], [{ range: model.getFullModelRange(), text: latest }], () => null);
}
