import { Link } from "@loom/app/router";
import { useDraft } from "../draft/draft-context.tsx";
import { entityOfFile } from "../draft/entity-catalog.ts";
import { useWords } from "../i18n/words.ts";
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
        <ul className="problem-list">
          {issues.map((issue, i) => {
            const entity =
              issue.file && entityOfFile(ctx, issue.package ?? ctx.draft.name, issue.file);
            const where = issue.file
              ? issue.line
                ? w("lineOf", { file: issue.file, line: issue.line })
                : issue.file
              : issue.package;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity of their own
              <li key={i}>
                <span className="problem-where">
                  {entity ? <Link to={designerPaths.entities(entity)}>{where}</Link> : where}
                  {issue.path ? <code>{issue.path}</code> : null}
                </span>
                <span className="problem-message">{issue.message}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
