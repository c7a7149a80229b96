import { useState } from "react";
import { useLanguage } from "../i18n/language.tsx";
import { downloadCsv, type ExportRequest, exportCsvUrl } from "./export-csv.ts";

/** "Export CSV": the rows of the list as it is filtered, searched and sorted, every page of them. */
export function ExportButton({ request }: { request: ExportRequest }) {
  const { t, language } = useLanguage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const exportRows = () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    downloadCsv(exportCsvUrl(request), language, `${request.entity.name}.csv`)
      .catch((failure: Error) => setError(t("error", { message: failure.message })))
      .finally(() => setBusy(false));
  };
  return (
    <>
      <button type="button" className="button" aria-disabled={busy} onClick={exportRows}>
        {busy ? t("exporting") : t("exportCsv")}
      </button>
      {error && (
        <span role="alert" className="error-box">
          {error}
        </span>
      )}
    </>
  );
}
