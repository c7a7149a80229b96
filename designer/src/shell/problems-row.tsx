import type { Issue } from "@loom/engine";

/** A table row under the row whose problems it lists, each with its JSON pointer. */
export function ProblemsRow(props: {
  readonly className: string;
  readonly colSpan: number;
  readonly id: string;
  readonly issues: readonly Issue[];
}) {
  return (
    <tr className={props.className}>
      <td colSpan={props.colSpan}>
        <ul id={props.id}>
          {props.issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <code>{issue.path}</code> {issue.message}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}
