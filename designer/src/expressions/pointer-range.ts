import { type Node, parseTree } from "jsonc-parser";

/**
 * Where the value a JSON pointer names is written in `text` (offset and length), to mark a
 * problem there; a property's key and value together. Undefined when the text has no such value
 * (it changed since the problem was found, or the pointer names a missing property).
 */
export function pointerRange(
  text: string,
  pointer: string,
): { offset: number; length: number } | undefined {
  const tokens = pointer === "" ? [] : pointer.split("/").slice(1);
  let node: Node | undefined = parseTree(text);
  for (const [i, token] of tokens.entries()) {
    const key = token.replaceAll("~1", "/").replaceAll("~0", "~");
    let next: Node | undefined;
    if (node?.type === "object") {
      const property = node.children?.find((p) => p.children?.[0]?.value === key);
      // the last step marks the whole property: its key shows where an unknown one is
      next = i === tokens.length - 1 ? property : property?.children?.[1];
    } else if (node?.type === "array" && /^\d+$/.test(key)) next = node.children?.[Number(key)];
    node = next;
    if (!node) return undefined;
  }
  return node && { offset: node.offset, length: node.length };
}
