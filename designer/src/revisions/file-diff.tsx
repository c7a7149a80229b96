import { useMemo } from "react";
import { useWords } from "../i18n/words.ts";
import { revisionDiff } from "./revision-diff.ts";

const MARK = { added: "+", removed: "−", same: " " } as const;

/** What changed inside one file: added lines green, removed red, unchanged stretches collapsed. */
export function FileDiff({ before, after }: { before: string | null; after: string | null }) {
  const { w } = useWords();
  const lines = useMemo(() => revisionDiff(before, after), [before, after]);
  return (
    <pre className="file-diff" data-testid="file-diff">
      {lines.map((line, index) =>
        line.kind === "skipped" ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines of a diff are only ever in this order
          <span key={index} className="diff-line skipped">
            {w("unchangedLines", { count: line.count })}
          </span>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines of a diff are only ever in this order
          <span key={index} className={`diff-line ${line.kind}`}>
            <span className="diff-mark" aria-hidden="true">
              {MARK[line.kind]}
            </span>
            {line.text}
          </span>
        ),
      )}
    </pre>
  );
}
