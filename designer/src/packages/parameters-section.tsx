import { ApiError } from "@loom/app/api";
import { useState } from "react";
import { usePackageWords } from "../i18n/package-words.ts";
import { ErrorBox } from "../publish/error-box.tsx";
import { type ParameterStatus, packagesApi } from "./packages-api.ts";
import { initialText } from "./parameter-input.tsx";
import { ParameterTable } from "./parameter-table.tsx";

/**
 * This environment's parameter values: each can be set here (never by an upgrade); a secret's
 * input starts empty, and left empty keeps what is stored. Only changed values are sent.
 */
export function ParametersSection({
  parameters,
  onSaved,
}: {
  parameters: readonly ParameterStatus[];
  onSaved(parameters: readonly ParameterStatus[]): void;
}) {
  const { w } = usePackageWords();
  // what is typed over the values in force (read again after each save or import)
  const [edits, setEdits] = useState<Record<string, string>>({});
  const inputs = Object.fromEntries(
    parameters.map((p) => [p.name, edits[p.name] ?? initialText(p)]),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [saved, setSaved] = useState(false);
  const changed = Object.fromEntries(
    parameters
      .filter((p) => inputs[p.name] !== initialText(p) && !(p.secret && inputs[p.name] === ""))
      .map((p) => [p.name, inputs[p.name]!]),
  );
  const count = Object.keys(changed).length;
  const save = async () => {
    if (count === 0 || busy) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const answer = await packagesApi.setParameters(changed);
      setEdits({});
      setSaved(true);
      onSaved(answer.parameters);
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setBusy(false);
    }
  };
  // `/parameters/<name>`: the server's pointer into the values it refused
  const invalid = new Set(
    error instanceof ApiError
      ? error.details.map((detail) => detail.path.split("/").pop() ?? "")
      : [],
  );
  return (
    <section className="packages-section" aria-labelledby="parameters-title">
      <h2 id="parameters-title">{w("parametersTitle")}</h2>
      <p className="hint">{w("parametersHelp")}</p>
      {parameters.length === 0 ? (
        <p className="note">{w("noParameters")}</p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <ParameterTable
            parameters={parameters}
            inputs={inputs}
            editable={() => true}
            invalid={invalid}
            onInput={(name, value) => {
              setSaved(false);
              setEdits((before) => ({ ...before, [name]: value }));
            }}
          />
          {error && <ErrorBox error={error} text={w("notSaved", { message: error.message })} />}
          <div className="buttons">
            <button type="submit" className="button primary" aria-disabled={count === 0 || busy}>
              {busy ? w("saving") : w("saveValues")}
            </button>
            <span role="status" className="notice">
              {saved ? w("valuesSaved") : ""}
            </span>
          </div>
        </form>
      )}
    </section>
  );
}
