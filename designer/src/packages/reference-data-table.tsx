import { usePackageWords } from "../i18n/package-words.ts";
import type { ReferenceDataChange } from "./packages-api.ts";

const COUNTS = [
  ["create", "colCreate"],
  ["update", "colUpdate"],
  ["unchanged", "colUnchanged"],
  ["keptLocal", "colKeptLocal"],
  ["overwriteLocal", "colOverwriteLocal"],
  ["removedFromPackage", "colRemovedFromPackage"],
] as const;

const POLICY_WORDS = {
  always: "policyAlways",
  "create-only": "policyCreateOnly",
  never: "policyNever",
} as const;

/** The reference data an import writes, a row per data file: how many rows each outcome has. */
export function ReferenceDataTable({ changes }: { changes: readonly ReferenceDataChange[] }) {
  const { w } = usePackageWords();
  return (
    <section aria-labelledby="reference-data-title">
      <h3 id="reference-data-title">{w("referenceDataTitle")}</h3>
      {changes.length === 0 ? (
        <p className="note">{w("noReferenceData")}</p>
      ) : (
        <div className="table-wrap">
          <table className="list reference-data" data-testid="reference-data">
            <thead>
              <tr>
                <th scope="col">{w("colFile")}</th>
                <th scope="col">{w("colEntity")}</th>
                <th scope="col">{w("colPolicy")}</th>
                {COUNTS.map(([key, word]) => (
                  <th key={key} scope="col" className="numeric">
                    {w(word)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => (
                <tr key={`${change.package}/${change.file ?? change.entity}`}>
                  <th scope="row">
                    <code>
                      {change.package}/{change.file ?? w("fileGone", { entity: change.entity })}
                    </code>
                  </th>
                  <td>{change.entity}</td>
                  <td>{change.policy === null ? "—" : w(POLICY_WORDS[change.policy])}</td>
                  {COUNTS.map(([key]) => (
                    <td key={key} className={`numeric${change[key] > 0 ? " counted" : ""}`}>
                      {change[key]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
