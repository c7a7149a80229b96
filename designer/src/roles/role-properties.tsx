import type { Issue, Labels } from "@loom/engine";
import { useId } from "react";
import { propertyOf } from "../draft/issues-at.ts";
import { useWords } from "../i18n/words.ts";
import type { RoleEntry } from "./role-catalog.ts";
import type { RoleEdits } from "./use-role-edits.ts";

/**
 * The role's labels and description in en and zh-CN, and its flags. `administrator` follows the
 * schema: any role may set it, a customization's too (only an administrator gives roles to
 * users, so defining one grants nobody anything); such a role holds no grants.
 */
export function RoleProperties({
  role,
  edits,
  issues,
}: {
  role: RoleEntry;
  edits: RoleEdits;
  issues: readonly Issue[];
}) {
  const { w } = useWords();
  const id = useId();
  const readOnly = !role.own;
  const wrong = new Set(issues.map((issue) => propertyOf(issue, "")));
  const invalid = (property: string) => (wrong.has(property) ? { "aria-invalid": true } : {});
  const setText = (property: "labels" | "description", language: keyof Labels, text: string) => {
    const labels: Partial<Labels> = { ...(role[property] ?? {}), [language]: text };
    if (text === "" && (property === "description" || language === "zh-CN"))
      delete labels[language];
    const empty = labels.en === undefined && labels["zh-CN"] === undefined;
    edits.setProperty(property, empty ? undefined : (labels as Labels));
  };
  const text = (property: "labels" | "description", language: keyof Labels, caption: string) => {
    const props = {
      id: `${id}-${property}-${language}`,
      className: "input",
      lang: language,
      readOnly,
      value: role[property]?.[language] ?? "",
      ...invalid(property),
    };
    return (
      <>
        <label htmlFor={props.id}>{caption}</label>
        {property === "description" ? (
          <textarea
            {...props}
            rows={2}
            onChange={(event) => setText(property, language, event.target.value)}
          />
        ) : (
          <input {...props} onChange={(event) => setText(property, language, event.target.value)} />
        )}
      </>
    );
  };
  const flag = (property: "designer" | "administrator", caption: string) => (
    <label className="role-flag">
      <input
        type="checkbox"
        checked={role[property]}
        disabled={readOnly}
        onChange={(event) => edits.setProperty(property, event.target.checked || undefined)}
        {...invalid(property)}
      />{" "}
      {caption}
    </label>
  );
  return (
    <fieldset className="details role-properties">
      <div className="details-grid">
        {text("labels", "en", w("labelEn"))}
        {text("labels", "zh-CN", w("labelZh"))}
        {text("description", "en", w("descriptionEn"))}
        {text("description", "zh-CN", w("descriptionZh"))}
      </div>
      <div className="role-flags">
        {flag("designer", w("designerFlag"))}
        {flag("administrator", w("administratorFlag"))}
      </div>
      <p className="hint">{w("administratorHelp")}</p>
    </fieldset>
  );
}
