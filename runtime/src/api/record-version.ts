import { HttpError } from "../server/http-error.ts";

/** `3`, `"3"` or `W/"3"`: the forms a client may send a record version in (our ETag is `"3"`) */
const IF_MATCH = /^(?:W\/)?"?([1-9]\d{0,8})"?$/;

/** The version named by an If-Match header; 400 when the header names no record version. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = IF_MATCH.exec(header.trim());
  if (!match)
    throw new HttpError(400, "bad-version", 'If-Match must carry the record\'s version, e.g. "3"', [
      { path: "/headers/if-match", message: "not a record version" },
    ]);
  return Number(match[1]);
}

/**
 * The one version a write is based on, from wherever the client may send it: the places given
 * must agree, and at least one must be there (428: a change never goes through blind).
 */
export function expectedVersion(
  candidates: readonly { version: number | undefined; path: string }[],
  whenMissing: string,
): number {
  const given = candidates.filter((c) => c.version !== undefined);
  if (given.length === 0) throw new HttpError(428, "version-required", whenMissing);
  const first = given[0]!;
  for (const other of given.slice(1)) {
    if (other.version !== first.version)
      throw new HttpError(
        400,
        "bad-version",
        `${first.path} and ${other.path} name different versions`,
        [{ path: other.path, message: `differs from ${first.path}` }],
      );
  }
  return first.version!;
}
