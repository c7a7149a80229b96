import type { WidgetProps } from "@rjsf/utils";
import type { RecordFormContext } from "./form-context.ts";

/**
 * Money: a number input, or, read-only (computed totals), the amount as people read it, with two
 * decimals and thousands separators, in an output the label names.
 */
export function MoneyWidget(props: WidgetProps) {
  const { id, value, readonly, disabled, registry, onChange, onBlur, onFocus, required } = props;
  const context = registry.formContext as RecordFormContext;
  if (readonly || disabled)
    return (
      <output id={id} className="input readonly numeric">
        {typeof value === "number" ? context.money(value) : ""}
      </output>
    );
  return (
    <input
      id={id}
      className="input numeric"
      type="number"
      step="any"
      required={required}
      value={value ?? ""}
      onChange={(event) =>
        onChange(event.target.value === "" ? undefined : Number(event.target.value))
      }
      onBlur={(event) => onBlur(id, event.target.value)}
      onFocus={(event) => onFocus(id, event.target.value)}
    />
  );
}
