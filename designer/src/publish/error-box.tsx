import { ApiError } from "@loom/app/api";

/** A refusal with its code and each detail (a problem's file and line, a step that failed). */
export function ErrorBox({ error, text }: { error: Error; text: string }) {
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div role="alert" className="error-box">
      <p>
        {text}
        {error instanceof ApiError && <code className="error-code"> [{error.code}]</code>}
      </p>
      {details.length > 0 && (
        <ul>
          {details.map((detail) => (
            <li key={`${detail.path}:${detail.message}`}>
              {detail.path && <code>{detail.path}</code>} {detail.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
