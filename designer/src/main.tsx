import { LanguageProvider } from "@loom/app/i18n";
import { SessionProvider } from "@loom/app/session";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { DesignerApp } from "./designer-app.tsx";
import "@loom/app/styles.css";
import "./designer.css";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <LanguageProvider>
      <SessionProvider>
        <DesignerApp />
      </SessionProvider>
    </LanguageProvider>
  </StrictMode>,
);
