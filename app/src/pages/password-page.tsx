import { type FormEvent, useState } from "react";
import { ApiError, api } from "../api/client.ts";
import { useLanguage } from "../i18n/language.tsx";
import { useSession } from "../session/session.tsx";
import { AuthField, AuthForm } from "./auth-form.tsx";

/** Choosing one's own password, required after a one-time password set by an administrator. */
export function PasswordPage({ required }: { required: boolean }) {
  const { refresh, signOut } = useSession();
  const { t } = useLanguage();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (next !== repeat) return setError(t("passwordsDiffer"));
    setBusy(true);
    setError(null);
    try {
      await api("/api/auth/password", {
        method: "POST",
        body: { currentPassword: current, newPassword: next },
      });
      await refresh();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
      setBusy(false);
    }
  };
  return (
    <AuthForm
      inShell={!required}
      titleId="password-title"
      head={
        <>
          <h1 id="password-title">{t("changePassword")}</h1>
          {required && <p className="note">{t("mustChangePassword")}</p>}
        </>
      }
      error={error}
      onSubmit={submit}
      actions={
        <div className="buttons">
          <button type="submit" className="button primary" aria-disabled={busy}>
            {t("changePassword")}
          </button>
          <button type="button" className="button" onClick={() => void signOut()}>
            {t("signOut")}
          </button>
        </div>
      }
    >
      <AuthField
        id="current-password"
        label={t("currentPassword")}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
      />
      <AuthField
        id="new-password"
        label={t("newPassword")}
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={setNext}
      />
      <AuthField
        id="repeat-password"
        label={t("repeatPassword")}
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={setRepeat}
      />
    </AuthForm>
  );
}
