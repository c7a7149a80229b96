import type { Labels } from "@loom/engine";
import { useReportWords } from "../i18n/report-words.ts";
import { ReportLabels } from "../reports/report-labels.tsx";

/**
 * A whole document's labels and description as rows of its basics grid; shared so reports and
 * dashboards name and describe themselves the same way.
 */
export function DocumentLabels({
  labels,
  description,
  readOnly,
  onChange,
}: {
  labels: Labels | undefined;
  description: Labels | undefined;
  readOnly: boolean;
  onChange(property: "labels" | "description", labels: Labels | undefined): void;
}) {
  const { w } = useReportWords();
  return (
    <>
      <span>
        {w("labelEn")} / {w("labelZh")}
      </span>
      <ReportLabels
        pointer="/labels"
        labels={labels}
        names={[w("labelEn"), w("labelZh")]}
        readOnly={readOnly}
        onChange={(next) => onChange("labels", next)}
      />
      <span>
        {w("descriptionEn")} / {w("descriptionZh")}
      </span>
      <ReportLabels
        pointer="/description"
        labels={description}
        names={[w("descriptionEn"), w("descriptionZh")]}
        optional
        readOnly={readOnly}
        onChange={(next) => onChange("description", next)}
      />
    </>
  );
}
