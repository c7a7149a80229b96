import { useEffect, useState } from "react";
import type { ReportCatalog } from "./report-api.ts";
import { reportCatalog } from "./report-api.ts";

/**
 * The reports and dashboards the user may run; null while loading, and an empty catalog when the
 * server has none for them (or answers with an error: the navigation then simply lists none).
 */
export function useReportCatalog(): ReportCatalog | null {
  const [catalog, setCatalog] = useState<ReportCatalog | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    reportCatalog(controller.signal).then(setCatalog, (error: Error) => {
      if (error.name !== "AbortError") setCatalog({ reports: [], dashboards: [] });
    });
    return () => controller.abort();
  }, []);
  return catalog;
}
