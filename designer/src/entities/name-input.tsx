import { useEffect, useState } from "react";

/**
 * A field's name, renamed when the user leaves the input or presses Enter (each keystroke would
 * be a rename of its own); Escape goes back to the name it has.
 */
export function NameInput({
  name,
  label,
  onRename,
  invalid,
}: {
  name: string;
  label: string;
  onRename(to: string): boolean;
  invalid: object;
}) {
  const [text, setText] = useState(name);
  useEffect(() => setText(name), [name]);
  const commit = () => {
    if (text !== name && !onRename(text)) setText(name);
  };
  return (
    <input
      className="input name-input"
      aria-label={label}
      spellCheck={false}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === "Enter") commit();
        if (event.key === "Escape") setText(name);
      }}
      {...invalid}
    />
  );
}
