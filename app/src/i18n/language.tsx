import type { Labels } from "@loom/engine";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { setApiLanguage } from "../api/client.ts";
import { LANGUAGES, type Language, translate, type UiString } from "./dictionary.ts";

const STORAGE_KEY = "loom.language";

export interface LanguageContext {
  readonly language: Language;
  setLanguage(language: Language): void;
  /** a UI string of the dictionary */
  t(key: UiString, values?: Readonly<Record<string, string | number>>): string;
  /** a metadata label in the language, English when it has none */
  label(labels: Labels | null | undefined, fallback?: string): string;
}

const Context = createContext<LanguageContext | null>(null);

/** The stored choice, else the browser's preference (any Chinese → zh-CN), else English. */
function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (LANGUAGES.includes(stored as Language)) return stored as Language;
  return navigator.language.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setState] = useState<Language>(() => {
    const initial = initialLanguage();
    setApiLanguage(initial);
    document.documentElement.lang = initial;
    return initial;
  });
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setApiLanguage(next);
    document.documentElement.lang = next;
    setState(next);
  }, []);
  const value = useMemo<LanguageContext>(
    () => ({
      language,
      setLanguage,
      t: (key, values) => translate(language, key, values),
      label: (labels, fallback = "") => labels?.[language] ?? labels?.en ?? fallback,
    }),
    [language, setLanguage],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useLanguage(): LanguageContext {
  const found = useContext(Context);
  if (!found) throw new Error("useLanguage outside LanguageProvider");
  return found;
}
