import { type FormEvent, useState } from "react";
import { ApiError, api } from "../api/client.ts";
import type { User } from "../api/types.ts";
import { useLanguage } from "../i18n/language.tsx";
import { LanguageSwitch } from "../layout/language-switch.tsx";
import { noteNavigation } from "../router/router.tsx";
import { useSession } from "../session/session.tsx";
import { AuthField, AuthForm } from "./auth-form.tsx";

/** Sign-in: the server sets the session cookie; the app then reads who I am and the model. */
export function LoginPage() {
  const { refresh } = useSession();
  const { t } = useLanguage();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api<{ user: User }>("/api/auth/login", {
        method: "POST",
        body: { username, password },
      });
      noteNavigation();
      await refresh();
    } catch (caught) {
      setError(loginMessage(caught, t));
      setBusy(false);
    }
  };
  return (
    <AuthForm
      titleId="login-title"
      head={
        <div className="login-head">
          <h1 id="login-title">{t("appName")}</h1>
          <LanguageSwitch />
        </div>
      }
      error={error}
      onSubmit={submit}
      actions={
        <button type="submit" className="button primary" aria-disabled={busy}>
          {busy ? t("signingIn") : t("signIn")}
        </button>
      }
    >
      <AuthField
        id="username"
        label={t("username")}
        autoComplete="username"
        value={username}
        onChange={setUsername}
      />
      <AuthField
        id="password"
        label={t("password")}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
      />
    </AuthForm>
  );
}

function loginMessage(error: unknown, t: ReturnType<typeof useLanguage>["t"]): string {
  if (error instanceof ApiError && error.code === "invalid-credentials")
    return t("invalidCredentials");
  if (error instanceof ApiError && error.code === "too-many-attempts") {
    const seconds = /(\d+) seconds/.exec(error.message)?.[1] ?? "60";
    return t("tooManyAttempts", { seconds });
  }
  return error instanceof Error ? error.message : String(error);
}
