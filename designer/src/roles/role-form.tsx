import { useLanguage } from "@loom/app/i18n";
import { navigate } from "@loom/app/router";
import { type FormEvent, useId, useState } from "react";
import { useWords } from "../i18n/words.ts";
import { designerPaths } from "../shell/routes.ts";
import type { RoleEntry } from "./role-catalog.ts";
import { roleRefusalText } from "./role-refusal-text.ts";
import { useAddRole } from "./use-role-edits.ts";

/**
 * A new role of the draft's package, `roles/<name>.json`: empty, or a copy of `from` (its grants,
 * flags and description) under a new name and labels. It opens once made.
 */
export function RoleForm({ from, onDone }: { from?: RoleEntry; onDone(): void }) {
  const { w } = useWords();
  const { label } = useLanguage();
  const addRole = useAddRole();
  const id = useId();
  const [name, setName] = useState(from ? `${from.name}_copy` : "");
  const [en, setEn] = useState(from ? w("copyOf", { label: from.labels?.en ?? from.name }) : "");
  const [zh, setZh] = useState("");
  const [error, setError] = useState<string | null>(null);
  const title = from ? w("copyRoleTitle", { role: label(from.labels, from.name) }) : w("newRole");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const labels = { en, ...(zh !== "" && { "zh-CN": zh }) };
    const result = addRole(name, labels, from?.name);
    if (!result.ok) return setError(roleRefusalText(w, result.refusal));
    onDone();
    navigate(designerPaths.roles(name));
  };
  return (
    <form className="new-entity role-form" onSubmit={submit} aria-label={title}>
      {from && <h2>{title}</h2>}
      <label htmlFor={`${id}-name`}>{w("roleName")}</label>
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
        {w("roleNameHelp")}
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
      {error && (
        <p role="alert" className="field-error">
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
