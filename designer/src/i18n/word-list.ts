import { fill, type Language } from "@loom/app/dictionary";
import { useLanguage } from "@loom/app/i18n";
import { useCallback } from "react";

/** Translates a word of a list, filling in `{name}` placeholders. */
export type Translator<Word extends string> = (
  word: Word,
  values?: Readonly<Record<string, string | number>>,
) => string;

/**
 * A page's own word list in the user's language: `words` holds every word in each language (a
 * module constant, so the function changes only with the language).
 */
export function useWordList<Word extends string>(
  words: Readonly<Record<Language, Readonly<Record<Word, string>>>>,
): Translator<Word> {
  const { language } = useLanguage();
  return useCallback<Translator<Word>>(
    (word, values) => fill(words[language][word], values),
    [language, words],
  );
}
