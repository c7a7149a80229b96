import { navigate } from "@loom/app/router";
import { type FormEvent, useState } from "react";
import { useWords } from "../i18n/words.ts";
import { designerPaths } from "../shell/routes.ts";
import { refusalText } from "./refusal-text.ts";
import { useAddEntity } from "./use-field-edits.ts";

/** A new entity of the draft's package: its name and labels; it opens once made. */
export function NewEntityForm({ onDone }: { onDone(): void }) {
  const { w } = useWords();
  const addEntity = useAddEntity();
  const [name, setName] = useState("");
  const [en, setEn] = useState("");
  const [zh, setZh] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = addEntity(name, { en, ...(zh !== "" && { "zh-CN": zh }) });
    if (!result.ok) return setError(refusalText(w, result.refusal, { package: "" }));
    onDone();
    navigate(designerPaths.entities(name));
  };
  return (
    <form className="new-entity" onSubmit={submit} aria-label={w("newEntity")}>
      <label htmlFor="new-entity-name">{w("entityName")}</label>
      <input
        id="new-entity-name"
        className="input"
        required
        pattern="[a-z][a-z0-9_]*"
        maxLength={50}
        value={name}
        onChange={(event) => setName(event.target.value)}
        aria-describedby="new-entity-name-help"
      />
      <p id="new-entity-name-help" className="hint">
        {w("fieldNameHelp")}
      </p>
      <label htmlFor="new-entity-en">{w("labelEn")}</label>
      <input
        id="new-entity-en"
        className="input"
        required
        value={en}
        onChange={(event) => setEn(event.target.value)}
      />
      <label htmlFor="new-entity-zh">{w("labelZh")}</label>
      <input
        id="new-entity-zh"
        className="input"
        value={zh}
        onChange={(event) => setZh(event.target.value)}
      />
      {error && (
        <p role="alert" className="error-box">
          {error}
        </p>
      )}
      <div className="buttons">
        <button type="submit" className="button primary small">
          {w("create")}
        </button>
        <button type="button" className="button small" onClick={onDone}>
          {w("cancel")}
        </button>
      </div>
    </form>
  );
}
