import { useDraft } from "../draft/draft-context.tsx";
import { entityOfFile } from "../draft/entity-catalog.ts";
import { useWords } from "../i18n/words.ts";
import { ProblemList } from "./problem-list.tsx";
import { designerPaths } from "./routes.ts";

export const PROBLEMS_ID = "problems";

/** Every problem the engine finds in the draft as it is edited, each leading to its entity. */
export function ProblemsPanel() {
  const { ctx, issues } = useDraft();
  const { w } = useWords();
  return (
    <section
      id={PROBLEMS_ID}
      className="problems"
      aria-labelledby="problems-title"
      tabIndex={-1}
      data-testid="problems"
    >
      <h2 id="problems-title">
        {w("problems")} ({issues.length})
      </h2>
      {issues.length === 0 ? (
        <p className="note">{w("noProblems")}</p>
      ) : (
        <ProblemList
          issues={issues}
          linkOf={(issue) => {
            const entity =
              issue.file && entityOfFile(ctx, issue.package ?? ctx.draft.name, issue.file);
            return entity ? designerPaths.entities(entity) : null;
          }}
        />
      )}
    </section>
  );
}
