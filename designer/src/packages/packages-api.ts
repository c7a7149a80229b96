import { api } from "@loom/app/api";
import type { FileChange, Issue, Labels, Layer, ParameterType, ParameterValue } from "@loom/engine";
import type { Plan } from "../draft/draft-api.ts";
import { type ApplyEvent, applyStreamed } from "./apply-stream.ts";

/** An installed package as `GET /api/packages` lists it. */
export interface InstalledPackage {
  readonly name: string;
  readonly version: string;
  readonly layer: Layer;
  readonly labels: Labels;
  readonly dependsOn: Readonly<Record<string, string>>;
  readonly installedAt: string;
  readonly installedBy: string;
  /** how many files it has */
  readonly files: number;
}

/** A declared parameter and where its value in force comes from (a secret's comes masked). */
export interface ParameterStatus {
  readonly name: string;
  readonly package: string;
  readonly type: ParameterType;
  readonly labels: Labels;
  readonly secret: boolean;
  readonly default?: ParameterValue;
  readonly source: "set" | "default" | "missing";
  readonly value: ParameterValue | null;
}

export type PackageChangeKind =
  | "install"
  | "upgrade"
  | "downgrade"
  | "reinstall"
  | "unchanged"
  | "remove";

/** What an import does to one package: versions from → to, and its files. */
export interface PackageChange {
  readonly name: string;
  readonly layer: Layer;
  readonly from: string | null;
  readonly to: string | null;
  readonly change: PackageChangeKind;
  readonly files: readonly FileChange[];
}

/** The reference data of one data file, counted by what the import does to its rows. */
export interface ReferenceDataChange {
  readonly package: string;
  readonly file: string | null;
  readonly entity: string;
  readonly policy: "always" | "create-only" | "never" | null;
  readonly create: number;
  readonly update: number;
  readonly unchanged: number;
  readonly keptLocal: number;
  readonly overwriteLocal: number;
  readonly removedFromPackage: number;
}

/** An installed package the import would break, and what IT can do about it. */
export interface Conflict extends Issue {
  readonly package: string;
  readonly resolution: string;
}

/**
 * The preview of an import or a rollback (runtime/src/packages/import-preview.ts). With a plan it
 * is a `Plan` as publishing shows one, so the publish dialog's pieces show its steps and checks.
 */
export interface ImportPreview extends Omit<Plan, "plan"> {
  readonly planId: string;
  readonly blocked: boolean;
  readonly currentRevision: number | null;
  readonly packages: readonly PackageChange[];
  readonly plan: Plan["plan"] | null;
  readonly referenceData: readonly ReferenceDataChange[];
  readonly parameters: {
    readonly statuses: readonly ParameterStatus[];
    readonly missing: readonly string[];
    readonly given: readonly string[];
  };
  readonly conflicts: readonly Conflict[];
  readonly problems: readonly Issue[];
}

/** Values typed for parameters, sent as text: the server reads numbers and true/false from it. */
export type ParameterInput = Readonly<Record<string, string>>;

const PACKAGES = "/api/packages";
const path = (name: string) => `${PACKAGES}/${encodeURIComponent(name)}`;

export const packagesApi = {
  list: () => api<{ packages: InstalledPackage[]; parameters: ParameterStatus[] }>(PACKAGES),
  /** the zip of an installed package: a plain link downloads it, the session cookie signs it */
  exportUrl: (name: string) => `${path(name)}/export`,
  setParameters: (values: ParameterInput) =>
    api<{ parameters: ParameterStatus[] }>(`${PACKAGES}/parameters`, {
      method: "PUT",
      body: { values },
    }),
  upload: (archive: string) =>
    api<{ upload: string; preview: ImportPreview }>(`${PACKAGES}/uploads`, {
      method: "POST",
      body: { archive },
    }),
};

/** Where a preview came from: an uploaded archive, or a package to roll back. */
export type ReviewSource =
  | { readonly kind: "upload"; readonly upload: string; readonly fileName: string }
  | { readonly kind: "rollback"; readonly name: string };

/** The preview of `source` again, with the parameter values typed since (uploads only). */
export async function previewAgain(
  source: ReviewSource,
  parameters: ParameterInput,
): Promise<ImportPreview> {
  const answer =
    source.kind === "upload"
      ? await api<{ preview: ImportPreview }>(
          `${PACKAGES}/uploads/${encodeURIComponent(source.upload)}/preview`,
          { method: "POST", body: { parameters } },
        )
      : await api<{ preview: ImportPreview }>(`${path(source.name)}/rollback`, {
          method: "POST",
          body: {},
        });
  return answer.preview;
}

/** What applying answers in its last line. */
export interface Applied {
  readonly status: "applied" | "unchanged" | "parameters-set";
  readonly revision?: { readonly id: number };
  readonly preview: ImportPreview;
}

/**
 * Applies the plan `planId` of `source` (with the parameter values it was previewed with),
 * telling `onStep` of each migration step as it starts; resolves with the result, or rejects
 * with the refusal (in `language`) as an ApiError.
 */
export function applyPlan(
  source: ReviewSource,
  planId: string,
  parameters: ParameterInput,
  language: string,
  onStep: (step: Extract<ApplyEvent, { type: "step" }>) => void,
): Promise<Applied> {
  const url =
    source.kind === "upload"
      ? `${PACKAGES}/uploads/${encodeURIComponent(source.upload)}/apply`
      : `${path(source.name)}/rollback`;
  const body = source.kind === "upload" ? { planId, parameters } : { planId };
  return applyStreamed<Applied>(url, body, language, onStep);
}
