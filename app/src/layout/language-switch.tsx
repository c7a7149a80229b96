import { LANGUAGES, type Language } from "../i18n/dictionary.ts";
import { useLanguage } from "../i18n/language.tsx";

/** each language by its own name */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: "English",
  "zh-CN": "简体中文",
};

/** en / zh-CN; remembered in this browser. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useLanguage();
  return (
    <select
      className="language"
      aria-label={t("language")}
      value={language}
      onChange={(event) => setLanguage(event.target.value as Language)}
    >
      {LANGUAGES.map((code) => (
        <option key={code} value={code}>
          {LANGUAGE_NAMES[code]}
        </option>
      ))}
    </select>
  );
}
