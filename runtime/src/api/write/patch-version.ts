import { expectedVersion, versionFromIfMatch } from "../record-version.ts";

/** The version a PATCH is based on: `version` in the body (already checked by the schema) or If-Match. */
export function patchVersion(bodyVersion: unknown, ifMatch: string | undefined): number {
  return expectedVersion(
    [
      { version: typeof bodyVersion === "number" ? bodyVersion : undefined, path: "/version" },
      { version: versionFromIfMatch(ifMatch), path: "/headers/if-match" },
    ],
    "say which version you are changing: send its version in the body or If-Match",
  );
}
