import pg from "pg";
import type { Logger } from "pino";
import { redactUrl } from "../../db/redact-url.ts";

/** `applyPackages` sends `NOTIFY loom_revision, '<id>'` in the transaction that adds a revision. */
export const REVISION_CHANNEL = "loom_revision";
/** how the listener's connection shows in pg_stat_activity */
export const LISTENER_APPLICATION_NAME = "loom-revision-listener";

export interface RevisionListener {
  /** stops listening and closes the connection */
  close(): Promise<void>;
}

export interface ListenOptions {
  /** the PostgreSQL server the revisions are published on */
  url: string;
  logger: Logger;
  /**
   * A revision was published (its id), or the listener (re)connected and may have missed some
   * (undefined): the caller refreshes to the latest.
   */
  onRevision: (id: number | undefined) => void;
  /** the wait before reconnecting doubles after each failure, from `initialMs` up to `maxMs` */
  backoff?: { initialMs: number; maxMs: number };
}

const DEFAULT_BACKOFF = { initialMs: 100, maxMs: 10_000 };

/**
 * LISTENs for published revisions on a dedicated connection, outside the knex pool (a pooled
 * connection is handed to other work and would drop the LISTEN). Reconnects with backoff when the
 * connection is lost. Resolves after the first attempt, connected or not (it keeps retrying).
 */
export async function listenForRevisions(options: ListenOptions): Promise<RevisionListener> {
  const { url, logger, onRevision } = options;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let delay = backoff.initialMs;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  async function connect(): Promise<void> {
    retry = undefined;
    if (closed) return;
    const candidate = new pg.Client({
      connectionString: url,
      application_name: LISTENER_APPLICATION_NAME,
    });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (client === candidate) client = undefined;
      void candidate.end().catch(() => undefined);
      if (closed) return;
      logger.warn(
        { err: error, url: redactUrl(url), retryInMs: delay },
        "revision listener: connection lost",
      );
      retry = setTimeout(() => void connect(), delay);
      delay = Math.min(delay * 2, backoff.maxMs);
    };
    candidate.on("error", onLost);
    candidate.on("end", () => onLost());
    candidate.on("notification", (message) => {
      if (message.channel === REVISION_CHANNEL) onRevision(revisionId(message.payload));
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN "${REVISION_CHANNEL}"`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (closed) {
      await candidate.end();
      return;
    }
    client = candidate;
    delay = backoff.initialMs;
    onRevision(undefined);
  }

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      const open = client;
      client = undefined;
      await open?.end();
    },
  };
}

function revisionId(payload: string | undefined): number | undefined {
  const id = Number(payload);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
