import type { Issue } from "@loom/engine";

/** Where a piece of the draft is written: package, file and the JSON pointer of its value. */
export interface Place {
  readonly package: string;
  readonly file: string;
  readonly pointer: string;
}

/** The issues that point into the value at `place` (the value itself included). */
export function issuesAt(issues: readonly Issue[], place: Place): Issue[] {
  return issues.filter(
    (issue) =>
      issue.package === place.package &&
      issue.file === place.file &&
      (issue.path === place.pointer || (issue.path ?? "").startsWith(`${place.pointer}/`)),
  );
}

/**
 * The property of the value at `pointer` an issue points into (`labels` of
 * `/fields/3/labels/en`), undefined when it points at the value as a whole.
 */
export function propertyOf(issue: Issue, pointer: string): string | undefined {
  const rest = (issue.path ?? "").slice(pointer.length).split("/")[1];
  return rest === undefined || rest === ""
    ? undefined
    : rest.replaceAll("~1", "/").replaceAll("~0", "~");
}
