import type { AppModel, Field } from "@loom/engine";
import { useMemo } from "react";
import { useLanguage } from "../i18n/language.tsx";
import { type Formatter, formatter } from "./format.ts";

/** The value formatter in the current language; links read as their target's title. */
export function useFormatter(model: AppModel): Formatter {
  const { language, label, t } = useLanguage();
  return useMemo(() => {
    const titleOf = (field: Field, value: Record<string, unknown>) => {
      const target = field.target ? model.entities[field.target] : undefined;
      const title = target ? value[target.titleField] : undefined;
      return title === undefined || title === null ? String(value.id ?? "") : String(title);
    };
    return formatter(language, (labels) => label(labels), { yes: t("yes"), no: t("no") }, titleOf);
  }, [model, language, label, t]);
}
