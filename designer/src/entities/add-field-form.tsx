import { useLanguage } from "@loom/app/i18n";
import type { FieldDef, FieldType } from "@loom/engine";
import { type FormEvent, useMemo, useRef, useState } from "react";
import { useDraft } from "../draft/draft-context.tsx";
import { entityCatalog } from "../draft/entity-catalog.ts";
import { FIELD_TYPES, useWords } from "../i18n/words.ts";
import type { FieldEdits } from "./use-field-edits.ts";

/** A new field at the end of the entity: name, type, labels (and the target of a link). */
export function AddFieldForm({ edits }: { edits: FieldEdits }) {
  const { ctx } = useDraft();
  const { w, typeName } = useWords();
  const { label } = useLanguage();
  const [name, setName] = useState("");
  const [type, setType] = useState<FieldType>("text");
  const [en, setEn] = useState("");
  const [zh, setZh] = useState("");
  const [target, setTarget] = useState("");
  const nameInput = useRef<HTMLInputElement>(null);
  const targets = useMemo(() => entityCatalog(ctx), [ctx]);
  const linked = type === "link" || type === "table";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const field: FieldDef = {
      name,
      type,
      labels: { en, ...(zh !== "" && { "zh-CN": zh }) },
      ...(linked && { target }),
    };
    if (!edits.add(field)) return;
    setName("");
    setEn("");
    setZh("");
    nameInput.current?.focus();
  };
  return (
    <form className="add-field" onSubmit={submit} aria-labelledby="add-field-title">
      <h2 id="add-field-title">{w("addField")}</h2>
      <div className="add-field-inputs">
        <label>
          {w("fieldName")}
          <input
            ref={nameInput}
            className="input code"
            name="name"
            required
            pattern="[a-z][a-z0-9_]*"
            maxLength={50}
            spellCheck={false}
            title={w("fieldNameHelp")}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <label>
          {w("colType")}
          <select
            name="type"
            value={type}
            onChange={(event) => setType(event.target.value as FieldType)}
          >
            {FIELD_TYPES.map((each) => (
              <option key={each} value={each}>
                {typeName(each)}
              </option>
            ))}
          </select>
        </label>
        {linked && (
          <label>
            {w("linkTarget")}
            <select
              name="target"
              required
              value={target}
              onChange={(event) => setTarget(event.target.value)}
            >
              <option value="">{w("pickTarget")}</option>
              {targets.map((each) => (
                <option key={each.name} value={each.name}>
                  {label(each.labels, each.name)} ({each.name})
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {w("labelEn")}
          <input
            className="input"
            name="label-en"
            required
            value={en}
            onChange={(event) => setEn(event.target.value)}
          />
        </label>
        <label>
          {w("labelZh")}
          <input
            className="input"
            name="label-zh"
            lang="zh-CN"
            value={zh}
            onChange={(event) => setZh(event.target.value)}
          />
        </label>
        <button type="submit" className="button primary">
          + {w("addField")}
        </button>
      </div>
    </form>
  );
}
