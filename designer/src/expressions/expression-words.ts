import { fill, type Language } from "@loom/app/dictionary";
import { useLanguage } from "@loom/app/i18n";
import { useCallback } from "react";

/** The words of the expression editors, in en and zh-CN. */
const en = {
  modeBuilder: "Conditions",
  modeJson: "JSON",
  loadingEditor: "Loading the editor…",
  matchAll: "All of these hold",
  matchAny: "Any of these holds",
  joinLabel: "Combine the conditions",
  field: "Field",
  operator: "Operator",
  source: "Compare with",
  value: "Value",
  attribute: "Attribute",
  sourceValue: "a value",
  sourceVariable: "{variable} attribute",
  addCondition: "Add condition",
  removeCondition: "Remove condition {n}",
  conditionN: "Condition {n}",
  noConditions: "No condition: always.",
  needsValue: "Give a value: the condition is left out until then.",
  notBuildable:
    "The builder cannot show this expression (it uses more than field, operator and value conditions).",
  editAsJson: "Edit as JSON",
  asJson: "As json-logic",
  opEquals: "=",
  opNotEquals: "≠",
  opLess: "<",
  opLessEq: "≤",
  opGreater: ">",
  opGreaterEq: "≥",
  opIn: "is one of",
  opContains: "contains",
  opEmpty: "is empty",
  opNotEmpty: "is not empty",
  yes: "yes",
  no: "no",
  listHint: "Several values, separated by commas",
  systemFields: "Record",
  linkedFields: "{field} →",
  notJson: "Not valid JSON yet: {message}",
  noEntity: "Pick the entity first: expressions read its fields.",
};

type Word = keyof typeof en;

const zh: Record<Word, string> = {
  modeBuilder: "条件",
  modeJson: "JSON",
  loadingEditor: "正在加载编辑器…",
  matchAll: "以下条件全部成立",
  matchAny: "以下条件任一成立",
  joinLabel: "条件的组合方式",
  field: "字段",
  operator: "运算符",
  source: "比较对象",
  value: "值",
  attribute: "属性",
  sourceValue: "固定值",
  sourceVariable: "{variable} 的属性",
  addCondition: "添加条件",
  removeCondition: "删除条件 {n}",
  conditionN: "条件 {n}",
  noConditions: "没有条件：始终成立。",
  needsValue: "请填写值：填写前该条件不生效。",
  notBuildable: "条件构建器无法表示此表达式（它用到了字段、运算符、值之外的写法）。",
  editAsJson: "以 JSON 编辑",
  asJson: "json-logic 表达式",
  opEquals: "=",
  opNotEquals: "≠",
  opLess: "<",
  opLessEq: "≤",
  opGreater: ">",
  opGreaterEq: "≥",
  opIn: "属于",
  opContains: "包含",
  opEmpty: "为空",
  opNotEmpty: "不为空",
  yes: "是",
  no: "否",
  listHint: "多个值，用逗号分隔",
  systemFields: "记录",
  linkedFields: "{field} →",
  notJson: "还不是有效的 JSON：{message}",
  noEntity: "请先选择实体：表达式读取它的字段。",
};

const WORDS: Record<Language, Record<Word, string>> = { en, "zh-CN": zh };

export type ExpressionTranslate = (
  word: Word,
  values?: Readonly<Record<string, string | number>>,
) => string;

export function useExpressionWords(): { w: ExpressionTranslate; language: Language } {
  const { language } = useLanguage();
  const w = useCallback<ExpressionTranslate>(
    (word, values) => fill(WORDS[language][word], values),
    [language],
  );
  return { w, language };
}
