import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router-dom";
import { RegisterPage } from "../features/register/RegisterPage";
import { useT } from "../i18n/I18nProvider";
import type { AdminPage } from "../features/admin/AdminApp";

// The public registration page is what most people open, often on a slow phone: it ships alone.
// The admin dashboard, the scanner (with its QR decoder) and the holders' pages (/my) load only
// when their route is opened.
// The admin brings its own catalogue (i18n/admin.ts), fetched beside its code.
const AdminApp = lazy(() => Promise.all([import("../features/admin/AdminApp"), import("../i18n/admin").then((m) => m.loadAdminCatalogue())])
  .then(([m]) => ({ default: m.AdminApp })));
const HolderApp = lazy(() => import("../features/holder/HolderApp").then((m) => ({ default: m.HolderApp })));
const ScannerApp = lazy(() => import("../features/scanner/ScannerApp").then((m) => ({ default: m.ScannerApp })));
// Admin → Devices (gate devices, docs/devices.md): its own feature, wired into the admin here.
const DevicesPage = lazy(() => import("../features/devices/DevicesPage").then((m) => ({ default: m.DevicesPage })));
const ADMIN_PAGES: AdminPage[] = [{ path: "devices", label: "admin.app.devices", adminOnly: true, element: <DevicesPage /> }];
// A holder's mailed ticket link (/t/<token>): no account, loads on its own.
const TicketLinkPage = lazy(() => import("../features/ticket-link/TicketLinkPage").then((m) => ({ default: m.TicketLinkPage })));

function Loading() {
  const { t } = useT();
  return <p className="p-6 text-center text-gray-500" role="status">{t("common.loading")}</p>;
}

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/admin/*" element={<AdminApp pages={ADMIN_PAGES} />} />
        <Route path="/scan/*" element={<ScannerApp />} />
        <Route path="/my/*" element={<HolderApp />} />
        <Route path="/t/:token" element={<TicketLinkPage />} />
        <Route path="*" element={<RegisterPage />} />
      </Routes>
    </Suspense>
  );
}
