import type { Issue } from "@loom/engine";
import { fileRecord, MANIFEST, type PackageFolder } from "./package-folder.ts";
import { entryIssue } from "./refusal.ts";

/**
 * The packages in a set of files (full entry name → text): one package when the manifest is at
 * the top, else a bundle of one package per top-level folder, each with its own manifest.
 * Anything else is refused (`no-manifest`): guessing which files belong to which package could
 * import a package missing some of them.
 */
export function splitPackages(files: ReadonlyMap<string, string>): {
  folders: PackageFolder[];
  issues: Issue[];
} {
  if (files.has(MANIFEST)) return { folders: [{ root: "", files: fileRecord(files) }], issues: [] };

  const bundle = new Map<string, [string, string][]>();
  const loose: string[] = [];
  for (const [name, text] of files) {
    const slash = name.indexOf("/");
    if (slash < 0) {
      loose.push(name);
      continue;
    }
    const root = name.slice(0, slash);
    const inRoot = bundle.get(root) ?? [];
    inRoot.push([name.slice(slash + 1), text]);
    bundle.set(root, inRoot);
  }
  const packages = [...bundle].filter(([, inRoot]) => inRoot.some(([file]) => file === MANIFEST));
  if (packages.length === 0)
    return {
      folders: [],
      issues: [
        entryIssue(
          "no-manifest",
          MANIFEST,
          `there is no ${MANIFEST} at the top, nor in a top-level folder: a package has its manifest at its root; a bundle holds one package per top-level folder`,
        ),
      ],
    };

  const issues = [
    ...loose.map((name) =>
      entryIssue(
        "no-manifest",
        name,
        "a file at the top of a bundle belongs to no package: move it into its package's folder",
      ),
    ),
    ...[...bundle]
      .filter(([root]) => !packages.some(([name]) => name === root))
      .map(([root]) =>
        entryIssue(
          "no-manifest",
          `${root}/${MANIFEST}`,
          `the folder ${root} has no ${MANIFEST}: every top-level folder of a bundle is a package`,
        ),
      ),
  ];
  if (issues.length > 0) return { folders: [], issues };
  return {
    folders: packages
      .map(([root, inRoot]) => ({ root, files: fileRecord(inRoot) }))
      .sort((a, b) => (a.root < b.root ? -1 : 1)),
    issues: [],
  };
}
