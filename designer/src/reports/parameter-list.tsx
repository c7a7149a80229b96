import { useLanguage } from "@loom/app/i18n";
import type { Labels, SelectOption } from "@loom/engine";
import type { DocumentPath } from "../draft/document-files.ts";
import { OptionsEditor } from "../entities/options-editor.tsx";
import { useReportWords } from "../i18n/report-words.ts";
import { AtPointer, ProblemsAt } from "./problem-text.tsx";
import {
  PARAMETER_TYPES,
  type ParameterType,
  RELATIVE_DATES,
  type RelativeDate,
  type ReportParameter,
} from "./report-def.ts";
import { EntryButtons, ReportLabels } from "./report-labels.tsx";

/** What the parameter list changes: paths are relative to the document holding `parameters`. */
export interface ParameterEdits {
  set(path: DocumentPath, value: unknown): void;
  add(value: ReportParameter): void;
  remove(index: number): void;
  move(index: number, by: -1 | 1): void;
}

/**
 * The parameters a user sets (a report's, or a dashboard's shared ones): name, labels, type, its
 * choices or linked entity, a default (a date's may be relative: today, start of month, …) and
 * whether it is required.
 */
export function ParameterList({
  parameters,
  entities,
  readOnly,
  title,
  help,
  edits,
}: {
  parameters: readonly ReportParameter[];
  entities: readonly { name: string; labels: Labels | null }[];
  readOnly: boolean;
  title: string;
  help: string;
  edits: ParameterEdits;
}) {
  const { w } = useReportWords();
  const { label } = useLanguage();
  const fresh = (): ReportParameter => {
    let n = parameters.length + 1;
    while (parameters.some((p) => p.name === `param_${n}`)) n++;
    return { name: `param_${n}`, labels: { en: `Parameter ${n}` }, type: "date" };
  };
  return (
    <fieldset className="report-section" data-section="parameters">
      <legend>{title}</legend>
      <p className="hint">{help}</p>
      {parameters.map((parameter, i) => {
        const at = `/parameters/${i}`;
        const name = parameter.name || `#${i + 1}`;
        const relative =
          typeof parameter.default === "object" ? parameter.default.relative : undefined;
        const setType = (type: ParameterType) => {
          // one edit: the default, options and target of the old type go with it
          const { default: _d, options: _o, target: _t, ...rest } = parameter;
          edits.set(["parameters", i], {
            ...rest,
            type,
            ...(type === "select" && { options: [] }),
            ...(type === "link" && { target: entities[0]?.name ?? "" }),
          });
        };
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the name is what is being typed
          <div key={i} className="parameter-card" data-parameter={parameter.name}>
            <div className="parameter-grid">
              <AtPointer pointer={`${at}/name`}>
                {(invalid) => (
                  <label>
                    {w("name")}
                    <input
                      className="input name-input"
                      value={parameter.name ?? ""}
                      readOnly={readOnly}
                      onChange={(e) => edits.set(["parameters", i, "name"], e.target.value)}
                      {...invalid}
                    />
                  </label>
                )}
              </AtPointer>
              <AtPointer pointer={`${at}/type`}>
                {(invalid) => (
                  <label>
                    {w("type")}
                    <select
                      value={parameter.type ?? ""}
                      disabled={readOnly}
                      onChange={(e) => setType(e.target.value as ParameterType)}
                      {...invalid}
                    >
                      {PARAMETER_TYPES.map((t) => (
                        <option key={t} value={t}>
                          {w(`parameterTypes_${t}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
              </AtPointer>
              <ReportLabels
                pointer={`${at}/labels`}
                labels={parameter.labels}
                names={[`${w("labelEn")} ${name}`, `${w("labelZh")} ${name}`]}
                readOnly={readOnly}
                onChange={(labels) => edits.set(["parameters", i, "labels"], labels)}
              />
              <AtPointer pointer={`${at}/default`}>
                {(invalid) => (
                  <span className="parameter-default">
                    {parameter.type === "date" && (
                      <select
                        aria-label={`${w("defaultValue")} ${name}`}
                        value={relative ?? (parameter.default === undefined ? "" : "=")}
                        disabled={readOnly}
                        onChange={(e) => {
                          const v = e.target.value;
                          edits.set(
                            ["parameters", i, "default"],
                            v === "" ? undefined : v === "=" ? "" : { relative: v as RelativeDate },
                          );
                        }}
                        {...invalid}
                      >
                        <option value="">{w("noDefault")}</option>
                        {RELATIVE_DATES.map((r) => (
                          <option key={r} value={r}>
                            {w(`relative_${r}`)}
                          </option>
                        ))}
                        <option value="=">{w("fixedDefault")}</option>
                      </select>
                    )}
                    {(parameter.type !== "date" || relative === undefined) &&
                      (parameter.type !== "date" || parameter.default !== undefined) && (
                        <input
                          className="input"
                          type={parameter.type === "date" ? "date" : "text"}
                          aria-label={`${w("defaultValue")} ${name} (${w("fixedDefault")})`}
                          value={
                            parameter.default === undefined || typeof parameter.default === "object"
                              ? ""
                              : String(parameter.default)
                          }
                          readOnly={readOnly}
                          onChange={(e) => {
                            const text = e.target.value;
                            const numeric =
                              parameter.type === "integer" || parameter.type === "decimal";
                            const value =
                              text === ""
                                ? undefined
                                : numeric && !Number.isNaN(Number(text))
                                  ? Number(text)
                                  : text;
                            edits.set(["parameters", i, "default"], value);
                          }}
                          {...invalid}
                        />
                      )}
                  </span>
                )}
              </AtPointer>
              <label className="role-flag">
                <input
                  type="checkbox"
                  checked={parameter.required === true}
                  disabled={readOnly}
                  onChange={(e) =>
                    edits.set(["parameters", i, "required"], e.target.checked || undefined)
                  }
                />{" "}
                {w("required")}
              </label>
              {parameter.type === "link" && (
                <AtPointer pointer={`${at}/target`}>
                  {(invalid) => (
                    <label>
                      {w("linkTarget")}
                      <select
                        value={parameter.target ?? ""}
                        disabled={readOnly}
                        onChange={(e) => edits.set(["parameters", i, "target"], e.target.value)}
                        {...invalid}
                      >
                        {entities.map((e) => (
                          <option key={e.name} value={e.name}>
                            {label(e.labels, e.name)} ({e.name})
                          </option>
                        ))}
                      </select>
                    </label>
                  )}
                </AtPointer>
              )}
              <EntryButtons
                name={name}
                index={i}
                count={parameters.length}
                readOnly={readOnly}
                upLabel={w("moveUp", { name })}
                downLabel={w("moveDown", { name })}
                removeLabel={w("removeItem", { name })}
                onMove={(by) => edits.move(i, by)}
                onRemove={() => edits.remove(i)}
              />
            </div>
            {parameter.type === "select" && (
              <AtPointer pointer={`${at}/options`}>
                {(invalid) => (
                  <OptionsEditor
                    options={(parameter.options ?? []) as SelectOption[]}
                    invalid={invalid}
                    onChange={(options) => edits.set(["parameters", i, "options"], options)}
                  />
                )}
              </AtPointer>
            )}
            <ProblemsAt pointer={at} />
          </div>
        );
      })}
      {!readOnly && (
        <button type="button" className="button small" onClick={() => edits.add(fresh())}>
          + {w("addParameter")}
        </button>
      )}
    </fieldset>
  );
}
