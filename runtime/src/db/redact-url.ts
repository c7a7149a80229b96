/** The URL with its password (user-info or `?password=`) replaced, safe to log or print. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    if (parsed.searchParams.has("password")) parsed.searchParams.set("password", "***");
    return parsed.toString();
  } catch {
    // Not a URL we can parse: show nothing of it rather than risk a secret.
    return "<unparseable database url>";
  }
}
