// @vitest-environment jsdom
// A steward whose role must have two-factor sign-in sets it up in the scanner, in the scanner's
// language (issue 24: not on an English admin page), and scans once the recovery codes are saved.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import de from "../../i18n/messages/de.json";
import en from "../../i18n/messages/en.json";
import adminEn from "../../i18n/messages/admin/en.json";
import { activate, type Messages } from "../../i18n/runtime";
import { ScannerApp } from "./ScannerApp";

vi.mock("../../components/Camera", () => ({ Camera: () => null }));
const CODES = Array.from({ length: 10 }, (_, i) => `rc${i}-abcd-efgh`);

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  sessionStorage.setItem("gatepass.scanner", JSON.stringify({ token: "tok", user: { id: 2, username: "ordner", role: "scanner" } }));
  activate("de", de as Messages);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  activate("en", { ...adminEn, ...en } as Messages);
});

describe("a steward's two-factor set-up", () => {
  it("is shown in the scanner in German, and the scanner opens once the codes are saved", async () => {
    let twoFactor = false;
    vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
      const json = (status: number, payload: unknown) => new Response(JSON.stringify(payload), { status });
      const body = typeof init?.body === "string" ? JSON.parse(init.body) : null;
      if (url === "/api/auth/me") return json(200, { id: 2, username: "ordner", role: "scanner", email: null, email_verified: false, two_factor: twoFactor });
      if (url === "/api/auth/2fa/enroll") return json(200, { secret: "JBSWY3DPEHPK3PXP", otpauth_uri: "otpauth://totp/Gatepass:ordner?secret=JBSWY3DPEHPK3PXP", qr_svg: "<svg/>" });
      if (url === "/api/auth/2fa/confirm") {
        if (body.code !== "123456") return json(401, { error: { code: "invalid_second_factor", message: "wrong", fields: {} } });
        twoFactor = true;
        return json(200, { recovery_codes: CODES, access_token: "tok-with-factor" });
      }
      if (!twoFactor) return json(403, { error: { code: "second_factor_enrolment_required", message: "Set up two-factor sign-in first", fields: {} } });
      return json(200, { items: [], total: 0, limit: 200, offset: 0 });
    }));
    render(<MemoryRouter initialEntries={["/scan"]}><ScannerApp /></MemoryRouter>);
    expect(await screen.findByRole("heading", { name: "Zwei-Faktor-Anmeldung" })).toBeTruthy();
    expect(await screen.findByText(/Ihre Organisation verlangt für Ihre Rolle die Zwei-Faktor-Anmeldung/)).toBeTruthy();
    expect(screen.queryByText(/two-factor/i)).toBeNull();
    fireEvent.click(await screen.findByRole("button", { name: "Zwei-Faktor-Anmeldung einrichten" }));
    fireEvent.change(await screen.findByLabelText("Code aus der App"), { target: { value: "111111" } });
    fireEvent.click(screen.getByRole("button", { name: "Einschalten" }));
    expect(await screen.findByText(/Falscher oder bereits verwendeter Code/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Code aus der App"), { target: { value: "123 456" } });
    fireEvent.click(screen.getByRole("button", { name: "Einschalten" }));
    expect(await screen.findByRole("heading", { name: "Speichern Sie Ihre Wiederherstellungscodes" })).toBeTruthy();
    expect(screen.getByTestId("recovery-codes").querySelectorAll("li")).toHaveLength(10);
    fireEvent.click(screen.getByRole("button", { name: "Ich habe sie gespeichert" }));
    expect(await screen.findByText("Für welche Veranstaltung ist dieser Einlass?")).toBeTruthy();
    expect(JSON.parse(sessionStorage.getItem("gatepass.scanner")!).token).toBe("tok-with-factor");
  });
});
