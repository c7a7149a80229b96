import { fill, type Language } from "@loom/app/dictionary";
import { useLanguage } from "@loom/app/i18n";
import { useCallback } from "react";

/** The JSON view's words in en and zh-CN. */
const en = {
  jsonTitle: "JSON",
  jsonFiles: "Files",
  draftFiles: "{package} (draft)",
  baseFiles: "{package} (read only)",
  pickFile: "Pick a file to see it as JSON.",
  noSuchFile: "{package} has no file {file}.",
  readOnlyFile:
    "{file} belongs to {package}, which the draft builds on: shown read only. Change it from the draft, e.g. with an extension.",
  fileHelp:
    "Edits here and in the visual designers are the same draft. Completion (Ctrl+Space) and hover help come from the schema of the file's kind; the engine's problems are marked in the text.",
  kindOf: "kind: {kind}",
  noKind: "no known kind",
  openInEntityDesigner: "Open in the entity designer",
  openInWorkflowDesigner: "Open in the workflow designer",
  fileProblemsOne: "1 problem in this file",
  fileProblemsMany: "{count} problems in this file",
};

type Word = keyof typeof en;

const zh: Record<Word, string> = {
  jsonTitle: "JSON",
  jsonFiles: "文件",
  draftFiles: "{package}（草稿）",
  baseFiles: "{package}（只读）",
  pickFile: "选择一个文件，以 JSON 查看。",
  noSuchFile: "{package} 中没有文件 {file}。",
  readOnlyFile: "{file} 属于草稿所依赖的 {package}：只读显示。请在草稿中修改，例如通过扩展。",
  fileHelp:
    "此处的修改与可视化设计器中的修改属于同一草稿。补全（Ctrl+空格）和悬停说明来自该文件类型的 Schema；引擎发现的问题会标注在文本中。",
  kindOf: "类型：{kind}",
  noKind: "未知类型",
  openInEntityDesigner: "在实体设计器中打开",
  openInWorkflowDesigner: "在流程设计器中打开",
  fileProblemsOne: "此文件有 1 个问题",
  fileProblemsMany: "此文件有 {count} 个问题",
};

const WORDS: Record<Language, Record<Word, string>> = { en, "zh-CN": zh };

export type JsonTranslate = (
  word: Word,
  values?: Readonly<Record<string, string | number>>,
) => string;

export function useJsonWords(): { w: JsonTranslate } {
  const { language } = useLanguage();
  const w = useCallback<JsonTranslate>(
    (word, values) => fill(WORDS[language][word], values),
    [language],
  );
  return { w };
}
