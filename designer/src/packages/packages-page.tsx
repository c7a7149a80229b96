import { ApiError } from "@loom/app/api";
import { useLanguage } from "@loom/app/i18n";
import { PageTitle } from "@loom/app/layout/page-title";
import { useCallback, useEffect, useRef, useState } from "react";
import { useDraft } from "../draft/draft-context.tsx";
import { usePackageWords } from "../i18n/package-words.ts";
import { ErrorBox } from "../publish/error-box.tsx";
import { useAdministrator } from "./administrator.ts";
import { ImportReview, type Review } from "./import-review.tsx";
import { InstalledTable } from "./installed-table.tsx";
import {
  type Applied,
  type InstalledPackage,
  type ParameterStatus,
  packagesApi,
  previewAgain,
} from "./packages-api.ts";
import { ParametersSection } from "./parameters-section.tsx";
import { readBase64, UploadZone } from "./upload-zone.tsx";
import "./packages.css";

/** The Packages page, for administrators only (the server answers 403 to anyone else). */
export default function PackagesPage() {
  return useAdministrator() ? <PackagesWorkspace /> : <AdministratorsOnly />;
}

interface Listed {
  readonly packages: readonly InstalledPackage[];
  readonly parameters: readonly ParameterStatus[];
}

/**
 * What IT promotes configuration with: the installed packages (export, roll back), this
 * environment's parameter values, and importing an archive after reviewing its preview.
 */
function PackagesWorkspace() {
  const { w } = usePackageWords();
  const { t } = useLanguage();
  const { session } = useDraft();
  const [listed, setListed] = useState<Listed | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [review, setReview] = useState<(Review & { readonly key: string }) | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<Error | null>(null);
  const [rollingBack, setRollingBack] = useState<string | null>(null);
  const [rollbackError, setRollbackError] = useState<Error | null>(null);
  const importHeading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(() => {
    packagesApi.list().then(
      (answer) => {
        setListed(answer);
        setError(null);
      },
      (caught: Error) => setError(caught),
    );
  }, []);
  useEffect(load, [load]);

  const upload = async (file: File) => {
    setUploading(file.name);
    setUploadError(null);
    setRollbackError(null);
    try {
      const { upload: id, preview } = await packagesApi.upload(await readBase64(file));
      setReview({ key: id, source: { kind: "upload", upload: id, fileName: file.name }, preview });
    } catch (caught) {
      setUploadError(caught as Error);
    } finally {
      setUploading(null);
    }
  };
  const rollBack = async (name: string) => {
    setRollingBack(name);
    setRollbackError(null);
    setUploadError(null);
    try {
      const source = { kind: "rollback", name } as const;
      const preview = await previewAgain(source, {});
      setReview({ key: `${name}@${preview.planId}`, source, preview });
    } catch (caught) {
      setRollbackError(caught as Error);
    } finally {
      setRollingBack(null);
    }
  };
  const applied = (result: Applied) => {
    load();
    // like a publish: the draft is read again, on top of what is installed now
    if (result.status === "applied") void session.save().then(() => session.reload());
  };

  if (error instanceof ApiError && error.status === 403) return <AdministratorsOnly />;
  return (
    <section className="page packages-page" aria-labelledby="page-title">
      <header className="page-header">
        <PageTitle>{w("packagesTitle")}</PageTitle>
      </header>
      <p className="hint">{w("packagesIntro")}</p>
      {error && <ErrorBox error={error} text={t("error", { message: error.message })} />}
      {listed === null && !error && <p className="loading">{t("loading")}</p>}
      {listed && (
        <>
          <InstalledTable
            packages={listed.packages}
            busy={rollingBack}
            onRollBack={(name) => void rollBack(name)}
          />
          {rollbackError && (
            <ErrorBox
              error={rollbackError}
              text={w("noRollback", { message: rollbackError.message })}
            />
          )}
          <ParametersSection
            parameters={listed.parameters}
            onSaved={(parameters) => setListed({ ...listed, parameters })}
          />
        </>
      )}
      <section className="packages-section" aria-labelledby="import-title">
        <h2 id="import-title" ref={importHeading} tabIndex={-1}>
          {w("importTitle")}
        </h2>
        <p className="hint">{w("importHelp")}</p>
        <UploadZone busy={uploading !== null} onFile={(file) => void upload(file)} />
        {uploading !== null && (
          <p role="status" className="loading">
            {w("uploading", { file: uploading })}
          </p>
        )}
        {uploadError && (
          <ErrorBox error={uploadError} text={w("notUploaded", { message: uploadError.message })} />
        )}
      </section>
      {review && (
        <ImportReview
          key={review.key}
          review={review}
          onApplied={applied}
          onClose={() => {
            setReview(null);
            importHeading.current?.focus();
          }}
        />
      )}
    </section>
  );
}

/** For a designer who is not an administrator: the page says who may use it. */
function AdministratorsOnly() {
  const { w } = usePackageWords();
  return (
    <section className="page no-permission" aria-labelledby="page-title">
      <PageTitle>{w("adminOnlyTitle")}</PageTitle>
      <p>{w("adminOnlyText")}</p>
    </section>
  );
}
