import type { AppModel, DataPolicy, LoadedPackage } from "@loom/engine";

/**
 * What an import does with one row of reference data:
 * - `create`: the row is missing and is created;
 * - `update`: the row differs from the package's values, nobody changed it locally since the
 *   package wrote it, and the policy is `always`: it gets the package's values;
 * - `unchanged`: it holds the package's values already;
 * - `keep-local`: it differs from the package's values and is left as the environment has it
 *   (`create-only`, `never`), or it was deleted locally and `never` does not recreate it;
 * - `overwrite-local`: it was changed locally (or existed before the package brought it) and
 *   `always` gives it the package's values;
 * - `left-in-place`: the package wrote it once and no longer has it: it stays in the database
 *   (business records may refer to it), the package just stops maintaining it.
 */
export type ReferenceRowAction =
  | "create"
  | "update"
  | "unchanged"
  | "keep-local"
  | "overwrite-local"
  | "left-in-place";

export interface ReferenceRowChange {
  /** the row's natural key as canonical JSON (`loom_sys.reference_rows.key`), e.g. `{"code":"PCS"}` */
  readonly key: string;
  readonly action: ReferenceRowAction;
  /**
   * `update`, `overwrite-local`, `keep-local` of an existing row: the fields whose stored value
   * differs from the package's, in the order the row gives them
   */
  readonly fields?: readonly string[];
}

/** The reference data of one data file (or of a file a package no longer has), row by row. */
export interface ReferenceDataChange {
  readonly package: string;
  /** the data file; null when the package has no data file for the entity any more */
  readonly file: string | null;
  readonly entity: string;
  /** the file's policy; null with `file` */
  readonly policy: DataPolicy | null;
  readonly create: number;
  readonly update: number;
  readonly unchanged: number;
  /** rows that differ from the package's values and are kept (create-only / never) */
  readonly keptLocal: number;
  /** rows changed locally that `always` overwrites */
  readonly overwriteLocal: number;
  /** rows the package wrote before and no longer has: left in place */
  readonly removedFromPackage: number;
  /** the file's rows in file order, then the rows it no longer has by key */
  readonly rows: readonly ReferenceRowChange[];
}

export interface PreviewReferenceDataArgs {
  /** the model after the import */
  readonly model: AppModel;
  /** the model installed now, whose tables the database holds; null when nothing is installed */
  readonly current: AppModel | null;
  /** the packages being imported: only their data files are written */
  readonly packages: readonly LoadedPackage[];
}

export interface ApplyReferenceDataArgs {
  /** the model in force: the import's schema steps have run, every table and column exists */
  readonly model: AppModel;
  /** the packages being imported: only their data files are written */
  readonly packages: readonly LoadedPackage[];
  /**
   * who the rows are written by (their created_by / updated_by and audit entries); default
   * `package:<name>@<version>` of the package whose file it is
   */
  readonly actor?: string;
}
