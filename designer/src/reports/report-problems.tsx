import { createContext, type ReactNode, useContext, useId } from "react";
import type { PlacedProblems } from "./report-problem-places.ts";

const Context = createContext<PlacedProblems>({ at: () => [], rest: [] });

export function ProblemsProvider({
  problems,
  children,
}: {
  problems: PlacedProblems;
  children: ReactNode;
}) {
  return <Context.Provider value={problems}>{children}</Context.Provider>;
}

/**
 * The problems at `pointer`: the attributes marking its input invalid and naming the list that
 * says why, and that list (to render after the input).
 */
export function useProblemsAt(pointer: string): {
  readonly messages: readonly string[];
  readonly invalid: { "aria-invalid"?: true; "aria-describedby"?: string };
  readonly list: ReactNode;
} {
  const messages = useContext(Context).at(pointer);
  const id = useId();
  if (messages.length === 0) return { messages, invalid: {}, list: null };
  return {
    messages,
    invalid: { "aria-invalid": true, "aria-describedby": id },
    list: (
      <ul className="field-errors" id={id} data-problem-at={pointer}>
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    ),
  };
}
