import { type Express, Router } from "express";
import pino from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFirstAdmin } from "../src/auth/first-admin.ts";
import { addUser } from "../src/auth/manage-users.ts";
import { listUsers } from "../src/auth/users.ts";
import type { Database } from "../src/db/database.ts";
import { createHttpApp } from "../src/server/http-app.ts";
import { buildLiveApp, LiveAppHolder } from "../src/server/live-app.ts";
import { bootstrapSystemSchema } from "../src/store/system-schema.ts";
import { authed } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";

const PASSWORD = "wang's long password";
const ONE_TIME = "one-time-password-42";
const LIMITS = {
  session: { idleMinutes: 30, maxHours: 8 },
  login: {
    perAccount: { attempts: 3, windowMinutes: 15 },
    perAddress: { attempts: 30, windowMinutes: 15 },
  },
};

describe.each(testDatabases())("authentication on $name", (target) => {
  let db: Database & { dispose(): Promise<void> };
  let app: Express;
  const logLines: string[] = [];
  /** every secret a test handled: none may show in a log line or an error body */
  const secrets = new Set<string>([PASSWORD, ONE_TIME]);
  const errorBodies: string[] = [];

  /** an app whose one data route answers with the request's principal */
  const appWith = (options: { trustProxy?: boolean; addressAttempts?: number } = {}) => {
    const logger = pino({ level: "debug" }, { write: (line: string) => logLines.push(line) });
    const router = Router();
    router.get("/api/whoami", (req, res) => {
      res.json(req.principal);
    });
    const holder = new LiveAppHolder(buildLiveApp(null, db));
    holder.swap({ revision: null, model: null, router, workflow: null });
    const perAddress = { ...LIMITS.login.perAddress, attempts: options.addressAttempts ?? 30 };
    return createHttpApp(holder, db, logger, {
      auth: { ...LIMITS, login: { ...LIMITS.login, perAddress } },
      trustProxy: options.trustProxy,
    });
  };

  const login = async (username: string, password: string, from = "app") => {
    const res = await request(from === "app" ? app : appWith())
      .post("/api/auth/login")
      .send({
        username,
        password,
      });
    if (res.status >= 400) errorBodies.push(res.text);
    if (res.body.token) secrets.add(res.body.token);
    return res;
  };
  const tokenOf = async (username: string, password = PASSWORD) => {
    const res = await login(username, password);
    expect(res.status, res.text).toBe(200);
    return res.body.token as string;
  };
  const as = (token: string) => authed(app, token);

  beforeAll(async () => {
    db = await target.open();
    await bootstrapSystemSchema(db);
    app = appWith();
    await addUser(db, {
      username: "wang",
      displayName: "Wang Fang",
      roles: ["sales_rep", "clerk"],
      attributes: { department: "export", manager: "li", limit: 5000 },
      password: PASSWORD,
    });
    for (const username of ["li", "zhao", "sun", "zhou", "wu"])
      await addUser(db, { username, roles: ["sales_rep"], attributes: {}, password: PASSWORD });
  });
  afterAll(() => db?.dispose());

  it("signs in with the right password: a token, the user, and the session cookie", async () => {
    const res = await login("WANG", PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^loom_s_[A-Za-z0-9_-]{43}$/);
    expect(res.body.user).toEqual({
      id: expect.any(String),
      username: "wang",
      displayName: "Wang Fang",
      roles: ["sales_rep", "clerk"],
      attributes: { department: "export", manager: "li", limit: 5000 },
      mustChangePassword: false,
    });
    const [cookie] = res.headers["set-cookie"] as unknown as string[];
    expect(cookie).toMatch(new RegExp(`^loom_session=${res.body.token};`));
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Expires=/);
    expect(cookie).not.toMatch(/Secure/);
    const stored = await db.run(
      async (k) => (await k.raw(`SELECT token_hash FROM loom_sys.sessions`)).rows,
    );
    expect(JSON.stringify(stored)).not.toContain(res.body.token);
  });

  it("marks the cookie Secure when the request came over https (through a trusted proxy)", async () => {
    const res = await request(appWith({ trustProxy: true }))
      .post("/api/auth/login")
      .set("X-Forwarded-Proto", "https")
      .send({ username: "wang", password: PASSWORD });
    secrets.add(res.body.token);
    const [cookie] = res.headers["set-cookie"] as unknown as string[];
    expect(cookie).toMatch(/; Secure/);
  });

  it("accepts the token as a bearer token and as the cookie, and sets the principal", async () => {
    const token = await tokenOf("wang");
    const bearer = await as(token).get("/api/whoami");
    expect(bearer.status).toBe(200);
    expect(bearer.body).toEqual({
      userId: expect.any(String),
      username: "wang",
      roles: ["sales_rep", "clerk"],
      attributes: { department: "export", manager: "li", limit: 5000 },
      via: "session",
    });
    const cookie = await request(app).get("/api/whoami").set("Cookie", `loom_session=${token}`);
    expect(cookie.body).toEqual(bearer.body);
    const me = await as(token).get("/api/auth/me");
    expect(me.body).toMatchObject({ user: { username: "wang" }, via: "session" });
  });

  it("refuses a wrong password and an unknown user with the same 401", async () => {
    const wrong = await login("li", "not the password");
    const unknown = await login("nobody", "not the password");
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers["set-cookie"]).toBeUndefined();
    }
    const { requestId: _a, ...wrongBody } = wrong.body;
    const { requestId: _b, ...unknownBody } = unknown.body;
    expect(wrongBody).toEqual(unknownBody);
    expect(wrongBody).toMatchObject({ code: "invalid-credentials" });
  });

  it("answers 401 unauthenticated without or with a bad credential, saying how to sign in", async () => {
    const bad = "loom_s_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    for (const res of [
      await request(app).get("/api/whoami"),
      await request(app).get("/api/whoami").set("Authorization", `Bearer ${bad}`),
      await request(app).get("/api/whoami").set("Authorization", "Basic d2FuZzp4"),
      await request(app).get("/api/whoami").set("Cookie", `loom_session=${bad}`),
      await request(app).get("/metrics"),
      await request(app).get("/api/meta"),
      await request(app).get("/api/no-such-route"),
      await request(app).get("/api/auth/login"),
    ]) {
      expect(res.status).toBe(401);
      expect(res.body.code).toBe("unauthenticated");
      expect(res.body.message).toContain("POST /api/auth/login");
      expect(res.headers["www-authenticate"]).toBe('Bearer realm="loom"');
    }
    expect((await request(app).get("/health")).status).toBe(200);
  });

  it("ends the session on logout: the next request is refused and the cookie cleared", async () => {
    const token = await tokenOf("wang");
    const other = await tokenOf("wang");
    const out = await as(token).post("/api/auth/logout");
    expect(out.status).toBe(204);
    expect((out.headers["set-cookie"] as unknown as string[])[0]).toMatch(
      /^loom_session=;.*Expires=Thu, 01 Jan 1970/,
    );
    expect((await as(token).get("/api/whoami")).status).toBe(401);
    expect((await as(other).get("/api/whoami")).status).toBe(200);
  });

  it("refuses a session past its absolute or idle limit", async () => {
    const expired = await tokenOf("wang");
    const idle = await tokenOf("wang");
    const fresh = await tokenOf("wang");
    expect((await as(expired).get("/api/whoami")).status).toBe(200);
    await db.run(async (k) => {
      const [a, b] = await Promise.all(
        [expired, idle].map(
          async (t) =>
            (
              await k.raw(
                `SELECT id FROM loom_sys.sessions WHERE token_hash = encode(sha256(?::bytea), 'hex')`,
                [t],
              )
            ).rows[0].id,
        ),
      );
      await k.raw(
        `UPDATE loom_sys.sessions SET expires_at = now() - interval '1 second' WHERE id = ?`,
        [a],
      );
      await k.raw(
        `UPDATE loom_sys.sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = ?`,
        [b],
      );
    });
    expect((await as(expired).get("/api/whoami")).status).toBe(401);
    expect((await as(idle).get("/api/whoami")).status).toBe(401);
    expect((await as(fresh).get("/api/whoami")).status).toBe(200);
  });

  it("keeps a session alive while it is used: last_seen moves, at most once a minute", async () => {
    const token = await tokenOf("wang");
    const lastSeen = async () =>
      db.run(
        async (k) =>
          (
            await k.raw(
              `SELECT last_seen_at FROM loom_sys.sessions WHERE token_hash = encode(sha256(?::bytea), 'hex')`,
              [token],
            )
          ).rows[0].last_seen_at as Date,
      );
    await db.run((k) =>
      k.raw(
        `UPDATE loom_sys.sessions SET last_seen_at = now() - interval '29 minutes' WHERE token_hash = encode(sha256(?::bytea), 'hex')`,
        [token],
      ),
    );
    const before = await lastSeen();
    expect((await as(token).get("/api/whoami")).status).toBe(200);
    const touched = await lastSeen();
    expect(touched.getTime()).toBeGreaterThan(before.getTime() + 28 * 60_000);
    expect((await as(token).get("/api/whoami")).status).toBe(200);
    expect((await lastSeen()).getTime()).toBe(touched.getTime());
  });

  it("creates API tokens scoped to the user's roles, lists them without secrets, revokes them", async () => {
    const session = await tokenOf("wang");
    const created = await as(session)
      .post("/api/auth/tokens")
      .send({ name: "erp bridge", roles: ["clerk"], expiresInDays: 30 });
    expect(created.status).toBe(201);
    const { token, id } = created.body;
    secrets.add(token);
    expect(token).toMatch(/^loom_t_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({ name: "erp bridge", roles: ["clerk"], revokedAt: null });
    const days = (Date.parse(created.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);

    const principal = await as(token).get("/api/whoami");
    expect(principal.body).toMatchObject({ username: "wang", roles: ["clerk"], via: "token" });

    const listed = await as(session).get("/api/auth/tokens");
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([
      expect.objectContaining({
        id,
        name: "erp bridge",
        roles: ["clerk"],
        lastUsedAt: expect.any(String),
      }),
    ]);
    expect(listed.text).not.toContain(token);
    const hashes = await db.run(
      async (k) => (await k.raw(`SELECT * FROM loom_sys.api_tokens`)).rows,
    );
    expect(JSON.stringify(hashes)).not.toContain(token);

    // another user neither sees nor revokes it
    const li = await tokenOf("li");
    expect((await as(li).get("/api/auth/tokens")).body.data).toEqual([]);
    expect((await as(li).delete(`/api/auth/tokens/${id}`)).status).toBe(404);

    expect((await as(session).delete(`/api/auth/tokens/${id}`)).status).toBe(204);
    const refused = await as(token).get("/api/whoami");
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe("unauthenticated");
    expect((await as(session).delete(`/api/auth/tokens/${id}`)).status).toBe(404);
    expect((await as(session).get("/api/auth/tokens")).body.data[0].revokedAt).toEqual(
      expect.any(String),
    );
  });

  it("refuses a token for roles the user does not hold, and narrows a token when the user loses a role", async () => {
    const session = await tokenOf("wang");
    const foreign = await as(session)
      .post("/api/auth/tokens")
      .send({ name: "x", roles: ["admin"] });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({
      code: "role-not-held",
      details: [{ path: "/roles/0", message: expect.stringContaining("admin") }],
    });
    const bad = await as(session)
      .post("/api/auth/tokens")
      .send({ name: "", expiresInDays: 0, x: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "/expiresInDays",
      "/name",
      "/x",
    ]);

    const all = await as(session).post("/api/auth/tokens").send({ name: "all my roles" });
    secrets.add(all.body.token);
    expect(all.body.roles).toEqual(["sales_rep", "clerk"]);
    await db.run((k) =>
      k.raw(`UPDATE loom_sys.users SET roles = '{sales_rep}' WHERE username = 'wang'`),
    );
    try {
      expect((await as(all.body.token).get("/api/whoami")).body.roles).toEqual(["sales_rep"]);
    } finally {
      await db.run((k) =>
        k.raw(`UPDATE loom_sys.users SET roles = '{sales_rep,clerk}' WHERE username = 'wang'`),
      );
    }
  });

  it("refuses an expired token and every credential of a deactivated user", async () => {
    const session = await tokenOf("zhou");
    const created = await as(session).post("/api/auth/tokens").send({ name: "short" });
    secrets.add(created.body.token);
    await db.run((k) =>
      k.raw(
        `UPDATE loom_sys.api_tokens SET expires_at = now() - interval '1 second' WHERE id = ?`,
        [created.body.id],
      ),
    );
    expect((await as(created.body.token).get("/api/whoami")).status).toBe(401);

    await db.run((k) => k.raw(`UPDATE loom_sys.users SET active = false WHERE username = 'zhou'`));
    expect((await as(session).get("/api/whoami")).status).toBe(401);
    const res = await login("zhou", PASSWORD);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("invalid-credentials");
  });

  it("throttles guessing one account: 429 too-many-attempts with Retry-After, logged", async () => {
    for (let i = 0; i < LIMITS.login.perAccount.attempts; i++)
      expect((await login("sun", `guess number ${i}`)).status).toBe(401);
    // even the right password waits now
    const throttled = await login("sun", PASSWORD);
    expect(throttled.status).toBe(429);
    expect(throttled.body.code).toBe("too-many-attempts");
    expect(Number(throttled.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(throttled.headers["retry-after"])).toBeLessThanOrEqual(15 * 60);
    // other accounts are not locked by it
    expect((await login("wu", PASSWORD)).status).toBe(200);

    const lines = logLines.map((line) => JSON.parse(line));
    const failed = lines.filter((l) => l.msg.startsWith("sign-in failed") && l.username === "sun");
    expect(failed).toHaveLength(3);
    expect(failed[0]).toMatchObject({ level: 40, address: expect.any(String) });
    const warned = lines.filter((l) => l.msg === "sign-in throttled" && l.username === "sun");
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({
      level: 40,
      address: expect.any(String),
      retryAfterSeconds: expect.any(Number),
    });
  });

  it("throttles one address trying many accounts", async () => {
    // a fresh app: fresh counters; its address is 127.0.0.1 for every request
    const fresh = appWith({ addressAttempts: 8 });
    const attempt = (username: string) =>
      request(fresh).post("/api/auth/login").send({ username, password: "wrong password!" });
    for (let i = 0; i < 8; i++) expect((await attempt(`user${i}`)).status).toBe(401);
    const res = await attempt("someone-else");
    expect(res.status).toBe(429);
    errorBodies.push(res.text);
  });

  it("makes a user with a one-time password change it before anything else", async () => {
    await addUser(db, {
      username: "new.hire",
      roles: ["clerk"],
      attributes: {},
      password: ONE_TIME,
    });
    await db.run((k) =>
      k.raw(`UPDATE loom_sys.users SET must_change_password = true WHERE username = 'new.hire'`),
    );
    const first = await login("new.hire", ONE_TIME);
    expect(first.body.user.mustChangePassword).toBe(true);
    const other = (await login("new.hire", ONE_TIME)).body.token as string;
    const token = first.body.token as string;

    const blocked = await as(token).get("/api/whoami");
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe("password-change-required");
    expect((await as(token).post("/api/auth/tokens").send({ name: "x" })).status).toBe(403);
    expect((await as(token).get("/api/auth/me")).status).toBe(200);

    const short = await as(token)
      .post("/api/auth/password")
      .send({ currentPassword: ONE_TIME, newPassword: "short" });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({
      code: "weak-password",
      details: [{ path: "/newPassword" }],
    });
    const wrong = await as(token)
      .post("/api/auth/password")
      .send({ currentPassword: "not my password", newPassword: "a much better password" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe("wrong-password");
    errorBodies.push(short.text, wrong.text);

    const newPassword = "a much better password";
    secrets.add(newPassword);
    const changed = await as(token)
      .post("/api/auth/password")
      .send({ currentPassword: ONE_TIME, newPassword });
    expect(changed.status).toBe(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    expect((await as(token).get("/api/whoami")).status).toBe(200);
    // the other session, opened with the one-time password, is over
    expect((await as(other).get("/api/auth/me")).status).toBe(401);
    expect((await login("new.hire", ONE_TIME)).status).toBe(401);
    expect((await login("new.hire", newPassword)).status).toBe(200);
  });

  it("never echoes a malformed sign-in body", async () => {
    const res = await request(app)
      .post("/api/auth/login")
      .set("Content-Type", "application/json")
      .send(`{"username":"wang","password":"${PASSWORD}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "malformed-json", details: [] });
    errorBodies.push(res.text);
    const shape = await request(app)
      .post("/api/auth/login")
      .send({ username: "wang", password: 5 });
    expect(shape.status).toBe(400);
    expect(shape.body.details).toEqual([{ path: "/password", message: "must be a string" }]);
  });

  it("writes no password, token or cookie into a log line or an error body", async () => {
    expect(logLines.length).toBeGreaterThan(20);
    expect(secrets.size).toBeGreaterThan(10);
    for (const secret of secrets) {
      for (const line of logLines) expect(line).not.toContain(secret);
      for (const body of errorBodies) expect(body).not.toContain(secret);
    }
    // the sign-in lines name the user and the address, nothing of the attempt
    const signedIn = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === "signed in");
    expect(Object.keys(signedIn).sort()).toEqual(
      ["address", "hostname", "level", "msg", "pid", "req", "time", "username"].sort(),
    );
  });
});

describe.each(testDatabases())("the first administrator on $name", (target) => {
  let db: Database & { dispose(): Promise<void> };
  beforeAll(async () => {
    db = await target.open();
    await bootstrapSystemSchema(db);
  });
  afterAll(() => db?.dispose());

  it("is created once, by one of several starts at the same time, and only on a database without users", async () => {
    const made = await Promise.all([createFirstAdmin(db), createFirstAdmin(db)]);
    expect(made.filter(Boolean)).toEqual([{ username: "admin", password: expect.any(String) }]);
    const users = await db.run((k) => listUsers(k));
    expect(users).toEqual([
      expect.objectContaining({ username: "admin", roles: ["admin"], mustChangePassword: true }),
    ]);
    expect(await createFirstAdmin(db)).toBeUndefined();
  });
});
