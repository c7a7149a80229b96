import { Link } from "@loom/app/router";
import type { Issue } from "@loom/engine";
import type { Files } from "../draft/design-context.ts";
import { designerPaths } from "../shell/routes.ts";
import { useJsonWords } from "./json-words.ts";

/** A package whose files the tree lists: the draft's (editable) or one it builds on. */
export interface TreePackage {
  readonly name: string;
  readonly own: boolean;
  readonly files: Files;
}

/**
 * The files of the draft's package and of the packages it builds on, by folder; the draft's
 * files show how many problems the engine finds in each. The packages the draft builds on are
 * folded unless the chosen file is theirs.
 */
export function FileTree({
  packages,
  current,
  issues,
}: {
  packages: readonly TreePackage[];
  current: { readonly pkg: string; readonly file: string } | null;
  issues: readonly Issue[];
}) {
  const { w } = useJsonWords();
  return (
    <nav className="file-tree" aria-label={w("jsonFiles")}>
      {packages.map((pkg) => (
        <details key={pkg.name} open={pkg.own || current?.pkg === pkg.name}>
          <summary className="nav-heading">
            {pkg.own
              ? w("draftFiles", { package: pkg.name })
              : w("baseFiles", { package: pkg.name })}
          </summary>
          <ul className="file-folders">
            {folders(Object.keys(pkg.files)).map(([folder, files]) => (
              <li key={folder}>
                {folder && <span className="file-folder">{folder}/</span>}
                <ul>
                  {files.map((file) => {
                    const count = pkg.own
                      ? issues.filter((i) => i.package === pkg.name && i.file === file).length
                      : 0;
                    const chosen = current?.pkg === pkg.name && current.file === file;
                    return (
                      <li key={file}>
                        <Link
                          className="nav-link"
                          to={designerPaths.json(file, pkg.own ? undefined : pkg.name)}
                          aria-current={chosen ? "page" : undefined}
                        >
                          {file.slice(folder ? folder.length + 1 : 0)}
                          {count > 0 && (
                            <>
                              <span className="file-problems" aria-hidden="true">
                                {count}
                              </span>
                              <span className="visually-hidden">
                                {count === 1
                                  ? w("fileProblemsOne")
                                  : w("fileProblemsMany", { count })}
                              </span>
                            </>
                          )}
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </nav>
  );
}

/** The files by the folder holding them: the package's root first, then the folders by name. */
function folders(files: readonly string[]): [string, string[]][] {
  const byFolder = new Map<string, string[]>();
  for (const file of [...files].sort()) {
    const slash = file.lastIndexOf("/");
    const folder = slash < 0 ? "" : file.slice(0, slash);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  return [...byFolder].sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)));
}
