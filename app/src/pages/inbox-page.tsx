import { useLanguage } from "../i18n/language.tsx";
import { Link, paths } from "../router/router.tsx";
import { useReady } from "../session/session.tsx";
import { useInbox } from "../workflow/use-inbox.tsx";

/** My open workflow tasks, oldest first, each opening its record. */
export function InboxPage() {
  const { model } = useReady();
  const { t, label } = useLanguage();
  const { tasks, error } = useInbox();
  const date = (iso: string) => new Date(iso).toLocaleString();
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t("inboxTitle")}</h1>
      </header>
      {error && (
        <p role="alert" className="error-box">
          {t("error", { message: error.message })}
        </p>
      )}
      {tasks === null ? (
        <p className="loading">{t("loading")}</p>
      ) : tasks.length === 0 ? (
        <p className="empty-state">{t("inboxEmpty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="list inbox">
            <thead>
              <tr>
                <th scope="col">{t("title")}</th>
                <th scope="col">{t("entity")}</th>
                <th scope="col">{t("step")}</th>
                <th scope="col">{t("requester")}</th>
                <th scope="col">{t("received")}</th>
                <th scope="col">{t("due")}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => {
                const overdue = task.dueAt !== null && new Date(task.dueAt) < new Date();
                return (
                  <tr key={task.id}>
                    <td>
                      <Link to={paths.record(task.entity, task.recordId)}>
                        {task.title === null ? task.recordId : String(task.title)}
                      </Link>
                    </td>
                    <td>{label(model.entities[task.entity]?.labels, task.entity)}</td>
                    <td>{label(task.nodeLabels, task.node)}</td>
                    <td>{task.requester ?? "—"}</td>
                    <td>{date(task.createdAt)}</td>
                    <td className={overdue ? "overdue" : undefined}>
                      {task.dueAt ? date(task.dueAt) : "—"}
                      {overdue && ` (${t("overdue")})`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
