import { useRef } from "react";
import { draftApi } from "../draft/draft-api.ts";
import { useDraft } from "../draft/draft-context.tsx";
import { useWords } from "../i18n/words.ts";
import { ChangedFiles } from "./changed-files.tsx";
import { PlanDialog, type Prepared } from "./plan-dialog.tsx";

/**
 * Publishing the draft: saved first, then planned by the server — the files it changes and the
 * migration it runs — and published as the version planned, with a note.
 */
export function PublishDialog({ onClose }: { onClose(): void }) {
  const { session, issues } = useDraft();
  const { w } = useWords();
  // the version planned is the one published: a save after the plan makes a conflict, not a surprise
  const version = useRef(0);
  const prepare = async (): Promise<Prepared> => {
    if (!(await session.save())) {
      const { conflict, error } = session.state;
      return {
        blocked:
          conflict !== null
            ? w("conflictTitle")
            : w("statusFailed", { message: error?.message ?? "" }),
      };
    }
    if (issues.length > 0) return { blocked: w("fixProblemsFirst") };
    const plan = await draftApi.plan();
    if (plan.changes.length === 0) return { blocked: w("nothingToPublish") };
    version.current = plan.version;
    return { plan, before: <ChangedFiles title={w("changedFiles")} changes={plan.changes} /> };
  };
  return (
    <PlanDialog
      title={w("publishTitle")}
      prepare={prepare}
      withNote
      applyLabel={w("publishNow")}
      applyingLabel={w("publishing")}
      apply={({ allowDataLoss, note }) =>
        draftApi.publish({
          version: version.current,
          allowDataLoss,
          ...(note.trim() !== "" && { note: note.trim() }),
        })
      }
      appliedText={(applied) => w("published", { revision: applied.revision.id })}
      failedText={(message) => w("notPublished", { message })}
      onApplied={() => void session.reload()}
      onClose={onClose}
    />
  );
}
