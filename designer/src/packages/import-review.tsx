import { useLanguage } from "@loom/app/i18n";
import { useEffect, useId, useRef, useState } from "react";
import { type PackageTranslate, usePackageWords } from "../i18n/package-words.ts";
import { ChangedFiles } from "../publish/changed-files.tsx";
import { DataLossConfirm } from "../publish/data-loss-confirm.tsx";
import { ErrorBox } from "../publish/error-box.tsx";
import { PlanSteps } from "../publish/plan-steps.tsx";
import { ProblemList } from "../shell/problem-list.tsx";
import { ApplyProgress, type Progress } from "./apply-progress.tsx";
import {
  type Applied,
  applyPlan,
  type ImportPreview,
  type PackageChange,
  type ParameterInput,
  previewAgain,
  type ReviewSource,
} from "./packages-api.ts";
import { ParameterTable } from "./parameter-table.tsx";
import { ReferenceDataTable } from "./reference-data-table.tsx";

/** A preview to review: of an uploaded archive, or of a package's rollback. */
export interface Review {
  readonly source: ReviewSource;
  readonly preview: ImportPreview;
}

type Phase =
  | { readonly kind: "review" }
  | { readonly kind: "applying"; readonly progress: Progress }
  | { readonly kind: "applied"; readonly applied: Applied; readonly progress: Progress }
  /** `progress`: how far the apply came before it was undone (null: a preview failed) */
  | { readonly kind: "failed"; readonly error: Error; readonly progress: Progress | null };

/**
 * The preview read as a review, then applied: per package its version change and files, the
 * migration (data-losing steps flagged, and confirmed before Apply enables), row checks,
 * reference data, parameters (missing ones typed here, then previewed again), conflicts with
 * their resolution, problems. Apply runs exactly the plan previewed, showing its steps as they run.
 */
export function ImportReview({
  review,
  onApplied,
  onClose,
}: {
  review: Review;
  onApplied(applied: Applied): void;
  onClose(): void;
}) {
  const { w } = usePackageWords();
  const { language } = useLanguage();
  const { source } = review;
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [preview, setPreview] = useState(review.preview);
  // the values typed for parameters, and those the preview shown was made with
  const [inputs, setInputs] = useState<Record<string, string>>({});
  const [previewedWith, setPreviewedWith] = useState<ParameterInput>({});
  const [confirmed, setConfirmed] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: "review" });

  // a new preview takes the focus: the keyboard and screen readers start reading it at its top
  useEffect(() => heading.current?.focus(), []);

  const typed = Object.fromEntries(Object.entries(inputs).filter(([, value]) => value !== ""));
  const stale = !sameValues(typed, previewedWith);
  const losing = preview.plan?.dataLosing === true;
  const running = phase.kind === "applying" || previewing;
  const why = reasonNotToApply(w, preview, { stale, losing, confirmed });
  const canApply = why === null && !running && phase.kind !== "applied";
  // values are typed for an upload only (a rollback takes none), and until it is applied
  const editable = (name: string, missing: boolean) =>
    source.kind === "upload" &&
    phase.kind !== "applied" &&
    (missing || preview.parameters.given.includes(name) || name in inputs);

  const repreview = async () => {
    if (running) return;
    setPreviewing(true);
    try {
      const next = await previewAgain(source, typed);
      setPreview(next);
      setPreviewedWith(typed);
      setConfirmed(false);
      setPhase({ kind: "review" });
    } catch (error) {
      setPhase({ kind: "failed", error: error as Error, progress: null });
    } finally {
      setPreviewing(false);
    }
  };
  const apply = async () => {
    if (!canApply) return;
    let progress: Progress = {
      done: 0,
      total: preview.plan?.steps.length ?? 0,
      current: null,
      ran: [],
      finished: false,
    };
    setPhase({ kind: "applying", progress });
    try {
      const applied = await applyPlan(source, preview.planId, previewedWith, language, (step) => {
        progress = {
          ...progress,
          done: step.index,
          total: step.total,
          current: step.description,
          ran: [...progress.ran, step.description],
        };
        setPhase({ kind: "applying", progress });
      });
      setPhase({ kind: "applied", applied, progress: { ...progress, finished: true } });
      onApplied(applied);
    } catch (error) {
      setPhase({ kind: "failed", error: error as Error, progress });
    }
  };

  // packages a rollback reinstalls as they are: named in a line, not a section each
  const changed = preview.packages.filter((pkg) => pkg.change !== "unchanged" || preview.unchanged);
  const unchanged = preview.packages.filter((pkg) => !changed.includes(pkg));
  const title =
    source.kind === "upload"
      ? w("reviewImport", { file: source.fileName })
      : w("reviewRollback", { package: source.name });
  return (
    <section className="import-review" aria-labelledby={`${id}-title`} data-testid="import-review">
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p className="review-meta">
        {w("planIdOf", { planId: preview.planId })}
        {preview.currentRevision !== null &&
          ` · ${w("againstRevision", { revision: preview.currentRevision })}`}
      </p>
      <p
        role="status"
        className={`banner ${preview.blocked ? "warn" : "info"}`}
        data-testid="review-summary"
      >
        {summaryOf(w, preview)}
      </p>

      <section aria-labelledby={`${id}-packages`}>
        <h3 id={`${id}-packages`}>{w("packagesChanged")}</h3>
        <div className="package-changes">
          {changed.map((change) => (
            <ChangedFiles
              key={change.name}
              title={packageTitle(w, change)}
              changes={change.files}
            />
          ))}
        </div>
        {unchanged.length > 0 && (
          <p className="note">
            {w("packagesUnchanged", {
              packages: unchanged.map((pkg) => `${pkg.name} ${pkg.to}`).join(", "),
            })}
          </p>
        )}
      </section>

      {preview.plan ? (
        <PlanSteps plan={{ ...preview, plan: preview.plan }} />
      ) : (
        <p className="note">{w("noPlan")}</p>
      )}
      <ReferenceDataTable changes={preview.referenceData} />

      {preview.parameters.statuses.length > 0 && (
        <section aria-labelledby={`${id}-parameters`}>
          <h3 id={`${id}-parameters`}>{w("parametersAfter")}</h3>
          {preview.parameters.missing.length > 0 && (
            <p className="hint">
              {w(source.kind === "upload" ? "fillMissing" : "setMissingAbove")}
            </p>
          )}
          <ParameterTable
            parameters={preview.parameters.statuses}
            inputs={inputs}
            editable={(p) => editable(p.name, preview.parameters.missing.includes(p.name))}
            onInput={(name, value) => setInputs((before) => ({ ...before, [name]: value }))}
          />
        </section>
      )}

      {preview.conflicts.length > 0 && (
        <section aria-labelledby={`${id}-conflicts`} data-testid="conflicts">
          <h3 id={`${id}-conflicts`}>{w("conflictsTitle", { count: preview.conflicts.length })}</h3>
          <ProblemList
            issues={preview.conflicts}
            withPackage
            after={(conflict) => (
              <span className="resolution">
                <strong>{w("resolution")}</strong> {conflict.resolution}
              </span>
            )}
          />
        </section>
      )}
      {preview.problems.length > 0 && (
        <section aria-labelledby={`${id}-problems`} data-testid="import-problems">
          <h3 id={`${id}-problems`}>{w("problemsTitle", { count: preview.problems.length })}</h3>
          <ProblemList issues={preview.problems} withPackage />
        </section>
      )}

      {losing && phase.kind !== "applied" && (
        <DataLossConfirm
          warning={w("importDataLoss")}
          confirmed={confirmed}
          onChange={setConfirmed}
        />
      )}
      {phase.kind !== "review" && phase.progress && <ApplyProgress progress={phase.progress} />}
      {phase.kind === "failed" && (
        <ErrorBox error={phase.error} text={w("notApplied", { message: phase.error.message })} />
      )}
      {phase.kind === "applied" && (
        <p className="notice applied" data-testid="apply-result">
          {resultText(w, source, phase.applied)}
        </p>
      )}

      <div className="buttons review-buttons">
        {phase.kind !== "applied" && (
          <button
            type="button"
            className="button primary"
            aria-disabled={!canApply}
            aria-describedby={why === null ? undefined : `${id}-why`}
            onClick={() => void apply()}
          >
            {phase.kind === "applying"
              ? w(source.kind === "upload" ? "applying" : "rollingBack")
              : w(source.kind === "upload" ? "apply" : "rollBackNow")}
          </button>
        )}
        {phase.kind !== "applied" && (
          <button
            type="button"
            className="button"
            aria-disabled={running}
            onClick={() => void repreview()}
          >
            {previewing ? w("previewing") : w("previewAgain")}
          </button>
        )}
        <button
          type="button"
          className="button"
          aria-disabled={phase.kind === "applying"}
          onClick={() => phase.kind !== "applying" && onClose()}
        >
          {phase.kind === "applied" ? w("close") : w("cancel")}
        </button>
        {why !== null && phase.kind !== "applied" && (
          <span id={`${id}-why`} className="why-not">
            {why}
          </span>
        )}
      </div>
    </section>
  );
}

/** Why Apply cannot run yet, in words; null when it can. */
function reasonNotToApply(
  w: PackageTranslate,
  preview: ImportPreview,
  state: { stale: boolean; losing: boolean; confirmed: boolean },
): string | null {
  if (state.stale) return w("previewFirst");
  if (preview.blocked) return w("blockedWhy");
  if (preview.unchanged) return w("nothingToDo");
  if (state.losing && !state.confirmed) return w("confirmFirst");
  return null;
}

/** The preview in a sentence: what blocks it, or that there is nothing to do, or that it is ready. */
function summaryOf(w: PackageTranslate, preview: ImportPreview): string {
  if (preview.blocked) {
    const reasons = [
      preview.conflicts.length > 0 && w("countConflicts", { count: preview.conflicts.length }),
      preview.problems.length > 0 && w("countProblems", { count: preview.problems.length }),
      preview.parameters.missing.length > 0 &&
        w("countMissing", { names: preview.parameters.missing.join(", ") }),
    ].filter((reason): reason is string => typeof reason === "string");
    return w("blocked", { reasons: reasons.join(w("listSeparator")) });
  }
  if (preview.unchanged) return w("nothingToDo");
  return w("readyToApply", { steps: preview.plan?.steps.length ?? 0 });
}

const CHANGE_WORDS = {
  install: "changeInstall",
  upgrade: "changeUpgrade",
  downgrade: "changeDowngrade",
  reinstall: "changeReinstall",
  unchanged: "changeUnchanged",
  remove: "changeRemove",
} as const;

function packageTitle(w: PackageTranslate, change: PackageChange): string {
  return w("packageChange", {
    package: change.name,
    from: change.from ?? "—",
    to: change.to ?? "—",
    change: w(CHANGE_WORDS[change.change]),
  });
}

function resultText(w: PackageTranslate, source: ReviewSource, applied: Applied): string {
  if (applied.status === "unchanged") return w("resultUnchanged");
  if (applied.status === "parameters-set") return w("resultParametersSet");
  const revision = applied.revision?.id ?? "?";
  return w(source.kind === "upload" ? "resultApplied" : "resultRolledBack", { revision });
}

function sameValues(a: ParameterInput, b: ParameterInput): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
