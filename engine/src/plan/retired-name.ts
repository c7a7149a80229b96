import { utf8Bytes } from "./utf8.ts";

/** PostgreSQL truncates identifiers beyond 63 bytes. */
const MAX_IDENTIFIER_BYTES = 63;

/**
 * `<column>~retired~<n>`: `~` is no character of a field name (`^[a-z][a-z0-9_]*$`), so no field
 * can ever take the name; the column part is cut to fit 63 bytes, and `n` is the first number
 * whose name is not `taken` (the table's columns and retired columns, before and after the plan).
 */
export function retiredColumnName(column: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const suffix = `~retired~${n}`;
    let head = column;
    while (utf8Bytes(head).length + suffix.length > MAX_IDENTIFIER_BYTES) {
      head = [...head].slice(0, -1).join("");
    }
    const name = head + suffix;
    if (!taken.has(name)) return name;
  }
}
