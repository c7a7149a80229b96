import { useLanguage } from "../i18n/language.tsx";

const LOOKS = {
  line: "loading",
  // holds the room of a page's content (a form), so what is below it does not jump when it comes
  block: "loading loading-block",
  // for screen readers only, where placeholders (skeleton rows) show the loading
  unseen: "visually-hidden",
} as const;

/** "Loading…" as a polite status. */
export function Loading({ look = "line" }: { look?: keyof typeof LOOKS }) {
  const { t } = useLanguage();
  return (
    <p className={LOOKS[look]} role="status">
      {t("loading")}
    </p>
  );
}
