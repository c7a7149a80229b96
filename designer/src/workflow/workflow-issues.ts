import type { Issue } from "@loom/engine";

/** The issues of one workflow file, by what they are about: a node, an edge, or the whole. */
export interface PlacedIssues {
  /** node index in the file → its issues */
  readonly nodes: ReadonlyMap<number, readonly Issue[]>;
  /** edge index in the file → its issues */
  readonly edges: ReadonlyMap<number, readonly Issue[]>;
  /** the rest: the entity, the state field, no initial node, a file that does not parse */
  readonly workflow: readonly Issue[];
}

const ITEM = /^\/(nodes|edges)\/(\d+)(?:\/|$)/;

/**
 * Places each issue on the node or edge its JSON pointer leads into (`/nodes/3/sla/duration` is
 * node 3's), so the designer shows it there; the engine's workflow checks point every issue
 * about a node or edge into it.
 */
export function placeIssues(issues: readonly Issue[]): PlacedIssues {
  const nodes = new Map<number, Issue[]>();
  const edges = new Map<number, Issue[]>();
  const workflow: Issue[] = [];
  for (const issue of issues) {
    const match = ITEM.exec(issue.path ?? "");
    if (!match) {
      workflow.push(issue);
      continue;
    }
    const into = match[1] === "nodes" ? nodes : edges;
    const index = Number(match[2]);
    into.set(index, [...(into.get(index) ?? []), issue]);
  }
  return { nodes, edges, workflow };
}

/** The issues among `issues` of `file` in package `pkg`. */
export function issuesOfFile(issues: readonly Issue[], pkg: string, file: string): Issue[] {
  return issues.filter((issue) => issue.package === pkg && issue.file === file);
}
