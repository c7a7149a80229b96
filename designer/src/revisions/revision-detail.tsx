import { useLanguage } from "@loom/app/i18n";
import { useEffect, useState } from "react";
import { type RevisionDetail as Detail, draftApi } from "../draft/draft-api.ts";
import { useDraft } from "../draft/draft-context.tsx";
import { useWords } from "../i18n/words.ts";
import { ChangedFiles } from "../publish/changed-files.tsx";
import { PlanDialog } from "../publish/plan-dialog.tsx";
import { FileDiff } from "./file-diff.tsx";

/** One revision: the files it changed against the one before, line by line, and rolling back to it. */
export function RevisionDetail({ id, live }: { id: number; live: number | null }) {
  const { session } = useDraft();
  const { w } = useWords();
  const { t } = useLanguage();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [rollingBack, setRollingBack] = useState(false);
  useEffect(() => {
    draftApi.revision(id).then(setDetail, setError);
  }, [id]);
  if (error)
    return (
      <p role="alert" className="error-box">
        {t("error", { message: error.message })}
      </p>
    );
  if (!detail) return <p className="loading">{t("loading")}</p>;
  const { revision, previous, changes } = detail;
  return (
    <section className="revision-detail" aria-labelledby="revision-title">
      <h2 id="revision-title">{w("revisionN", { id })}</h2>
      {revision.note && <p className="revision-note">{revision.note}</p>}
      {changes === null ? (
        <p className="note">{w("filesNotKept")}</p>
      ) : (
        <ChangedFiles
          title={previous === null ? w("firstRevision") : w("changesSince", { previous })}
          changes={changes}
          detail={(change) => <FileDiff before={change.before} after={change.after} />}
        />
      )}
      {revision.restorable && id !== live && (
        <button type="button" className="button" onClick={() => setRollingBack(true)}>
          {w("rollBackTo", { id })}
        </button>
      )}
      {rollingBack && (
        <PlanDialog
          title={w("rollbackTitle", { id })}
          intro={w("rollbackIntro", { id })}
          prepare={async () => ({ plan: await draftApi.rollbackPlan(id) })}
          withNote={false}
          applyLabel={w("rollbackNow")}
          applyingLabel={w("rollingBack")}
          apply={({ allowDataLoss }) => draftApi.rollback(id, allowDataLoss)}
          appliedText={(applied) =>
            applied.unchanged
              ? w("rollbackUnchanged", { id })
              : w("rolledBack", { revision: applied.revision.id })
          }
          failedText={(message) => w("notRolledBack", { message })}
          onApplied={() => void session.reload()}
          onClose={() => setRollingBack(false)}
        />
      )}
    </section>
  );
}
