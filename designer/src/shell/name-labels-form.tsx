import type { Labels } from "@loom/engine";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { useWords } from "../i18n/words.ts";

export interface NameLabelsFormProps {
  /** the form's accessible name (and heading, when `heading` is set) */
  readonly title: string;
  readonly heading?: boolean;
  readonly className: string;
  readonly nameLabel: string;
  readonly nameHelp: string;
  readonly initial?: { readonly name: string; readonly en: string };
  /** makes the component; a refusal's text is shown in the form, null means done */
  readonly create: (name: string, labels: Labels) => string | null;
  readonly onDone: () => void;
  readonly children?: ReactNode;
}

/**
 * What a new component of the draft starts from: its name (a lower-case identifier) and its labels
 * in English and Chinese. One form for entities and roles, so both read and behave alike.
 */
export function NameLabelsForm(props: NameLabelsFormProps) {
  const { w } = useWords();
  const id = useId();
  const [name, setName] = useState(props.initial?.name ?? "");
  const [en, setEn] = useState(props.initial?.en ?? "");
  const [zh, setZh] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const refusal = props.create(name, { en, ...(zh !== "" && { "zh-CN": zh }) });
    if (refusal !== null) return setError(refusal);
    props.onDone();
  };
  return (
    <form className={props.className} onSubmit={submit} aria-label={props.title}>
      {props.heading && <h2>{props.title}</h2>}
      <label htmlFor={`${id}-name`}>{props.nameLabel}</label>
      <input
        id={`${id}-name`}
        className="input"
        required
        pattern="[a-z][a-z0-9_]*"
        maxLength={50}
        value={name}
        onChange={(event) => setName(event.target.value)}
        aria-describedby={`${id}-help`}
      />
      <p id={`${id}-help`} className="hint">
        {props.nameHelp}
      </p>
      <label htmlFor={`${id}-en`}>{w("labelEn")}</label>
      <input
        id={`${id}-en`}
        className="input"
        required
        value={en}
        onChange={(event) => setEn(event.target.value)}
      />
      <label htmlFor={`${id}-zh`}>{w("labelZh")}</label>
      <input
        id={`${id}-zh`}
        className="input"
        lang="zh-CN"
        value={zh}
        onChange={(event) => setZh(event.target.value)}
      />
      {props.children}
      {error && (
        <p role="alert" className="error-box">
          {error}
        </p>
      )}
      <div className="buttons">
        <button type="submit" className="button primary small">
          {w("create")}
        </button>
        <button type="button" className="button small" onClick={props.onDone}>
          {w("cancel")}
        </button>
      </div>
    </form>
  );
}
