import type { Issue } from "@loom/engine";
import { HttpError } from "../server/http-error.ts";

/** 409 `version-conflict`: the draft was saved by someone else since the caller read it. */
export function versionConflict(current: number | null): HttpError {
  return new HttpError(
    409,
    "version-conflict",
    "the draft was changed by someone else since you read it: reload it and redo your change",
    [],
    current === null ? {} : { currentVersion: current },
  );
}

/** 422 `invalid-metadata`: each issue at `/files/<file><pointer>`, its line:column in the message. */
export function draftIssuesRefused(issues: readonly Issue[]): HttpError {
  const count = issues.length;
  return new HttpError(
    422,
    "invalid-metadata",
    `the draft has ${count} problem${count === 1 ? "" : "s"}: fix ${count === 1 ? "it" : "them"} before publishing`,
    issues.map((issue) => ({
      path:
        issue.file === undefined
          ? ""
          : `/files/${issue.file.replaceAll("~", "~0").replaceAll("/", "~1")}${issue.path ?? ""}`,
      message:
        issue.file === undefined
          ? issue.message
          : `${issue.file}${issue.line === undefined ? "" : `:${issue.line}:${issue.column ?? 1}`}: ${issue.message}`,
    })),
  );
}
