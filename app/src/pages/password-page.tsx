import { type FormEvent, useState } from "react";
import { ApiError, api } from "../api/client.ts";
import { useLanguage } from "../i18n/language.tsx";
import { useSession } from "../session/session.tsx";

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
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="password-title">
        <h1 id="password-title">{t("changePassword")}</h1>
        {required && <p className="note">{t("mustChangePassword")}</p>}
        <label htmlFor="current-password">{t("currentPassword")}</label>
        <input
          id="current-password"
          className="input"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <label htmlFor="new-password">{t("newPassword")}</label>
        <input
          id="new-password"
          className="input"
          type="password"
          autoComplete="new-password"
          required
          value={next}
          onChange={(event) => setNext(event.target.value)}
        />
        <label htmlFor="repeat-password">{t("repeatPassword")}</label>
        <input
          id="repeat-password"
          className="input"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(event) => setRepeat(event.target.value)}
        />
        {error && (
          <p role="alert" className="error-box">
            {error}
          </p>
        )}
        <div className="buttons">
          <button type="submit" className="button primary" disabled={busy}>
            {t("changePassword")}
          </button>
          <button type="button" className="button" onClick={() => void signOut()}>
            {t("signOut")}
          </button>
        </div>
      </form>
    </main>
  );
}
