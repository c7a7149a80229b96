export { applyReferenceData } from "./apply-reference-data.ts";
export { previewReferenceData } from "./preview-reference-data.ts";
export type {
  ApplyReferenceDataArgs,
  PreviewReferenceDataArgs,
  ReferenceDataChange,
  ReferenceRowAction,
  ReferenceRowChange,
} from "./types.ts";
