import type { Issue } from "@loom/engine";
import { propertyOf } from "../draft/issues-at.ts";

/** The issues of one role file, sorted to where the editor shows them. */
export interface RoleIssues {
  /** by grant index: the issues pointing into `/grants/<i>` */
  readonly grants: ReadonlyMap<number, readonly Issue[]>;
  /** the rest: the role's own properties, its `grants` as a whole, the file */
  readonly role: readonly Issue[];
}

const GRANT = /^\/grants\/(\d+)(?:\/|$)/;

export function roleIssues(issues: readonly Issue[], pkg: string, file: string): RoleIssues {
  const grants = new Map<number, Issue[]>();
  const role: Issue[] = [];
  for (const issue of issues) {
    if (issue.package !== pkg || issue.file !== file) continue;
    const index = GRANT.exec(issue.path ?? "")?.[1];
    if (index === undefined) role.push(issue);
    else grants.set(Number(index), [...(grants.get(Number(index)) ?? []), issue]);
  }
  return { grants, role };
}

/** The properties of grant `index` its issues point into (`where`, `hiddenFields`, …). */
export function grantProperties(issues: readonly Issue[], index: number): Set<string | undefined> {
  return new Set(issues.map((issue) => propertyOf(issue, `/grants/${index}`)));
}
