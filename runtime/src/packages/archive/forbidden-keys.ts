/**
 * Keys that reach an object's prototype when code copies parsed JSON with `obj[key] = …` or a
 * naive merge: `JSON.parse` keeps them as plain keys, so a package could carry them into any code
 * that later handles the metadata. Nothing in a package needs them.
 */
const FORBIDDEN: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** The JSON pointer (RFC 6901) of every forbidden key in a parsed value, in document order. */
export function forbiddenKeyPointers(value: unknown): string[] {
  const found: string[] = [];
  // an explicit stack: a deeply nested file must not overflow the call stack
  const stack: [unknown, string][] = [[value, ""]];
  while (stack.length > 0) {
    const [current, pointer] = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    const children: [unknown, string][] = Array.isArray(current)
      ? current.map((item, index) => [item, `${pointer}/${index}`])
      : Object.entries(current).map(([key, item]) => {
          const at = `${pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
          if (FORBIDDEN.has(key)) found.push(at);
          return [item, at];
        });
    stack.push(...children.reverse());
  }
  return found;
}
