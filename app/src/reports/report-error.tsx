import { ApiError } from "../api/client.ts";
import { useLanguage } from "../i18n/language.tsx";

/**
 * Why a report could not be shown, in a sentence: a report the user may not run says so plainly
 * (a dashboard keeps its other tiles); other refusals carry the server's message.
 */
export function ReportError({ error }: { error: Error }) {
  const { t } = useLanguage();
  const forbidden = error instanceof ApiError && error.status === 403;
  const unknown = error instanceof ApiError && error.status === 404;
  return (
    <div role="alert" className={forbidden ? "note report-forbidden" : "error-box"}>
      <p>
        {forbidden
          ? t("tileForbidden")
          : unknown
            ? t("notFound")
            : t("error", { message: error.message })}
      </p>
      {error instanceof ApiError &&
        !forbidden &&
        // the server's message often says it all already
        error.details
          .filter((detail) => !error.message.includes(detail.message))
          .map((detail) => (
            <p key={`${detail.path} ${detail.message}`}>
              {detail.path}: {detail.message}
            </p>
          ))}
    </div>
  );
}
