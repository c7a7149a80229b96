import type { Plan } from "../draft/draft-api.ts";
import { useWords } from "../i18n/words.ts";

/** The migration a publish or rollback runs, data-losing steps flagged, rows it cannot carry counted. */
export function PlanSteps({ plan }: { plan: Plan }) {
  const { w } = useWords();
  const { steps } = plan.plan;
  return (
    <section aria-labelledby="plan-steps-title" className="plan-steps">
      <h3 id="plan-steps-title">{w("migrationSteps")}</h3>
      {steps.length === 0 ? (
        <p className="note">{w("noSteps")}</p>
      ) : (
        <ol data-testid="plan-steps">
          {steps.map((step, i) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: a plan's steps are in a fixed order
              key={i}
              className={step.safety === "data-losing" ? "data-losing" : undefined}
            >
              <code>{step.description}</code>
              {step.safety === "data-losing" && (
                <strong className="loss-tag">{w("deletesData")}</strong>
              )}
            </li>
          ))}
        </ol>
      )}
      {plan.checks
        .filter((check) => check.count > 0)
        .map((check) => (
          <p key={check.stepNo} className="banner warn">
            {w("rowCheck", { count: check.count, description: check.description })}
          </p>
        ))}
    </section>
  );
}
