import type { JsonLogic } from "@loom/engine";
import { useEffect, useId, useState } from "react";
import { useWords } from "../i18n/words.ts";

const shown = (value: JsonLogic | undefined) => (value === undefined ? "" : JSON.stringify(value));

/**
 * A json-logic expression as JSON text: applied to the draft whenever it parses (the engine then
 * checks it like the rest), kept here while it does not; empty removes it.
 */
export function ExpressionInput({
  label,
  value,
  onChange,
  invalid,
  disabled = false,
}: {
  label: string;
  value: JsonLogic | undefined;
  onChange(value: JsonLogic | undefined): void;
  invalid: object;
  disabled?: boolean;
}) {
  const { w } = useWords();
  const id = useId();
  const [text, setText] = useState(() => shown(value));
  const [syntax, setSyntax] = useState<string | null>(null);
  // the value changed elsewhere (a reload, a discard): show it, unless it is what is typed here
  useEffect(() => {
    setText((typed) => (sameExpression(typed, value) ? typed : shown(value)));
  }, [value]);
  const change = (next: string) => {
    setText(next);
    if (next.trim() === "") {
      setSyntax(null);
      return onChange(undefined);
    }
    try {
      const parsed = JSON.parse(next) as JsonLogic;
      setSyntax(null);
      onChange(parsed);
    } catch (error) {
      setSyntax((error as Error).message);
    }
  };
  return (
    <div className="expression">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        className="input code"
        rows={2}
        spellCheck={false}
        value={text}
        disabled={disabled}
        placeholder='{"==": [{"var": "status"}, "rejected"]}'
        onChange={(event) => change(event.target.value)}
        aria-describedby={syntax ? `${id}-syntax` : undefined}
        {...(syntax ? { "aria-invalid": true } : invalid)}
      />
      {syntax && (
        <p id={`${id}-syntax`} className="field-error">
          {w("notJson", { message: syntax })}
        </p>
      )}
    </div>
  );
}

function sameExpression(text: string, value: JsonLogic | undefined): boolean {
  try {
    return text.trim() === "" ? value === undefined : shown(JSON.parse(text)) === shown(value);
  } catch {
    return false;
  }
}
