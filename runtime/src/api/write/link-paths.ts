import type { AppModel, Entity, Field, JsonLogic } from "@loom/engine";

/** link field → the links to follow inside the linked record (`customer.region.code`) */
export type LinkTree = ReadonlyMap<string, LinkNode>;

export interface LinkNode {
  readonly target: string;
  readonly inner: LinkTree;
}

/**
 * The link paths the expressions follow beyond the linked record itself: `customer.region.code`
 * needs `region` read inside `customer`. Paths come from `var` and `missing`, the operators
 * that read dotted paths; the model compiler already checked every segment.
 */
export function linkTree(
  model: AppModel,
  entity: Entity,
  expressions: readonly JsonLogic[],
): LinkTree {
  const root = new Map<string, LinkNode>();
  for (const path of expressions.flatMap(dottedPaths)) {
    let tree = root;
    let at: Entity | undefined = entity;
    for (const segment of path.split(".").slice(0, -1)) {
      const field: Field | undefined = at?.fields.find(
        (f) => f.name === segment && f.type === "link",
      );
      if (field?.target === undefined) break;
      const node = tree.get(segment) ?? {
        target: field.target,
        inner: new Map<string, LinkNode>(),
      };
      tree.set(segment, node);
      tree = node.inner as Map<string, LinkNode>;
      at = model.entities[field.target];
    }
  }
  return root;
}

function dottedPaths(expr: JsonLogic): string[] {
  if (Array.isArray(expr)) return expr.flatMap(dottedPaths);
  if (expr === null || typeof expr !== "object") return [];
  return Object.entries(expr).flatMap(([op, args]) => {
    const list = Array.isArray(args) ? args : [args];
    const named =
      op === "var"
        ? list.slice(0, 1)
        : op === "missing"
          ? list.flatMap((a) => (Array.isArray(a) ? a : [a]))
          : [];
    const paths = named.filter(
      (name): name is string => typeof name === "string" && name.includes("."),
    );
    return [...paths, ...dottedPaths(list)];
  });
}
