import type { Issue, Labels } from "@loom/engine";
import { type ReactNode, useEffect, useId, useState } from "react";
import { useWorkflowWords } from "./workflow-words.ts";

/** The messages of the issues pointing at `pointer` or inside it. */
export function messagesAt(issues: readonly Issue[], pointer: string): string[] {
  return issues
    .filter((i) => i.path === pointer || (i.path ?? "").startsWith(`${pointer}/`))
    .map((i) => i.message);
}

function Errors({ id, messages }: { id: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul className="field-errors" id={id}>
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

interface FieldProps {
  readonly label: string;
  readonly errors?: readonly string[];
  readonly help?: string;
  readonly readOnly?: boolean;
}

function Frame({
  label,
  errors = [],
  help,
  id,
  children,
}: FieldProps & { id: string; children: ReactNode }) {
  return (
    <div className={`field${errors.length > 0 ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {help && <p className="help">{help}</p>}
      <Errors id={`${id}-errors`} messages={errors} />
    </div>
  );
}

/** A text input written on every keystroke (labels, messages). */
export function TextField({
  value,
  onChange,
  list,
  ...field
}: FieldProps & {
  value: string;
  onChange(next: string): void;
  list?: readonly string[];
}) {
  const id = useId();
  return (
    <Frame {...field} id={id}>
      <input
        id={id}
        value={value}
        readOnly={field.readOnly}
        list={list ? `${id}-list` : undefined}
        aria-invalid={(field.errors?.length ?? 0) > 0 || undefined}
        aria-describedby={field.errors?.length ? `${id}-errors` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {list && (
        <datalist id={`${id}-list`}>
          {list.map((item) => (
            <option key={item} value={item} />
          ))}
        </datalist>
      )}
    </Frame>
  );
}

/**
 * A text input written when the consultant leaves it or presses Enter: for ids and names, which
 * other parts of the file refer to, so no half-typed name is ever written.
 */
export function CommitField({
  value,
  onCommit,
  list,
  ...field
}: FieldProps & {
  value: string;
  onCommit(next: string): void;
  list?: readonly string[];
}) {
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => {
    if (text !== value) onCommit(text.trim());
  };
  return (
    <Frame {...field} id={id}>
      <input
        id={id}
        value={text}
        readOnly={field.readOnly}
        list={list ? `${id}-list` : undefined}
        aria-invalid={(field.errors?.length ?? 0) > 0 || undefined}
        aria-describedby={field.errors?.length ? `${id}-errors` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
          if (e.key === "Escape") setText(value);
        }}
      />
      {list && (
        <datalist id={`${id}-list`}>
          {list.map((item) => (
            <option key={item} value={item} />
          ))}
        </datalist>
      )}
    </Frame>
  );
}

export function CheckField({
  label,
  checked,
  onChange,
  readOnly,
  errors = [],
}: FieldProps & { checked: boolean; onChange(next: boolean): void }) {
  const id = useId();
  return (
    <div className={`field${errors.length > 0 ? " has-error" : ""}`}>
      <div className="checkbox">
        <label htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            checked={checked}
            disabled={readOnly}
            onChange={(e) => onChange(e.target.checked)}
          />
          {label}
        </label>
      </div>
      <Errors id={`${id}-errors`} messages={errors} />
    </div>
  );
}

export function SelectField({
  value,
  options,
  onChange,
  ...field
}: FieldProps & {
  value: string;
  options: readonly { readonly value: string; readonly label: string }[];
  onChange(next: string): void;
}) {
  const id = useId();
  const known = options.some((o) => o.value === value);
  return (
    <Frame {...field} id={id}>
      <select
        id={id}
        value={value}
        disabled={field.readOnly}
        aria-invalid={(field.errors?.length ?? 0) > 0 || undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {!known && <option value={value}>{value}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/**
 * JSON (a json-logic expression, an object of them) in a text area, checked as it is typed: valid
 * JSON is written at once and the engine's issues of it come back under the field; text that is
 * not JSON stays here, with why, until it is. Empty removes the value.
 */
export function JsonField({
  value,
  onCommit,
  ...field
}: FieldProps & { value: unknown; onCommit(next: unknown): void }) {
  const { w } = useWorkflowWords();
  const id = useId();
  const shown = value === undefined ? "" : JSON.stringify(value);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  // a change from elsewhere (another field, the JSON view) replaces what is shown
  useEffect(() => {
    setText((current) => (sameJson(current, value) ? current : shown));
    setError(null);
  }, [shown, value]);
  const change = (next: string) => {
    setText(next);
    if (next.trim() === "") {
      setError(null);
      onCommit(undefined);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(next);
      setError(null);
      if (!sameJson(shown, parsed)) onCommit(parsed);
    } catch (e) {
      setError(w("badJson", { message: (e as Error).message }));
    }
  };
  const errors = [...(error ? [error] : []), ...(field.errors ?? [])];
  return (
    <Frame {...field} errors={errors} id={id}>
      <textarea
        id={id}
        className="code"
        spellCheck={false}
        value={text}
        readOnly={field.readOnly}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errors.length ? `${id}-errors` : undefined}
        onChange={(e) => change(e.target.value)}
      />
    </Frame>
  );
}

function sameJson(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return text.trim() === "" && value === undefined;
  }
}

/** A label (or message) in English and Chinese. */
export function LabelsFields({
  labels,
  onChange,
  enLabel,
  zhLabel,
  errors = [],
  readOnly,
}: {
  labels: Labels | undefined;
  onChange(language: "en" | "zh-CN", text: string): void;
  enLabel: string;
  zhLabel: string;
  errors?: readonly string[];
  readOnly?: boolean;
}) {
  return (
    <div className="wf-pair">
      <TextField
        label={enLabel}
        value={labels?.en ?? ""}
        errors={errors}
        readOnly={readOnly}
        onChange={(text) => onChange("en", text)}
      />
      <TextField
        label={zhLabel}
        value={labels?.["zh-CN"] ?? ""}
        readOnly={readOnly}
        onChange={(text) => onChange("zh-CN", text)}
      />
    </div>
  );
}
