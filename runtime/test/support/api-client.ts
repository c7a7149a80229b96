import type { Database } from "../../src/db/database.ts";
import { fetchWith, signIn } from "./auth.ts";

export type Json = Record<string, unknown>;

export interface Answer {
  status: number;
  body: Json;
}

/**
 * JSON calls to a running server as its users: `as(name, roles, attributes)` signs a user in on
 * first use (made with those roles) and gives their fetch; `call` sends one request and reads the
 * JSON answer. `app` is read at call time (useSampleServer fills it in beforeAll).
 */
export function apiClient(app: { readonly db: Database; readonly server: { url: string } }) {
  const users = new Map<string, typeof fetch>();
  return {
    async as(username: string, roles: string[] = [], attributes: Json = {}): Promise<typeof fetch> {
      let found = users.get(username);
      if (!found) {
        found = fetchWith((await signIn(app.db, { username, roles, attributes })).token);
        users.set(username, found);
      }
      return found;
    },
    async call(who: typeof fetch, method: string, path: string, body?: unknown): Promise<Answer> {
      const res = await who(`${app.server.url}${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Json };
    },
  };
}
