import type { Logger } from "pino";
import type { Database } from "../../db/database.ts";
import { currentRevision, currentRevisionId } from "../../store/revisions.ts";
import type { BuildLiveApp, LiveApp, LiveAppHolder } from "../live-app.ts";

export interface RevisionRefresher {
  /**
   * Serves the latest revision: loads it, builds its LiveApp completely, then swaps. Skipped when
   * the current revision is already `atLeast` (or the latest). Calls run one after the other, so
   * a publish and the notification of that same publish build the revision once, and the served
   * revision only ever moves forward.
   */
  refresh(atLeast?: number): Promise<LiveApp>;
  /** the LiveApp served now */
  serving(): LiveApp;
}

export function createRevisionRefresher(options: {
  db: Database;
  holder: LiveAppHolder;
  build: BuildLiveApp;
  logger: Logger;
}): RevisionRefresher {
  const { db, holder, build, logger } = options;
  let queue: Promise<unknown> = Promise.resolve();

  async function adoptLatest(atLeast: number | undefined): Promise<LiveApp> {
    const serving = holder.current.revision?.id ?? 0;
    if (atLeast !== undefined && serving >= atLeast) return holder.current;
    // the id alone first: most checks (a reconnect, our own notification) find nothing new
    const latestId = await db.run((conn) => currentRevisionId(conn));
    if (latestId === null || latestId <= serving) return holder.current;
    const revision = await db.run((conn) => currentRevision(conn));
    if (!revision || revision.id <= serving) return holder.current;
    const next = build(revision, db);
    holder.swap(next);
    logger.info({ revision: next.revision }, "serving a new revision");
    return next;
  }

  return {
    serving: () => holder.current,
    refresh(atLeast) {
      const done = queue.then(() => adoptLatest(atLeast));
      queue = done.catch(() => undefined);
      return done;
    },
  };
}
