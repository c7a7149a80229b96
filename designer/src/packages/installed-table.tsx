import { useLanguage } from "@loom/app/i18n";
import { usePackageWords } from "../i18n/package-words.ts";
import { type InstalledPackage, packagesApi } from "./packages-api.ts";

/**
 * The packages installed here: version, layer, what they build on, who installed them when; each
 * exported as a zip (a link: the session cookie signs the download) or rolled back after a preview.
 */
export function InstalledTable({
  packages,
  busy,
  onRollBack,
}: {
  packages: readonly InstalledPackage[];
  /** a package whose rollback is being previewed */
  busy: string | null;
  onRollBack(name: string): void;
}) {
  const { w } = usePackageWords();
  const { label, language } = useLanguage();
  const when = (iso: string) =>
    new Date(iso).toLocaleString(language, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section className="packages-section" aria-labelledby="installed-title">
      <h2 id="installed-title">{w("installedTitle")}</h2>
      {packages.length === 0 ? (
        <p className="note">{w("noPackages")}</p>
      ) : (
        <div className="table-wrap">
          <table className="list installed-packages">
            <thead>
              <tr>
                <th scope="col">{w("colPackage")}</th>
                <th scope="col">{w("colVersion")}</th>
                <th scope="col">{w("colLayer")}</th>
                <th scope="col">{w("colDependsOn")}</th>
                <th scope="col">{w("colInstalled")}</th>
                <th scope="col">{w("colInstalledBy")}</th>
                <th scope="col">
                  <span className="visually-hidden">{w("colActions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {packages.map((pkg) => (
                <tr key={pkg.name} data-package={pkg.name}>
                  <th scope="row">
                    {label(pkg.labels, pkg.name)} <code className="muted-code">{pkg.name}</code>
                  </th>
                  <td>{pkg.version}</td>
                  <td>{w(pkg.layer === "base" ? "layerBase" : "layerCustomization")}</td>
                  <td>
                    {Object.entries(pkg.dependsOn)
                      .map(([name, range]) => `${name} ${range}`)
                      .join(", ") || "—"}
                  </td>
                  <td>{when(pkg.installedAt)}</td>
                  <td>{pkg.installedBy}</td>
                  <td>
                    <div className="buttons row-actions">
                      <a
                        className="button small"
                        href={packagesApi.exportUrl(pkg.name)}
                        download={`${pkg.name}-${pkg.version}.zip`}
                        aria-label={w("exportPackage", { package: pkg.name })}
                      >
                        {w("export")}
                      </a>
                      <button
                        type="button"
                        className="button small"
                        aria-disabled={busy !== null}
                        aria-label={w("rollBackPackage", { package: pkg.name })}
                        onClick={() => busy === null && onRollBack(pkg.name)}
                      >
                        {busy === pkg.name ? w("previewing") : w("rollBack")}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
