import type { ReactNode } from "react";
import { AtPointer } from "./problem-text.tsx";

/** An option shown before the choices: the empty choice, or a value no longer among them. */
export interface FirstOption {
  readonly value: string;
  readonly text: string;
}

/**
 * A builder's pick from a fixed list at `pointer`, marked invalid and followed by the problems
 * found there; one component so every such pick in the builder is labelled and disabled alike.
 * With `caption` it sits in a visible label, otherwise `label` names it.
 */
export function ChoiceSelect<Choice extends string>({
  pointer,
  label,
  caption,
  value,
  first,
  choices,
  text,
  disabled,
  onChange,
}: {
  pointer: string;
  label?: string;
  caption?: string;
  value: string;
  first?: FirstOption;
  choices: readonly Choice[];
  text(choice: Choice): ReactNode;
  disabled: boolean;
  /** the value picked: one of `choices`, or the first option's */
  onChange(value: string): void;
}) {
  return (
    <AtPointer pointer={pointer}>
      {(invalid) => {
        const select = (
          <select
            aria-label={label}
            value={value}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value)}
            {...invalid}
          >
            {first && <option value={first.value}>{first.text}</option>}
            {choices.map((choice) => (
              <option key={choice} value={choice}>
                {text(choice)}
              </option>
            ))}
          </select>
        );
        if (caption === undefined) return select;
        return (
          // biome-ignore lint/a11y/noLabelWithoutControl: the select rendered inside is its control
          <label className="inline-field">
            {caption}
            {select}
          </label>
        );
      }}
    </AtPointer>
  );
}
