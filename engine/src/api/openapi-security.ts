import type { JsonSchema } from "./json-schema.ts";
import { errorAnswer } from "./openapi-components.ts";
import type { Header, Response, SecurityRequirement, SecurityScheme } from "./openapi-types.ts";

/**
 * How a request says who it acts for (runtime/src/auth/session-cookie.ts): a bearer secret, else
 * the session cookie. A secret's prefix says what it is, so the server reads one table for it.
 */
export const SECURITY_SCHEMES: Record<"bearer" | "session", SecurityScheme> = {
  bearer: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "loom_s_… (a session) or loom_t_… (an API token)",
    description:
      "`Authorization: Bearer <secret>`: the `token` of POST /api/auth/login (a session, `loom_s_…`) or of POST /api/auth/tokens (an API token, `loom_t_…`). When sent it is the only credential read, even with a cookie; an `Authorization` header of another scheme presents none.",
  },
  session: {
    type: "apiKey",
    in: "cookie",
    name: "loom_session",
    description:
      "The session cookie POST /api/auth/login sets (httpOnly, SameSite=Lax, Secure on https). A session ends at logout, after a time without requests and at its maximum age.",
  },
};

/** Every operation but the public ones: either credential will do. */
export const SIGNED_IN: SecurityRequirement[] = [{ bearer: [] }, { session: [] }];

/** For /health and signing in, which no credential is needed for. */
export const PUBLIC: SecurityRequirement[] = [];

/** What a 403 can say, and why (runtime/src/access and runtime/src/auth). */
export type ForbiddenCode =
  | "forbidden"
  | "field-forbidden"
  | "outside-scope"
  | "role-not-held"
  | "password-change-required";

const WHY: Record<ForbiddenCode, string> = {
  forbidden:
    "`forbidden`: the roles do not grant the operation; `permission` names what is missing (`<entity>.<action>`, or `administrator` for the system's own operations).",
  "field-forbidden":
    "`field-forbidden`: the body sets fields the roles may not set; `details` has the path of each (`/lines/2/unit_price`).",
  "outside-scope":
    "`outside-scope`: the record is, or would be after the change, outside the rows the roles may change; `permission` names the action.",
  "role-not-held":
    "`role-not-held`: a token can only carry roles its user acts with; `details` points at each other one.",
  "password-change-required":
    "`password-change-required`: the account still has a one-time password; only GET /api/auth/me, POST /api/auth/password and POST /api/auth/logout answer until it is changed.",
};

/** the codes whose body names the missing permission */
const NAMES_PERMISSION: readonly ForbiddenCode[] = ["forbidden", "outside-scope"];

/**
 * A 403 with exactly `codes`; where a code names the missing permission, the body must carry
 * `permission`, so a client can say what to ask an administrator for.
 */
export function forbiddenAnswer(codes: readonly ForbiddenCode[]): Response {
  const naming = codes.filter((code) => NAMES_PERMISSION.includes(code));
  // "if code is one of these then permission is required", without `then` (a thenable object)
  const rule: JsonSchema =
    naming.length === 0
      ? {}
      : {
          anyOf: [
            { not: { type: "object", properties: { code: { enum: naming } }, required: ["code"] } },
            {
              type: "object",
              properties: { permission: { type: "string" } },
              required: ["permission"],
            },
          ],
        };
  return errorAnswer(
    `Signed in, but not allowed. ${codes.map((code) => WHY[code]).join(" ")}`,
    codes,
    rule,
  );
}

/** The 403 of an operation every signed-in user may call: only one on a one-time password gets it. */
export const PASSWORD_CHANGE_REQUIRED = forbiddenAnswer(["password-change-required"]);

const WWW_AUTHENTICATE: Header = {
  description: "How to authenticate: a bearer token (or the session cookie).",
  schema: { type: "string", enum: ['Bearer realm="loom"'] },
};

/**
 * `components.responses.Unauthenticated` (every operation but the public ones) and `Forbidden`
 * (the 403 of operations a role may lack: reads of an entity, the administrators' operations).
 */
export const ACCESS_RESPONSES: Record<"Unauthenticated" | "Forbidden", Response> = {
  Unauthenticated: {
    ...errorAnswer(
      "No credential, or one that is unknown, expired, idle too long or revoked, or whose user is deactivated (all the same to the client): sign in with POST /api/auth/login.",
      ["unauthenticated"],
    ),
    headers: { "WWW-Authenticate": WWW_AUTHENTICATE },
  },
  Forbidden: forbiddenAnswer(["forbidden", "password-change-required"]),
};
