import { usePackageWords } from "../i18n/package-words.ts";

/** How far an apply is: steps done of all, the step running now (null: none yet), and the end. */
export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly current: string | null;
  /** every step the server said it started, in order: after a failure, the last one failed */
  readonly ran: readonly string[];
  readonly finished: boolean;
}

/**
 * A progress bar of the migration's steps and the step running, in words: screen readers hear
 * each step as it starts (a polite live region), not every repaint of the bar. A plan without
 * steps (reference data, parameters) counts as one. The steps run so far stay listed: a fast apply
 * passes them quicker than the eye.
 */
export function ApplyProgress({ progress }: { progress: Progress }) {
  const { w } = usePackageWords();
  const { total, current, ran, finished } = progress;
  const max = Math.max(total, 1);
  const done = finished ? max : progress.done;
  const text = finished
    ? w("progressDone", { total })
    : current === null
      ? w("progressStarting")
      : w("progressStep", { n: progress.done + 1, total, step: current });
  return (
    <div className="apply-progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={w("progressLabel")}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={done}
        aria-valuetext={text}
      >
        <div className="progress-bar" style={{ width: `${Math.round((done / max) * 100)}%` }} />
      </div>
      <p aria-live="polite" className="progress-text" data-testid="progress-text">
        {text}
      </p>
      {ran.length > 0 && (
        <details className="steps-run">
          <summary>{w("stepsRun", { count: ran.length })}</summary>
          <ol data-testid="steps-run">
            {ran.map((step, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the steps come in their plan's order
              <li key={i}>
                <code>{step}</code>
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
