import type { SelectOption } from "@loom/engine";
import { useId } from "react";
import { useWords } from "../i18n/words.ts";

/** The choices of a select field: stored value and labels, in order. */
export function OptionsEditor({
  options,
  onChange,
  invalid,
}: {
  options: readonly SelectOption[];
  onChange(options: SelectOption[]): void;
  invalid: object;
}) {
  const { w } = useWords();
  const id = useId();
  const set = (index: number, option: SelectOption) =>
    onChange(options.map((old, i) => (i === index ? option : old)));
  const labelled = (option: SelectOption, language: "en" | "zh-CN", text: string) => {
    const labels = { ...option.labels, [language]: text };
    if (language === "zh-CN" && text === "") delete labels["zh-CN"];
    return { ...option, labels };
  };
  return (
    <fieldset className="select-options" aria-labelledby={`${id}-title`} {...invalid}>
      <h3 id={`${id}-title`}>{w("options")}</h3>
      <table className="options-table">
        <thead>
          <tr>
            <th scope="col">{w("optionValue")}</th>
            <th scope="col">{w("labelEn")}</th>
            <th scope="col">{w("labelZh")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {options.map((option, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an option's value is what is being typed
            <tr key={i}>
              <td>
                <input
                  className="input code"
                  aria-label={`${w("optionValue")} ${i + 1}`}
                  value={option.value}
                  onChange={(event) => set(i, { ...option, value: event.target.value })}
                />
              </td>
              <td>
                <input
                  className="input"
                  aria-label={`${w("labelEn")} ${i + 1}`}
                  value={option.labels.en}
                  onChange={(event) => set(i, labelled(option, "en", event.target.value))}
                />
              </td>
              <td>
                <input
                  className="input"
                  lang="zh-CN"
                  aria-label={`${w("labelZh")} ${i + 1}`}
                  value={option.labels["zh-CN"] ?? ""}
                  onChange={(event) => set(i, labelled(option, "zh-CN", event.target.value))}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={w("removeOption", { value: option.value || String(i + 1) })}
                  onClick={() => onChange(options.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="button small"
        onClick={() =>
          onChange([
            ...options,
            {
              value: `option_${options.length + 1}`,
              labels: { en: `Option ${options.length + 1}` },
            },
          ])
        }
      >
        + {w("addOption")}
      </button>
    </fieldset>
  );
}
