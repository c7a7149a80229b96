import { useLanguage } from "@loom/app/i18n";
import type { PathChoice } from "./report-fields.ts";

/** How a path reads: each step's label joined (`Customer › Region`), the path when unknown. */
export function usePathName(paths: readonly PathChoice[]): (path: string) => string {
  const { label } = useLanguage();
  return (path) => {
    const found = paths.find((p) => p.path === path);
    const names = path.split(".");
    return found ? found.labels.map((l, i) => label(l, names[i])).join(" › ") : path;
  };
}

/**
 * A field path picked from the root's own fields and, grouped under each, those through a link
 * or the document of a line (`parent.`). A path the choices lack (a field since removed) stays
 * shown by its path, so it can be seen and replaced.
 */
export function PathSelect({
  label,
  value,
  paths,
  none,
  disabled,
  invalid,
  onChange,
}: {
  label: string;
  value: string | undefined;
  paths: readonly PathChoice[];
  /** the text of the empty choice; absent: a choice must be made */
  none: string;
  disabled: boolean;
  invalid: object;
  onChange(path: string | undefined): void;
}) {
  const nameOf = usePathName(paths);
  const { label: labelOf } = useLanguage();
  const groups = new Map<string, PathChoice[]>();
  for (const p of paths) groups.set(p.via ?? "", [...(groups.get(p.via ?? "") ?? []), p]);
  const option = (p: PathChoice) => (
    <option key={p.path} value={p.path}>
      {nameOf(p.path)} ({p.path})
    </option>
  );
  return (
    <select
      aria-label={label}
      value={value ?? ""}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value || undefined)}
      {...invalid}
    >
      <option value="">{none}</option>
      {value !== undefined && value !== "" && !paths.some((p) => p.path === value) && (
        <option value={value}>{value}</option>
      )}
      {[...groups].map(([via, choices]) =>
        via === "" ? (
          choices.map(option)
        ) : (
          // the group is named by its first step: the link's label, or the line's document's
          <optgroup key={via} label={`${labelOf(choices[0]!.labels[0], via)} (${via})`}>
            {choices.map(option)}
          </optgroup>
        ),
      )}
    </select>
  );
}
