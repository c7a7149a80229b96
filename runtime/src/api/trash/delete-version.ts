import type { Request } from "express";
import { badParameter, type QueryParams, single } from "../query-params.ts";
import { expectedVersion, versionFromIfMatch } from "../record-version.ts";

const VERSION = /^[1-9]\d{0,8}$/;

/** The version a delete expects the record to be at, from If-Match or `?version=`. */
export function deleteVersion(req: Request): number {
  const query = single(req.query as QueryParams, "version");
  if (query !== undefined && !VERSION.test(query))
    throw badParameter(
      "version",
      "bad-version",
      "version must be the record's version, a whole number from 1",
    );
  return expectedVersion(
    [
      { version: versionFromIfMatch(req.get("if-match")), path: "/headers/if-match" },
      { version: query === undefined ? undefined : Number(query), path: "/query/version" },
    ],
    "say which version you are deleting, with If-Match or ?version=",
  );
}
