import type { JsonLogic } from "@loom/engine";
import { useLanguage } from "../i18n/language.tsx";
import { navigate } from "../router/router.tsx";
import "./drill-filter.css";

/**
 * The json-logic a report's drill-down put in the address (`?where=…`): undefined when there is
 * none, null when it is not JSON (the list then shows everything, and says so).
 */
export function drillWhere(search: string): JsonLogic | undefined | null {
  const text = new URLSearchParams(search).get("where");
  if (text === null || text === "") return undefined;
  try {
    return JSON.parse(text) as JsonLogic;
  } catch {
    return null;
  }
}

/**
 * The chip that says a list is narrowed by a report (whose filter is not among the user's own
 * conditions); its button lifts the narrowing by opening the list's plain address.
 */
export function DrillChip({
  where,
  what,
  listPath,
}: {
  where: JsonLogic | null;
  /** what the report's row was, in words (`?what=`), if the address says */
  what: string | null;
  listPath: string;
}) {
  const { t } = useLanguage();
  return (
    <div className="filter-chip" data-testid="drill-filter">
      <span>
        {where === null ? t("invalidValue") : t("filteredFromReport")}
        {where !== null && what && <strong className="chip-what">{what}</strong>}
      </span>
      <button
        type="button"
        aria-label={t("removeReportFilter")}
        title={t("removeReportFilter")}
        onClick={() => navigate(listPath)}
      >
        ×
      </button>
    </div>
  );
}
