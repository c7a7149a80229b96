import { useLanguage } from "@loom/app/i18n";
import { usePackageWords } from "../i18n/package-words.ts";
import { useWords } from "../i18n/words.ts";
import type { ParameterStatus } from "./packages-api.ts";
import { ParameterInput } from "./parameter-input.tsx";

const SOURCE_WORDS = {
  set: "sourceSet",
  default: "sourceDefault",
  missing: "sourceMissing",
} as const;

/**
 * Parameters, each with its value in force and where it comes from (set here, the package's
 * default, missing), and an input for those `editable` allows: the page's parameters and an
 * import's missing values are the same table.
 */
export function ParameterTable({
  parameters,
  inputs,
  editable,
  invalid,
  onInput,
}: {
  parameters: readonly ParameterStatus[];
  inputs: Readonly<Record<string, string>>;
  editable(parameter: ParameterStatus): boolean;
  /** names the server refused a value of */
  invalid?: ReadonlySet<string>;
  onInput(name: string, value: string): void;
}) {
  const { w } = usePackageWords();
  const { label } = useLanguage();
  // a parameter's types are field types' names
  const { typeName } = useWords();
  // a review where nothing can be typed shows no empty column for it
  const withInputs = parameters.some(editable);
  return (
    <div className="table-wrap">
      <table className="list parameter-table">
        <thead>
          <tr>
            <th scope="col">{w("colParameter")}</th>
            <th scope="col">{w("colPackage")}</th>
            <th scope="col">{w("colType")}</th>
            <th scope="col">{w("colInForce")}</th>
            {withInputs && <th scope="col">{w("colNewValue")}</th>}
          </tr>
        </thead>
        <tbody>
          {parameters.map((parameter) => {
            const caption = label(parameter.labels, parameter.name);
            return (
              <tr key={parameter.name} data-parameter={parameter.name}>
                <th scope="row">
                  {caption} <code className="muted-code">{parameter.name}</code>
                  {parameter.secret && <span className="secret-tag">{w("secret")}</span>}
                </th>
                <td>{parameter.package}</td>
                <td>{typeName(parameter.type)}</td>
                <td>
                  {parameter.value === null ? "—" : String(parameter.value)}{" "}
                  <span className={`source-tag ${parameter.source}`}>
                    {w(SOURCE_WORDS[parameter.source])}
                  </span>
                </td>
                {withInputs && (
                  <td className="parameter-value">
                    {editable(parameter) && (
                      <ParameterInput
                        parameter={parameter}
                        label={w("valueOf", { parameter: caption })}
                        value={inputs[parameter.name] ?? ""}
                        invalid={invalid?.has(parameter.name)}
                        onChange={(value) => onInput(parameter.name, value)}
                      />
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
