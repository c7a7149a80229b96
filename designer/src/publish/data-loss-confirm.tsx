import { useWords } from "../i18n/words.ts";

/**
 * The warning over a plan with data-losing steps and the checkbox that must be checked before it
 * may run: publishing, rolling back and importing packages all ask the same way.
 */
export function DataLossConfirm({
  warning,
  confirmed,
  onChange,
}: {
  /** what running the plan does to the data (default: publishing's words) */
  warning?: string;
  confirmed: boolean;
  onChange(confirmed: boolean): void;
}) {
  const { w } = useWords();
  return (
    <div className="data-loss" role="alert">
      <p>{warning ?? w("dataLossWarning")}</p>
      <label className="confirm">
        <input
          type="checkbox"
          checked={confirmed}
          onChange={(event) => onChange(event.target.checked)}
        />{" "}
        {w("confirmDataLoss")}
      </label>
    </div>
  );
}
