import type { FieldProps } from "@rjsf/utils";
import { useState } from "react";

/** A JSON value edited as text; the value changes when the text parses. */
export function JsonField(props: FieldProps) {
  const { formData, onChange, fieldPathId, readonly, disabled } = props;
  const [text, setText] = useState(() =>
    formData === undefined || formData === null ? "" : JSON.stringify(formData, null, 2),
  );
  const [invalid, setInvalid] = useState(false);
  return (
    <textarea
      id={fieldPathId.$id}
      className={invalid ? "input invalid" : "input"}
      aria-invalid={invalid}
      rows={4}
      value={text}
      readOnly={readonly}
      disabled={disabled}
      onChange={(event) => {
        setText(event.target.value);
        try {
          const value = event.target.value.trim() === "" ? null : JSON.parse(event.target.value);
          setInvalid(false);
          onChange(value, fieldPathId.path);
        } catch {
          setInvalid(true);
        }
      }}
    />
  );
}
