import { useLanguage } from "@loom/app/i18n";
import { PageTitle } from "@loom/app/layout/page-title";
import { Link } from "@loom/app/router";
import { useCallback, useEffect, useState } from "react";
import { draftApi, type RevisionSummary } from "../draft/draft-api.ts";
import { useDraft } from "../draft/draft-context.tsx";
import { useWords } from "../i18n/words.ts";
import { designerPaths } from "../shell/routes.ts";
import { RevisionDetail } from "./revision-detail.tsx";

/** Who published what and when, newest first; the chosen revision's changes and its rollback. */
export function RevisionsPage({ id }: { id: number | null }) {
  const { state } = useDraft();
  const { w } = useWords();
  const { language, t } = useLanguage();
  const [revisions, setRevisions] = useState<RevisionSummary[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const load = useCallback(() => {
    draftApi.revisions().then(
      ({ data }) => setRevisions(data),
      (caught: Error) => setError(caught),
    );
  }, []);
  // read again whenever what is live changes (a publish, a rollback)
  const live = state.view.currentRevision;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `live` is the reason to read again
  useEffect(load, [load, live]);
  const when = (iso: string) =>
    new Date(iso).toLocaleString(language, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section className="page revisions-page" aria-labelledby="page-title">
      <header className="page-header">
        <PageTitle>{w("revisionsTitle")}</PageTitle>
      </header>
      {error && (
        <p role="alert" className="error-box">
          {t("error", { message: error.message })}
        </p>
      )}
      {revisions === null && !error && <p className="loading">{t("loading")}</p>}
      {revisions?.length === 0 && <p className="note">{w("noRevisions")}</p>}
      {revisions && revisions.length > 0 && (
        <div className="table-wrap">
          <table className="list revisions">
            <thead>
              <tr>
                <th scope="col">{w("colRevision")}</th>
                <th scope="col">{w("colWhen")}</th>
                <th scope="col">{w("colWho")}</th>
                <th scope="col">{w("colNote")}</th>
                <th scope="col" className="numeric">
                  {w("colSteps")}
                </th>
                <th scope="col">{w("colDataLosing")}</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((revision) => (
                <tr
                  key={revision.id}
                  className={revision.id === id ? "selected" : undefined}
                  data-revision={revision.id}
                >
                  <td>
                    <Link
                      to={designerPaths.revisions(revision.id)}
                      aria-current={revision.id === id ? "page" : undefined}
                    >
                      {w("revisionN", { id: revision.id })}
                    </Link>
                    {revision.id === live && <span className="live-tag">{w("current")}</span>}
                  </td>
                  <td>{when(revision.createdAt)}</td>
                  <td>{revision.createdBy}</td>
                  <td className="wrap">{revision.note}</td>
                  <td className="numeric">{revision.steps}</td>
                  <td>
                    {revision.dataLosing ? (
                      <strong className="loss-tag">{w("yes")}</strong>
                    ) : (
                      w("no")
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {id === null ? (
        revisions && revisions.length > 0 && <p className="note">{w("pickRevision")}</p>
      ) : (
        <RevisionDetail key={id} id={id} live={live} />
      )}
    </section>
  );
}
