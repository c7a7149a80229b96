import type { FormEvent, ReactNode } from "react";

/**
 * The card the sign-in and password pages share: a heading, labelled inputs, the server's
 * refusal as an alert, and the buttons. It is the page's <main> unless it sits inside the app's
 * shell, which has one already.
 */
export function AuthForm({
  inShell = false,
  titleId,
  head,
  error,
  onSubmit,
  children,
  actions,
}: {
  inShell?: boolean;
  /** the id of the heading inside `head`, which names the form */
  titleId: string;
  head: ReactNode;
  error: string | null;
  onSubmit(event: FormEvent): void;
  /** the fields */
  children: ReactNode;
  actions: ReactNode;
}) {
  const Outer = inShell ? "div" : "main";
  return (
    <Outer className="login">
      <form className="login-card" onSubmit={onSubmit} aria-labelledby={titleId}>
        {head}
        {children}
        {error && (
          <p role="alert" className="error-box">
            {error}
          </p>
        )}
        {actions}
      </form>
    </Outer>
  );
}

/** A required input with its label. */
export function AuthField({
  id,
  label,
  type,
  autoComplete,
  value,
  onChange,
}: {
  id: string;
  label: string;
  type?: "password";
  autoComplete: string;
  value: string;
  onChange(value: string): void;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        type={type}
        autoComplete={autoComplete}
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </>
  );
}
