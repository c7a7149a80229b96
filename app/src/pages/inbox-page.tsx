import { useLanguage } from "../i18n/language.tsx";
import { Loading } from "../layout/loading.tsx";
import { PageTitle } from "../layout/page-title.tsx";
import { SkeletonRows } from "../list/skeleton-rows.tsx";
import { Link, paths } from "../router/router.tsx";
import { useReady } from "../session/session.tsx";
import { useInbox } from "../workflow/use-inbox.tsx";

/** My open workflow tasks, oldest first, each opening its record (its title is the link). */
export function InboxPage() {
  const { model } = useReady();
  const { t, label } = useLanguage();
  const { tasks, error } = useInbox();
  const date = (iso: string) => new Date(iso).toLocaleString();
  // the table's header stays from the first paint on: skeleton rows until the tasks come
  const shown =
    tasks === null ? (error ? "nothing" : "loading") : tasks.length > 0 ? "rows" : "empty";
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <PageTitle>{t("inboxTitle")}</PageTitle>
      </header>
      {error && (
        <p role="alert" className="error-box">
          {t("error", { message: error.message })}
        </p>
      )}
      {shown === "empty" && <p className="empty-state">{t("inboxEmpty")}</p>}
      {(shown === "loading" || shown === "rows") && (
        <div className="table-wrap" aria-busy={shown === "loading"}>
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
              {tasks?.map((task) => {
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
          {shown === "loading" && <SkeletonRows columns={6} />}
          {shown === "loading" && <Loading look="unseen" />}
        </div>
      )}
    </section>
  );
}
