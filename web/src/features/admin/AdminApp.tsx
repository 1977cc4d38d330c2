// /admin: login, then a layout with navbar + sidebar. Viewers get the same screens read-only
// (action buttons absent); the server enforces roles regardless. /admin/forgot-password and
// /admin/reset-password#token=… need no sign-in. Every staff role (scanners too) reaches
// /admin/security (two-factor sign-in); a 403 second_factor_enrolment_required sends the user there.
import { lazy, Suspense, useEffect, useState, type ReactNode } from "react";
import { Link, Navigate, NavLink, Route, Routes, useLocation } from "react-router-dom";
import { AuthProvider, useAuth } from "../../lib/auth";
import { Button, LoginForm } from "../../components/ui";
import { ForgotPasswordPage, ResetPasswordPage } from "../../components/PasswordReset";
import { TwoFactorSetup as SecurityPage } from "../../components/TwoFactorSetup";
import { RegistrationsPage } from "./RegistrationsPage";
import { EventsPage } from "./EventsPage";
import { UsersPage } from "./UsersPage";
import { AuditPage } from "./AuditPage";
import { useT } from "../../i18n/I18nProvider";
import type { MessageId } from "../../i18n/runtime";

// The dashboard (live stream, scans) loads after sign-in, not with the sign-in screen; the
// box-office pages when first opened.
const Dashboard = lazy(() => import("./Dashboard").then((m) => ({ default: m.Dashboard })));
const BoxOfficePage = lazy(() => import("./BoxOfficePage").then((m) => ({ default: m.BoxOfficePage })));
const SalesPage = lazy(() => import("./tickets/SalesPage").then((m) => ({ default: m.SalesPage })));
const TicketsPage = lazy(() => import("./TicketsPage").then((m) => ({ default: m.TicketsPage })));
const RefundsPage = lazy(() => import("./RefundsPage").then((m) => ({ default: m.RefundsPage })));
const TransfersPage = lazy(() => import("./TransfersPage").then((m) => ({ default: m.TransfersPage })));
const OutboxPage = lazy(() => import("./OutboxPage").then((m) => ({ default: m.OutboxPage })));
const ScansPage = lazy(() => import("./ScansPage").then((m) => ({ default: m.ScansPage })));
const ConflictsPage = lazy(() => import("./ConflictsPage").then((m) => ({ default: m.ConflictsPage })));
const PrivacyPage = lazy(() => import("./PrivacyPage").then((m) => ({ default: m.PrivacyPage })));

/** A page another feature adds to the admin (the app wires it in: features do not import each other). */
export interface AdminPage { path: string; label: MessageId; adminOnly: boolean; element: ReactNode }

export function AdminApp({ pages = [] }: { pages?: AdminPage[] }) {
  return (
    <AuthProvider storageKey="gatepass.admin" account="staff">
      <Routes>
        <Route path="forgot-password" element={<ForgotPasswordPage audience="staff" />} />
        <Route path="reset-password" element={<ResetPasswordPage audience="staff" />} />
        <Route path="*" element={<AdminGate pages={pages} />} />
      </Routes>
    </AuthProvider>
  );
}

function AdminGate({ pages }: { pages: AdminPage[] }) {
  const { t } = useT();
  const { session, login, logout, enrolmentRequired } = useAuth();
  const location = useLocation();
  // On a phone the menu is one button until opened (12 links filled half the screen); it closes
  // again when a page is chosen.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  const onSecurity = /\/admin\/security\/?$/.test(location.pathname);
  if (!session)
    return <LoginForm title={t("admin.app.adminSignIn")} notice={(location.state as { notice?: string } | null)?.notice}
      onLogin={async (u, p, code) => void (await login(u, p, code))}
      footer={<Link className="underline" to="/admin/forgot-password">{t("admin.app.forgotYourPassword")}</Link>} />;
  if (enrolmentRequired && !onSecurity) return <Navigate to="/admin/security" replace />;
  if (session.user.role === "scanner")
    return onSecurity ? (
      <div className="mx-auto max-w-xl p-4">
        <SecurityPage />
        <a className="mt-4 block font-semibold underline" href="/scan">{t("admin.app.backToTheScanner")}</a>
      </div>
    ) : (
      <div className="mx-auto mt-16 max-w-sm rounded-xl bg-white p-6 text-center shadow">
        <p>{t("admin.app.scannerAccountsUseThe")}</p>
        <a className="mt-4 block font-semibold underline" href="/scan">{t("admin.app.openTheScanner")}</a>
        <Link className="mt-2 block underline" to="/admin/security">{t("admin.app.twoFactorSignIn")}</Link>
        <Button variant="ghost" className="mt-4" onClick={logout}>{t("admin.app.signOut")}</Button>
      </div>
    );
  // Only staff open the dashboard: a ticket holder's (attendee) token never does, whatever the
  // server would answer to its calls.
  if (session.user.role !== "admin" && session.user.role !== "viewer")
    return (
      <div className="mx-auto mt-16 max-w-sm rounded-xl bg-white p-6 text-center shadow" role="alert">
        <h1 className="text-xl font-bold">{t("admin.app.notAllowed")}</h1>
        <p className="mt-2">{t("admin.app.ticketHolderAccountsCannot")}</p>
        <a className="mt-4 block font-semibold underline" href="/my">{t("admin.app.goToMyTickets")}</a>
        <Button variant="ghost" className="mt-4" onClick={logout}>{t("admin.app.signOut")}</Button>
      </div>
    );
  const isAdmin = session.user.role === "admin";
  const link = ({ isActive }: { isActive: boolean }) =>
    `block whitespace-nowrap rounded-lg px-3 py-2 ${isActive ? "bg-gray-900 text-white" : "text-gray-700 hover:bg-gray-200"}`;
  return (
    <div className="min-h-screen">
      <header className="flex items-center justify-between bg-gray-900 px-4 py-3 text-white">
        <span className="text-lg font-bold">{t("admin.app.gatepassAdmin")}</span>
        <span className="text-sm">
          {session.user.username} ({session.user.role})
          <button className="ml-3 underline" onClick={logout}>{t("admin.app.signOut")}</button>
        </span>
      </header>
      <div className="flex flex-col md:flex-row">
        <button type="button" className="flex items-center justify-between border-b bg-gray-100 px-4 py-3 text-left font-semibold md:hidden"
          aria-expanded={menuOpen} aria-controls="admin-menu" onClick={() => setMenuOpen((o) => !o)} data-testid="menu-button">
          <span>{t("admin.app.menu")}<span className="sr-only">{t("admin.app.adminSections")}</span></span>
          <span aria-hidden="true">{menuOpen ? "▲" : "▼"}</span>
        </button>
        <nav id="admin-menu" className={`${menuOpen ? "grid" : "hidden"} grid-cols-2 gap-1 border-b bg-gray-100 p-2 md:block md:min-h-screen md:w-52 md:space-y-1 md:border-r md:border-b-0`}
          aria-label={t("admin.app.adminSectionsA")}>
          <NavLink end to="/admin" className={link}>{t("admin.app.dashboard")}</NavLink>
          <NavLink to="/admin/registrations" className={link}>{t("admin.app.registrations")}</NavLink>
          <NavLink to="/admin/events" className={link}>{t("admin.app.events")}</NavLink>
          <NavLink to="/admin/box-office" className={link}>{t("admin.app.boxOffice")}</NavLink>
          <NavLink to="/admin/sales" className={link}>{t("admin.app.sales")}</NavLink>
          <NavLink to="/admin/tickets" className={link}>{t("admin.app.tickets")}</NavLink>
          <NavLink to="/admin/refunds" className={link}>{t("admin.app.refunds")}</NavLink>
          <NavLink to="/admin/transfers" className={link}>{t("admin.app.transfers")}</NavLink>
          <NavLink to="/admin/scans" className={link}>{t("admin.app.scans")}</NavLink>
          <NavLink to="/admin/conflicts" className={link}>{t("admin.app.conflicts")}</NavLink>
          {isAdmin && <NavLink to="/admin/users" className={link}>{t("admin.app.users")}</NavLink>}
          {pages.filter((p) => isAdmin || !p.adminOnly).map((p) => <NavLink key={p.path} to={`/admin/${p.path}`} className={link}>{t(p.label)}</NavLink>)}
          {isAdmin && <NavLink to="/admin/logs" className={link}>{t("admin.app.auditLog")}</NavLink>}
          {isAdmin && <NavLink to="/admin/mail" className={link}>{t("admin.app.mail")}</NavLink>}
          {isAdmin && <NavLink to="/admin/privacy" className={link}>{t("admin.app.privacy")}</NavLink>}
          <NavLink to="/admin/security" className={link}>{t("admin.app.twoFactorSignIn")}</NavLink>
        </nav>
        <main className="min-w-0 flex-1 p-4 md:p-6">
          <Suspense fallback={<p className="p-6 text-center text-gray-500" role="status">{t("admin.app.loading")}</p>}>
          <Routes>
            <Route index element={<Dashboard />} />
            <Route path="registrations" element={<RegistrationsPage canEdit={isAdmin} />} />
            <Route path="events" element={<EventsPage canEdit={isAdmin} />} />
            {isAdmin && <Route path="users" element={<UsersPage />} />}
            {isAdmin && <Route path="logs" element={<AuditPage />} />}
            {isAdmin && <Route path="mail" element={<OutboxPage />} />}
            {isAdmin && <Route path="privacy" element={<PrivacyPage />} />}
            <Route path="box-office" element={<BoxOfficePage canEdit={isAdmin} />} />
            <Route path="sales" element={<SalesPage canEdit={isAdmin} />} />
            <Route path="tickets" element={<TicketsPage canEdit={isAdmin} />} />
            <Route path="refunds" element={<RefundsPage canEdit={isAdmin} />} />
            <Route path="transfers" element={<TransfersPage />} />
            <Route path="scans" element={<ScansPage canEdit={isAdmin} />} />
            <Route path="conflicts" element={<ConflictsPage />} />
            <Route path="security" element={<SecurityPage />} />
            {pages.filter((p) => isAdmin || !p.adminOnly).map((p) => <Route key={p.path} path={p.path} element={p.element} />)}
          </Routes>
          </Suspense>
        </main>
      </div>
    </div>
  );
}
