import type { MouseEvent } from "react";
import { useLanguage } from "../i18n/language.tsx";

/** The id of the shell's <main>, where "Skip to content" goes. */
export const CONTENT_ID = "content";

/**
 * The first stop of the Tab key, shown only when focused: past the header and the navigation to
 * the page's heading (or, while a page loads, to the content area).
 */
export function SkipLink() {
  const { t } = useLanguage();
  // no `#content` left in the address: the router's paths carry no fragment
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    (document.getElementById("page-title") ?? document.getElementById(CONTENT_ID))?.focus();
  };
  return (
    <a className="skip-link" href={`#${CONTENT_ID}`} onClick={skip}>
      {t("skipToContent")}
    </a>
  );
}
