/** The languages messages are written in. */
export type Language = "en" | "zh-CN";

/**
 * `zh-CN` when the caller's most preferred language (highest q, first on a tie) is any Chinese,
 * else `en`.
 */
export function preferredLanguage(header: string | undefined): Language {
  let best: { tag: string; q: number } | undefined;
  for (const part of (header ?? "").split(",")) {
    const [tag = "", ...params] = part.trim().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (tag === "" || !(q > 0)) continue;
    if (!best || q > best.q) best = { tag: tag.toLowerCase(), q };
  }
  return best && (best.tag === "zh" || best.tag.startsWith("zh-")) ? "zh-CN" : "en";
}
