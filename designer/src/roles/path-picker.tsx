import { useLanguage } from "@loom/app/i18n";
import { useWords } from "../i18n/words.ts";
import type { FieldPath } from "./role-targets.ts";

/**
 * Several field paths picked from an entity's fields and its lines' fields: the chosen ones as
 * chips (each removable), the others in a list to add from. A chosen path the entity does not
 * have stays shown by its path, so it can be seen and removed; the engine says what is wrong.
 */
export function PathPicker({
  label,
  selected,
  paths,
  readOnly,
  invalid,
  onChange,
}: {
  label: string;
  selected: readonly string[];
  paths: readonly FieldPath[];
  readOnly: boolean;
  invalid: object;
  onChange(path: string, on: boolean): void;
}) {
  const { w } = useWords();
  const { label: labelOf } = useLanguage();
  const nameOf = (path: string) => {
    const found = paths.find((p) => p.path === path);
    const names = path.split(".");
    return found ? found.labels.map((l, i) => labelOf(l, names[i])).join(" › ") : path;
  };
  return (
    <fieldset className="path-picker">
      <legend className="picker-label">{label}</legend>
      {selected.length === 0 ? (
        <p className="hint">{w("noPaths")}</p>
      ) : (
        <ul className="chips">
          {selected.map((path) => (
            <li
              key={path}
              className={`chip${paths.some((p) => p.path === path) ? "" : " unknown"}`}
            >
              <span>{nameOf(path)}</span> <code>{path}</code>
              {!readOnly && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={w("removePath", { path, list: label })}
                  onClick={() => onChange(path, false)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <select
          aria-label={w("addPathTo", { list: label })}
          value=""
          onChange={(event) => event.target.value && onChange(event.target.value, true)}
          {...invalid}
        >
          <option value="">{w("addPath")}</option>
          {paths
            .filter((p) => !selected.includes(p.path))
            .map((p) => (
              <option key={p.path} value={p.path}>
                {nameOf(p.path)} ({p.path})
              </option>
            ))}
        </select>
      )}
    </fieldset>
  );
}
