import type { JsonSchema } from "./json-schema.ts";
import { errorAnswer, jsonContent, schemaRef, shared } from "./openapi-components.ts";
import { forbiddenAnswer, PASSWORD_CHANGE_REQUIRED, PUBLIC } from "./openapi-security.ts";
import { SYSTEM_TAG } from "./openapi-service-paths.ts";
import type { Header, PathItem, Response } from "./openapi-types.ts";
import { UUID } from "./value-schema.ts";

/** Component names of the auth schemas: capitalized, so no entity name can take them. */
export const USER_SCHEMA = "User";
export const API_TOKEN_SCHEMA = "ApiToken";

/** runtime/src/auth/passwords.ts: MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH */
const MAX_PASSWORD = 1024;
const MIN_NEW_PASSWORD = 12;
/** runtime/src/auth/auth-router.ts: DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS */
const DEFAULT_TOKEN_DAYS = 90;
const MAX_TOKEN_DAYS = 365;

/** 32 random bytes in base64url after the prefix that says what the secret is (secrets.ts) */
const secret = (prefix: string, description: string): JsonSchema => ({
  type: "string",
  pattern: `^${prefix}[A-Za-z0-9_-]{43}$`,
  description,
});

const ROLES: JsonSchema = { type: "array", items: { type: "string" } };
const TIMESTAMP: JsonSchema = { type: "string", format: "date-time" };

/** An API token as listed (api-tokens.ts `ApiToken`). */
const API_TOKEN: JsonSchema & { required: readonly string[] } = {
  type: "object",
  title: "API token",
  description: "Never its secret: only its creation answers that.",
  properties: {
    id: UUID,
    name: { type: "string" },
    roles: { ...ROLES, description: "The roles it acts with, within its user's at each request." },
    createdAt: TIMESTAMP,
    expiresAt: TIMESTAMP,
    revokedAt: { type: ["string", "null"], format: "date-time" },
    lastUsedAt: {
      type: ["string", "null"],
      format: "date-time",
      description: "Written at most once a minute.",
    },
  },
  required: ["id", "name", "roles", "createdAt", "expiresAt", "revokedAt", "lastUsedAt"],
  additionalProperties: false,
};

/** A user and an API token as the auth routes answer them (auth-router.ts `userView`, api-tokens.ts). */
export const AUTH_SCHEMAS: Record<string, JsonSchema> = {
  [USER_SCHEMA]: {
    type: "object",
    title: "User",
    properties: {
      id: UUID,
      username: { type: "string" },
      displayName: { type: ["string", "null"] },
      roles: { ...ROLES, description: "The roles this request acts with." },
      attributes: {
        type: "object",
        description: "What row scopes read as `$user.<name>`, e.g. `department`.",
      },
      mustChangePassword: {
        type: "boolean",
        description: "Still on a one-time password: POST /api/auth/password before anything else.",
      },
    },
    required: ["id", "username", "displayName", "roles", "attributes", "mustChangePassword"],
    additionalProperties: false,
  },
  [API_TOKEN_SCHEMA]: API_TOKEN,
};

const SESSION_SECRET = secret(
  "loom_s_",
  "The session's secret, the same as the cookie's: send it as `Authorization: Bearer`.",
);

const SET_SESSION_COOKIE: Header = {
  description: "The session cookie `loom_session`: httpOnly, SameSite=Lax, Secure on https.",
  schema: {
    type: "string",
    pattern: "^loom_session=loom_s_[A-Za-z0-9_-]{43};(?=.*; HttpOnly)(?=.*; SameSite=Lax)",
  },
};

const CLEAR_SESSION_COOKIE: Header = {
  description: "The session cookie, emptied and expired.",
  schema: { type: "string", pattern: "^loom_session=;.*; Expires=Thu, 01 Jan 1970 00:00:00 GMT" },
};

const TOO_MANY_ATTEMPTS: Response = {
  ...errorAnswer(
    "Too many failed sign-ins for this username or from this address (10 per account, 50 per address, per 15 minutes): wait `Retry-After` seconds.",
    ["too-many-attempts"],
  ),
  headers: {
    "Retry-After": {
      description: "Seconds until an attempt is allowed again.",
      schema: { type: "string", pattern: "^[1-9][0-9]*$" },
    },
  },
};

/** auth-body.ts: a body that does not parse is refused without the parser's message */
const badBody = (also: readonly string[] = []): Response =>
  errorAnswer(
    "The body is not JSON, or not the object this route takes (a missing or unknown property, a wrong type or length); `details` points at each problem and never quotes a value.",
    ["invalid-body", "malformed-json", ...also],
  );

const password = (description: string, minLength = 1): JsonSchema => ({
  type: "string",
  minLength,
  maxLength: MAX_PASSWORD,
  description,
});

/** The routes of runtime/src/auth/auth-router.ts. */
export const AUTH_PATHS: Record<string, PathItem> = {
  "/api/auth/login": {
    post: {
      operationId: "login",
      summary: "Sign in: start a session",
      description:
        "Sets the session cookie and answers its secret as `token`, for clients that send `Authorization: Bearer`. Failed attempts are throttled per username and per address.",
      tags: [SYSTEM_TAG],
      security: PUBLIC,
      requestBody: {
        required: true,
        content: jsonContent({
          type: "object",
          properties: {
            username: {
              type: "string",
              minLength: 1,
              maxLength: 200,
              description: "In any letter case.",
            },
            password: password("The user's password, or their one-time password."),
          },
          required: ["username", "password"],
          additionalProperties: false,
        }),
      },
      responses: {
        "200": {
          description:
            "Signed in. A user with `mustChangePassword` can only change it (POST /api/auth/password), see who they are and sign out.",
          headers: { "Set-Cookie": SET_SESSION_COOKIE },
          content: jsonContent({
            type: "object",
            properties: { token: SESSION_SECRET, user: schemaRef(USER_SCHEMA) },
            required: ["token", "user"],
            additionalProperties: false,
          }),
        },
        "400": badBody(),
        "401": errorAnswer(
          "Wrong username or password; an unknown or deactivated user gets the same answer, in the same time.",
          ["invalid-credentials"],
        ),
        "429": TOO_MANY_ATTEMPTS,
        ...shared("PayloadTooLarge", "UnsupportedMediaType", "ServerError"),
      },
    },
  },
  "/api/auth/logout": {
    post: {
      operationId: "logout",
      summary: "Sign out: end this session",
      description:
        "Ends the session the request came with, in every process at once, and clears the cookie. An API token has no session: revoke it instead.",
      tags: [SYSTEM_TAG],
      responses: {
        "204": {
          description: "The session is ended.",
          headers: { "Set-Cookie": CLEAR_SESSION_COOKIE },
        },
        "400": errorAnswer("The request came with an API token, not a session.", ["not-a-session"]),
        ...shared("Unauthenticated", "ServerError"),
      },
    },
  },
  "/api/auth/me": {
    get: {
      operationId: "me",
      summary: "Who am I: the user, the roles this request acts with, their attributes",
      tags: [SYSTEM_TAG],
      responses: {
        "200": {
          description: "The signed-in user, and the credential the request came with.",
          content: jsonContent({
            type: "object",
            properties: {
              user: schemaRef(USER_SCHEMA),
              via: { type: "string", enum: ["session", "token"] },
            },
            required: ["user", "via"],
            additionalProperties: false,
          }),
        },
        ...shared("Unauthenticated", "ServerError"),
      },
    },
  },
  "/api/auth/password": {
    post: {
      operationId: "changePassword",
      summary: "Change my password",
      description:
        "Needs the current password (throttled like signing in). Every other session of the user ends; the one this request came with stays.",
      tags: [SYSTEM_TAG],
      requestBody: {
        required: true,
        content: jsonContent({
          type: "object",
          properties: {
            currentPassword: password("The password (or one-time password) now."),
            newPassword: password(
              "At least 12 characters, not the current password.",
              MIN_NEW_PASSWORD,
            ),
          },
          required: ["currentPassword", "newPassword"],
          additionalProperties: false,
        }),
      },
      responses: {
        "200": {
          description: "Changed; a one-time password is one no more.",
          content: jsonContent({
            type: "object",
            properties: { user: schemaRef(USER_SCHEMA) },
            required: ["user"],
            additionalProperties: false,
          }),
        },
        "400": badBody(["weak-password", "wrong-password"]),
        "429": TOO_MANY_ATTEMPTS,
        ...shared("Unauthenticated", "PayloadTooLarge", "UnsupportedMediaType", "ServerError"),
      },
    },
  },
  "/api/auth/tokens": {
    get: {
      operationId: "listApiTokens",
      summary: "My API tokens",
      description: "Newest first, revoked and expired ones included; never their secrets.",
      tags: [SYSTEM_TAG],
      responses: {
        "200": {
          description: "The signed-in user's tokens.",
          content: jsonContent({
            type: "object",
            properties: { data: { type: "array", items: schemaRef(API_TOKEN_SCHEMA) } },
            required: ["data"],
            additionalProperties: false,
          }),
        },
        ...shared("Unauthenticated"),
        "403": PASSWORD_CHANGE_REQUIRED,
        ...shared("ServerError"),
      },
    },
    post: {
      operationId: "createApiToken",
      summary: "Create an API token for an integration",
      description:
        "The secret is answered once, here, and stored only as a hash. The token acts as its user with the roles it is given (a subset of the ones this request acts with), until it expires or is revoked.",
      tags: [SYSTEM_TAG],
      requestBody: {
        required: true,
        content: jsonContent({
          type: "object",
          properties: {
            name: {
              type: "string",
              minLength: 1,
              maxLength: 100,
              description: "What it is for.",
            },
            roles: { ...ROLES, description: "Default: every role this request acts with." },
            expiresInDays: {
              type: "integer",
              minimum: 1,
              maximum: MAX_TOKEN_DAYS,
              default: DEFAULT_TOKEN_DAYS,
            },
          },
          required: ["name"],
          additionalProperties: false,
        }),
      },
      responses: {
        "201": {
          description: "The token, with its secret: keep it, it is not shown again.",
          content: jsonContent({
            ...API_TOKEN,
            title: "New API token",
            properties: {
              ...API_TOKEN.properties,
              token: secret("loom_t_", "Send it as `Authorization: Bearer`."),
            },
            required: [...API_TOKEN.required, "token"],
          }),
        },
        "400": badBody(),
        ...shared("Unauthenticated"),
        "403": forbiddenAnswer(["role-not-held", "password-change-required"]),
        ...shared("PayloadTooLarge", "UnsupportedMediaType", "ServerError"),
      },
    },
  },
  "/api/auth/tokens/{id}": {
    delete: {
      operationId: "revokeApiToken",
      summary: "Revoke one of my API tokens",
      description: "It is refused from the very next request, in every process.",
      tags: [SYSTEM_TAG],
      parameters: [
        { name: "id", in: "path", required: true, description: "The token's id.", schema: UUID },
      ],
      responses: {
        "204": { description: "Revoked." },
        "400": errorAnswer("The id is no uuid.", ["bad-id", "bad-request"]),
        ...shared("Unauthenticated"),
        "403": PASSWORD_CHANGE_REQUIRED,
        "404": errorAnswer(
          "The user has no live token with this id (revoked already, or not theirs).",
          ["unknown-token"],
        ),
        ...shared("ServerError"),
      },
    },
  },
};
