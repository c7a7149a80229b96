import type { JsonLogic } from "@loom/engine";
import { ExpressionEditor } from "../expressions/expression-editor.tsx";

/**
 * A field's json-logic expression (computed, visibleIf, requiredIf), or a role's row scope:
 * conditions in the builder or JSON in monaco (`ExpressionEditor`), applied to the draft as soon
 * as they are JSON and checked by the engine against `entity`'s fields. `invalid` carries the
 * draft's problems at this expression (aria attributes pointing at where they are listed).
 */
export function ExpressionInput({
  label,
  value,
  onChange,
  invalid,
  disabled = false,
  entity,
  kind = "condition",
  variables,
}: {
  label: string;
  value: JsonLogic | undefined;
  onChange(value: JsonLogic | undefined): void;
  invalid: object;
  disabled?: boolean;
  /** the entity whose record the expression reads (its fields are offered and checked) */
  entity?: string;
  /** `value` for a computed value: edited as JSON only */
  kind?: "condition" | "value";
  /** names besides `$user` the expression may read */
  variables?: readonly string[];
}) {
  return (
    <ExpressionEditor
      label={label}
      value={value}
      onChange={onChange}
      entity={entity}
      kind={kind}
      variables={variables}
      invalid={"aria-invalid" in invalid}
      readOnly={disabled}
    />
  );
}
