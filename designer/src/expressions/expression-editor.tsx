import type { JsonLogic } from "@loom/engine";
import { lazy, Suspense, useEffect, useId, useRef, useState } from "react";
import { useDraft } from "../draft/draft-context.tsx";
import { ConditionBuilder } from "./condition-builder.tsx";
import { type Conditions, isComplete, readConditions, writeConditions } from "./conditions.ts";
import { checkInScope, type ExpressionScope, expressionModel } from "./expression-model.ts";
import { expressionText, parseExpression, sameExpression } from "./expression-text.ts";
import { useExpressionWords } from "./expression-words.ts";
import { choiceAt } from "./field-choices.ts";
import "./expressions.css";

// monaco comes with the raw editor only: a page loads it when an expression is edited as JSON
const RawExpressionEditor = lazy(() => import("./raw-expression-editor.tsx"));

export interface ExpressionEditorProps {
  readonly label: string;
  readonly value: JsonLogic | undefined;
  /** the new expression, once it is JSON (undefined: none); not called while it stays the same */
  onChange(value: JsonLogic | undefined): void;
  /** the entity whose record the expression reads; none: only the JSON itself is checked */
  readonly entity: string | undefined;
  /** names besides `$user` it may read: `$requester` in workflows */
  readonly variables?: readonly string[];
  /** a condition (the builder is offered) or a value such as a computed field's (JSON only) */
  readonly kind?: "condition" | "value";
  /** problems the draft's check found here; those the editor's own check repeats are not shown twice */
  readonly errors?: readonly string[];
  /** the draft's check found a problem here that `errors` does not list (it is shown elsewhere) */
  readonly invalid?: boolean;
  readonly help?: string;
  readonly readOnly?: boolean;
}

type Mode = "builder" | "json";

/**
 * A json-logic expression, edited with the condition builder (field, operator, value rows) or as
 * JSON in monaco, and checked by the engine as it changes: its problems are listed under the
 * editor. The builder shows what it can represent; anything else opens as JSON, and the builder
 * then says so instead of losing it.
 */
export function ExpressionEditor({
  label,
  value,
  onChange,
  entity,
  variables = [],
  kind = "condition",
  errors = [],
  invalid = false,
  help,
  readOnly = false,
}: ExpressionEditorProps) {
  const { w } = useExpressionWords();
  const { ctx } = useDraft();
  const id = useId();
  const model = expressionModel(ctx);
  const scope: ExpressionScope | undefined =
    entity !== undefined && model.entities.has(entity) ? { model, entity, variables } : undefined;
  const typeOf = (path: string) => (scope ? choiceAt(scope, path)?.field.type : undefined);
  const [conditions, setConditions] = useState<Conditions | undefined>(() =>
    readConditions(value, typeOf),
  );
  const [mode, setMode] = useState<Mode>(() =>
    kind === "condition" && conditions ? "builder" : "json",
  );
  const [text, setTextState] = useState(() => expressionText(value));
  // the text as typed, ahead of the render that shows it
  const latest = useRef(text);
  const setText = (next: string) => {
    latest.current = next;
    setTextState(next);
  };
  const [syntax, setSyntax] = useState<string | null>(null);
  // what this editor holds: a change of `value` from elsewhere (a reload, the JSON view) replaces it
  const held = useRef(value);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new value is read again
  useEffect(() => {
    if (sameExpression(value, held.current)) return;
    held.current = value;
    setConditions(readConditions(value, typeOf));
    setText(expressionText(value));
    setSyntax(null);
  }, [value]);

  const give = (next: JsonLogic | undefined) => {
    held.current = next;
    if (!sameExpression(next, value)) onChange(next);
  };
  const build = (next: Conditions) => {
    setConditions(next);
    const expr = writeConditions(next, typeOf);
    setText(expressionText(expr));
    setSyntax(null);
    give(expr);
  };
  const type = (next: string) => {
    setText(next);
    const parsed = parseExpression(next);
    if (!parsed.ok) return setSyntax(parsed.message);
    setSyntax(null);
    setConditions(readConditions(parsed.value, typeOf));
    give(parsed.value);
  };

  const issues = scope && value !== undefined && !syntax ? checkInScope(value, scope) : [];
  const own = issues.map((issue) => issue.message);
  const messages = [
    ...(syntax ? [w("notJson", { message: syntax })] : []),
    ...own,
    ...errors.filter((error) => !own.some((message) => error.endsWith(message))),
  ];
  const incomplete = mode === "builder" && conditions?.rows.some((row) => !isComplete(row));
  const errorsId = `${id}-errors`;
  return (
    <fieldset
      className={`expression-editor${messages.length > 0 || invalid ? " has-error" : ""}`}
      aria-describedby={messages.length > 0 ? errorsId : undefined}
    >
      <legend className="expression-label">{label}</legend>
      {kind === "condition" && (
        <div className="mode-switch">
          {(["builder", "json"] as const).map((option) => (
            <button
              key={option}
              type="button"
              className="mode-button"
              aria-pressed={mode === option}
              onClick={() => setMode(option)}
            >
              {w(option === "builder" ? "modeBuilder" : "modeJson")}
            </button>
          ))}
        </div>
      )}
      {mode === "builder" ? (
        !scope ? (
          <p className="hint">{w("noEntity")}</p>
        ) : conditions ? (
          <>
            <ConditionBuilder
              conditions={conditions}
              scope={scope}
              readOnly={readOnly}
              onChange={build}
            />
            {incomplete && <p className="hint">{w("needsValue")}</p>}
            {value !== undefined && (
              <p className="expression-json">
                <span>{w("asJson")}</span> <code>{expressionText(value)}</code>
              </p>
            )}
          </>
        ) : (
          <p className="hint">
            {w("notBuildable")}{" "}
            <button type="button" className="link-button" onClick={() => setMode("json")}>
              {w("editAsJson")}
            </button>
          </p>
        )
      ) : (
        <Suspense fallback={<p className="loading">{w("loadingEditor")}</p>}>
          <RawExpressionEditor
            text={text}
            latest={() => latest.current}
            onText={type}
            label={label}
            readOnly={readOnly}
            scope={scope}
            issues={syntax ? [] : issues}
            describedBy={messages.length > 0 ? errorsId : undefined}
          />
        </Suspense>
      )}
      {help && <p className="hint">{help}</p>}
      {messages.length > 0 && (
        <ul className="field-errors expression-errors" id={errorsId}>
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
