import type { Labels } from "@loom/engine";

/**
 * An English and a Chinese input for a title. `optional`: both emptied mean no title at all
 * (undefined); otherwise an empty Chinese one is left out (the app shows the English).
 */
export function LabelInputs({
  labels,
  names,
  optional = false,
  onChange,
}: {
  labels: Labels | undefined;
  /** the inputs' accessible names: English, Chinese */
  names: readonly [string, string];
  optional?: boolean;
  onChange(labels: Labels | undefined): void;
}) {
  const set = (lang: keyof Labels, text: string) => {
    const next = { en: labels?.en ?? "", "zh-CN": labels?.["zh-CN"] ?? "", [lang]: text };
    if (optional && next.en === "" && next["zh-CN"] === "") return onChange(undefined);
    onChange(next["zh-CN"] === "" ? { en: next.en } : next);
  };
  return (
    <span className="label-inputs">
      <input
        className="input"
        aria-label={names[0]}
        placeholder="English"
        value={labels?.en ?? ""}
        onChange={(event) => set("en", event.target.value)}
      />
      <input
        className="input"
        lang="zh-CN"
        aria-label={names[1]}
        placeholder="中文"
        value={labels?.["zh-CN"] ?? ""}
        onChange={(event) => set("zh-CN", event.target.value)}
      />
    </span>
  );
}
