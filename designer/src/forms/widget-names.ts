import type { Language } from "@loom/app/dictionary";
import { type FieldType, WIDGET_FIELD_TYPES, WIDGETS, type Widget } from "@loom/engine";

/** The widgets a form may give a field, by what the user sees (schemas/form.schema.json). */
const NAMES: Readonly<Record<Language, Readonly<Record<Widget, string>>>> = {
  en: {
    text: "One line",
    textarea: "Several lines",
    number: "Number with steps",
    money: "Amount",
    select: "Drop-down",
    radio: "Option buttons",
    checkbox: "Check boxes",
    date: "Date picker",
    datetime: "Date and time picker",
    "link-picker": "Record picker",
  },
  "zh-CN": {
    text: "单行",
    textarea: "多行",
    number: "数字（带步进）",
    money: "金额",
    select: "下拉框",
    radio: "单选按钮",
    checkbox: "复选框",
    date: "日期选择",
    datetime: "日期时间选择",
    "link-picker": "记录选择器",
  },
};

export function widgetName(language: Language, widget: Widget): string {
  return NAMES[language][widget];
}

/** The widgets that can edit a field of `type` (the engine refuses the others). */
export function widgetsFor(type: FieldType): Widget[] {
  return WIDGETS.filter((widget) => WIDGET_FIELD_TYPES[widget].includes(type));
}
