import { PageTitle } from "@loom/app/layout/page-title";
import { Link } from "@loom/app/router";
import { lazy, Suspense, useMemo } from "react";
import { parseJson } from "../draft/design-context.ts";
import { useDraft } from "../draft/draft-context.tsx";
import { entityOfFile } from "../draft/entity-catalog.ts";
import { useExpressionWords } from "../expressions/expression-words.ts";
import { designerPaths } from "../shell/routes.ts";
import { workflowPath } from "../workflow/workflow-path.ts";
import { fileKind } from "./file-kind.ts";
import { FileTree, type TreePackage } from "./file-tree.tsx";
import { useJsonWords } from "./json-words.ts";
import "./json-view.css";

// monaco loads with the editor, after the tree is shown
const JsonFileEditor = lazy(() => import("./json-file-editor.tsx"));

/**
 * Any file of the draft's package as JSON, editable, and the files of the packages it builds on,
 * read only: the same draft the visual designers edit, so a change here shows there and back.
 * `pkg` null: the draft's own package.
 */
export default function JsonPage({ file, pkg }: { file: string | null; pkg: string | null }) {
  const { state, ctx, issues, session } = useDraft();
  const { w } = useJsonWords();
  const { w: we } = useExpressionWords();
  const draft = state.view.package.name;
  const packages = useMemo<TreePackage[]>(
    () => [
      { name: draft, own: true, files: state.files },
      ...state.view.packages.map((p) => ({ name: p.name, own: false, files: p.files })),
    ],
    [draft, state.files, state.view.packages],
  );
  const owner = packages.find((p) => p.name === (pkg ?? draft));
  const text = file === null ? undefined : owner?.files[file];
  const own = owner?.own === true;
  const fileIssues = useMemo(
    () => (own ? issues.filter((i) => i.package === draft && i.file === file) : []),
    [own, issues, draft, file],
  );
  const kind = file !== null && text !== undefined ? fileKind(file, text) : undefined;
  const entity = file !== null && owner ? entityOfFile(ctx, owner.name, file) : undefined;
  const workflow = kind === "workflow" ? (parseJson(text) as { name?: unknown }).name : undefined;
  return (
    <div className="json-page">
      <FileTree
        packages={packages}
        current={file === null || !owner ? null : { pkg: owner.name, file }}
        issues={issues}
      />
      <section className="page" aria-labelledby="page-title">
        <header className="page-header">
          <div>
            <PageTitle>{file ?? w("jsonTitle")}</PageTitle>
            {text !== undefined && (
              <p className="json-meta">
                {owner?.name} · {kind ? w("kindOf", { kind }) : w("noKind")}
              </p>
            )}
          </div>
          <div className="buttons">
            {entity && (
              <Link className="button small" to={designerPaths.entities(entity)}>
                {w("openInEntityDesigner")}
              </Link>
            )}
            {typeof workflow === "string" && (
              <Link className="button small" to={workflowPath(workflow)}>
                {w("openInWorkflowDesigner")}
              </Link>
            )}
          </div>
        </header>
        {file !== null && text !== undefined && owner ? (
          <>
            <p className="note">
              {own ? w("fileHelp") : w("readOnlyFile", { file, package: owner.name })}
            </p>
            <Suspense fallback={<p className="loading">{we("loadingEditor")}</p>}>
              <JsonFileEditor
                key={`${owner.name}/${file}`}
                pkg={owner.name}
                file={file}
                text={text}
                // the draft's files change with every keystroke: the session has the newest
                latest={() => (own ? session.state.files[file] : text)}
                issues={fileIssues}
                label={file}
                onChange={own ? (next) => session.edit({ [file]: next }) : undefined}
              />
            </Suspense>
          </>
        ) : (
          <p className="note">
            {file === null ? w("pickFile") : w("noSuchFile", { file, package: pkg ?? draft })}
          </p>
        )}
      </section>
    </div>
  );
}
