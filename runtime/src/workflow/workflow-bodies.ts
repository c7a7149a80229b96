import { checkAuthBody } from "../auth/auth-body.ts";

const COMMENT = { type: "string", max: 4000 } as const;

/** `{ comment? }` of a workflow action; no body at all is no comment. */
export function actionBody(body: unknown): { comment: string | null } {
  const { comment } = checkAuthBody<{ comment?: string }>(body ?? {}, { comment: COMMENT });
  return { comment: comment?.trim() || null };
}

/** `{ to, comment? }` of handing a task over to another user. */
export function handoverBody(body: unknown): { to: string; comment: string | null } {
  const { to, comment } = checkAuthBody<{ to: string; comment?: string }>(body, {
    to: { type: "string", required: true, min: 1, max: 100 },
    comment: COMMENT,
  });
  return { to, comment: comment?.trim() || null };
}
