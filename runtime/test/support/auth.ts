import { LoomError } from "@loom/engine";
import type { Express } from "express";
import request from "supertest";
import { hashPassword } from "../../src/auth/passwords.ts";
import { DEFAULT_SESSION_LIMITS, startSession } from "../../src/auth/sessions.ts";
import { findUserForLogin, insertUser, type User } from "../../src/auth/users.ts";
import type { Database } from "../../src/db/database.ts";
import { bootstrapSystemSchema } from "../../src/store/system-schema.ts";

/** every test user's password */
export const TEST_PASSWORD = "correct horse battery staple";

let testHash: Promise<string> | undefined;

export interface TestUserOptions {
  username?: string;
  roles?: readonly string[];
  attributes?: Readonly<Record<string, unknown>>;
  mustChangePassword?: boolean;
}

/**
 * A user with TEST_PASSWORD made straight in the database (the same one when asked again) and a
 * fresh session of theirs: `token` is what `Authorization: Bearer` carries. Default: `tester`
 * with the role admin.
 */
export async function signIn(
  db: Database,
  options: TestUserOptions = {},
): Promise<{ user: User; token: string }> {
  await bootstrapSystemSchema(db);
  testHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await testHash;
  const username = options.username ?? "tester";
  const user = await db.run(async (conn) => {
    try {
      return await insertUser(conn, {
        username,
        roles: options.roles ?? ["admin"],
        attributes: options.attributes ?? {},
        passwordHash,
        mustChangePassword: options.mustChangePassword ?? false,
      });
    } catch (error) {
      if (!(error instanceof LoomError && error.code === "user-exists")) throw error;
      return (await findUserForLogin(conn, username))!;
    }
  });
  const session = await db.run((conn) => startSession(conn, user.id, DEFAULT_SESSION_LIMITS));
  return { user, token: session.secret };
}

/** supertest for `app`, every request sending `Authorization: Bearer <token>` */
export function authed(app: Express, token: string) {
  return request.agent(app).set("Authorization", `Bearer ${token}`);
}

/** fetch, sending `Authorization: Bearer <token>` unless the call sets its own */
export function fetchWith(token: string): typeof fetch {
  return (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has("authorization")) headers.set("authorization", `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
}

export type Api = ReturnType<typeof authed>;

/** A GET whose body is kept as raw bytes (supertest would decode text and drop a byte order mark). */
export function rawGet(api: Api, path: string, language?: string) {
  const req = api
    .get(path)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => done(null, Buffer.concat(chunks)));
    });
  return language ? req.set("Accept-Language", language) : req;
}
