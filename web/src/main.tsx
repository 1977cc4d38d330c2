import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { App } from "./app/App";
import { I18nProvider, applyLocale } from "./i18n/I18nProvider";
import { initialLocale, storedLocale } from "./i18n/locales";
import { setRequestLocale } from "./lib/api-client";
import "./index.css";

function render() {
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <BrowserRouter>
        <I18nProvider>
          <App />
        </I18nProvider>
      </BrowserRouter>
    </StrictMode>,
  );
}

// The language's catalogue first (one small file), then the app: no flash of another language.
// A chosen language goes to the server as Accept-Language; else the browser's own header does.
setRequestLocale(storedLocale());
applyLocale(initialLocale(), false)
  .catch(() => applyLocale("en", false))
  .catch(() => undefined)
  .finally(render);

if ("serviceWorker" in navigator && import.meta.env.PROD) {
  navigator.serviceWorker.register("/sw.js").catch(() => undefined);
}
