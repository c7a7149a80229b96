import type { ReactElement } from "react";
import { useProblemsAt } from "./report-problems.tsx";

/**
 * A control of the builder at `pointer`, given the attributes marking it invalid, followed by the
 * problems found there.
 */
export function AtPointer({
  pointer,
  children,
}: {
  pointer: string;
  children(invalid: object): ReactElement;
}) {
  const problems = useProblemsAt(pointer);
  return (
    <>
      {children(problems.invalid)}
      {problems.list}
    </>
  );
}

/** The problems at `pointer` alone: those of an entry as a whole, under its inputs. */
export function ProblemsAt({ pointer }: { pointer: string }) {
  return useProblemsAt(pointer).list;
}
