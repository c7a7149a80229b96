import { useLanguage } from "@loom/app/i18n";
import type { FieldDef, Labels } from "@loom/engine";
import { useId, useMemo } from "react";
import { useDraft } from "../draft/draft-context.tsx";
import { type EntityEntry, entityCatalog } from "../draft/entity-catalog.ts";
import type { FieldRow } from "../draft/field-rows.ts";
import { useWords } from "../i18n/words.ts";
import { DefaultInput } from "./default-input.tsx";
import { ExpressionInput } from "./expression-input.tsx";
import { OptionsEditor } from "./options-editor.tsx";
import type { FieldEdits } from "./use-field-edits.ts";

const EXPRESSIONS = ["computed", "visibleIf", "requiredIf"] as const;

/** What a field has beyond its row: help, default, options, link target, expressions. */
export function FieldDetails({
  entity,
  row,
  edits,
  invalid,
}: {
  entity: EntityEntry;
  row: FieldRow;
  edits: FieldEdits;
  invalid(property: string): object;
}) {
  const { ctx } = useDraft();
  const { w } = useWords();
  const { label } = useLanguage();
  const id = useId();
  const { field } = row;
  const own = row.origin === "own";
  const update = (patch: Partial<FieldDef>) => edits.update(field.name, patch);
  const targets = useMemo(() => entityCatalog(ctx), [ctx]);
  const setHelp = (language: keyof Labels, text: string) => {
    const help: Partial<Labels> = { ...field.help, [language]: text };
    if (text === "") delete help[language];
    update({
      help: help.en === undefined && help["zh-CN"] === undefined ? undefined : (help as Labels),
    });
  };
  return (
    <fieldset className="details" aria-label={w("detailsOf", { field: field.name })}>
      <div className="details-grid">
        <label htmlFor={`${id}-help-en`}>{w("helpEn")}</label>
        <input
          id={`${id}-help-en`}
          className="input"
          value={field.help?.en ?? ""}
          onChange={(event) => setHelp("en", event.target.value)}
          {...invalid("help")}
        />
        <label htmlFor={`${id}-help-zh`}>{w("helpZh")}</label>
        <input
          id={`${id}-help-zh`}
          className="input"
          lang="zh-CN"
          value={field.help?.["zh-CN"] ?? ""}
          onChange={(event) => setHelp("zh-CN", event.target.value)}
          {...invalid("help")}
        />
        {field.type !== "table" && field.type !== "link" && (
          <DefaultInput
            field={field}
            onChange={(value) => update({ default: value })}
            invalid={invalid("default")}
          />
        )}
        {(field.type === "link" || field.type === "table") && (
          <>
            <label htmlFor={`${id}-target`}>{w("linkTarget")}</label>
            <select
              id={`${id}-target`}
              value={field.target ?? ""}
              disabled={!own}
              title={own ? undefined : w("fixedByBase", { package: row.package })}
              onChange={(event) => update({ target: event.target.value || undefined })}
              {...invalid("target")}
            >
              <option value="">{w("pickTarget")}</option>
              {targets
                .filter((target) => target.name !== entity.name || field.type === "link")
                .map((target) => (
                  <option key={target.name} value={target.name}>
                    {label(target.labels, target.name)} ({target.name})
                  </option>
                ))}
            </select>
          </>
        )}
      </div>
      {(field.type === "select" || field.type === "multiselect") && (
        <OptionsEditor
          options={field.options ?? []}
          onChange={(options) => update({ options })}
          invalid={invalid("options")}
        />
      )}
      <div className="expressions">
        {EXPRESSIONS.map((property) => (
          <ExpressionInput
            key={property}
            label={w(property)}
            value={field[property]}
            onChange={(value) => update({ [property]: value })}
            invalid={invalid(property)}
            entity={entity.name}
            kind={property === "computed" ? "value" : "condition"}
          />
        ))}
      </div>
      <p className="hint">{w("expressionHelp")}</p>
    </fieldset>
  );
}
