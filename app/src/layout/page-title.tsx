import { type ReactNode, useEffect, useRef } from "react";
import { hasNavigated } from "../router/router.tsx";

/**
 * The page's heading (`#page-title`, which names the page's section). A page mounts it when the
 * route changes to that page, and after a navigation it takes the focus: a screen reader
 * announces the new page, and the next Tab starts at the top of its content instead of from a
 * link now gone. (After sign-in too: the app's first redirect counts.)
 */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (hasNavigated()) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 id="page-title" ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
