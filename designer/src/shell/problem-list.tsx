import { Link } from "@loom/app/router";
import type { Issue } from "@loom/engine";
import type { ReactNode } from "react";
import { useWords } from "../i18n/words.ts";

/**
 * Problems, each with where it is (file and line, else its package) and its JSON pointer: the
 * draft's under every page, and an import's in its preview. `linkOf` leads from a problem to the
 * page that fixes it; `after` adds what to do about it; `withPackage` names the file's package
 * (where problems come from several).
 */
export function ProblemList<Found extends Issue>({
  issues,
  linkOf,
  after,
  withPackage = false,
}: {
  issues: readonly Found[];
  linkOf?(issue: Found): string | null;
  after?(issue: Found): ReactNode;
  withPackage?: boolean;
}) {
  const { w } = useWords();
  return (
    <ul className="problem-list">
      {issues.map((issue, i) => {
        const to = linkOf?.(issue) ?? null;
        const file =
          issue.file && withPackage && issue.package
            ? `${issue.package}/${issue.file}`
            : issue.file;
        const where = file
          ? issue.line
            ? w("lineOf", { file, line: issue.line })
            : file
          : issue.package;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity of their own
          <li key={i}>
            <span className="problem-where">
              {to ? <Link to={to}>{where}</Link> : where}
              {issue.path ? <code>{issue.path}</code> : null}
            </span>
            <span className="problem-message">{issue.message}</span>
            {after?.(issue)}
          </li>
        );
      })}
    </ul>
  );
}
