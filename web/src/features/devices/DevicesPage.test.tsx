// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { AuthProvider } from "../../lib/auth";
import { DevicesPage } from "./DevicesPage";
import { ageText, deviceProblems } from "./validation";

// As the admin routes send a device: `event_ids` only, no `events` with names (those are on the
// device's own record, GET /api/devices/me).
const device = (over: Record<string, unknown> = {}) => ({ id: 4, device_id: "dev-7KQ2M9XD", name: "North gate phone 1", gate: "North",
  event_ids: [7], status: "active", created_at: "t", enrolled_at: "t", revoked_at: null,
  last_seen_at: "2026-12-01T09:00:00Z", app_version: "web-0.1.0", pack_generated_at: "t", pack_age_seconds: 42,
  queued_at_last_sync: 3, clock_skew_ms: 1520, last_sync_at: "t", ...over });
let posts: { url: string; body: unknown }[] = [];

beforeEach(() => {
  posts = [];
  sessionStorage.setItem("gatepass.admin", JSON.stringify({ token: "tok", user: { id: 1, username: "admin", role: "admin" } }));
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const json = (payload: unknown, status = 200) => new Response(JSON.stringify(payload), { status });
    if (init?.method === "POST") posts.push({ url, body: JSON.parse(String(init.body)) });
    if (url.startsWith("/api/events")) return json({ items: [{ id: 7, name: "Summer Fest" }, { id: 8, name: "Winter Fest" }], total: 2, limit: 200, offset: 0 });
    if (url === "/api/devices" && init?.method === "POST")
      return json({ device: device({ status: "pending" }), pairing_code: "ABCD-EFGH-IJKL-MNOP", pairing_url: "/scan#pair=ABCD-EFGH-IJKL-MNOP",
        pairing_expires_at: new Date(Date.now() + 600_000).toISOString() }, 201);
    if (url === "/api/devices") return json({ items: [device(), device({ id: 5, device_id: "dev-2ND", event_ids: [7, 9] })] });
    return json({ error: { code: "not_found", message: "no" } }, 404);
  }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const page = () => render(<MemoryRouter><AuthProvider storageKey="gatepass.admin"><DevicesPage /></AuthProvider></MemoryRouter>);

describe("Admin → Devices", () => {
  it("lists devices with what they last reported", async () => {
    page();
    const row = await screen.findByTestId("device-dev-7KQ2M9XD");
    for (const text of ["North gate phone 1", "active", "Summer Fest", "North", "web-0.1.0", "42 s", "3", "+1.5 s"])
      expect(row.textContent).toContain(text);
    // Names from the page's events list; an event it did not load shows its id.
    expect(screen.getByTestId("device-dev-2ND").textContent).toContain("Summer Fest, #9");
  });

  it("says what is missing before asking the server, then shows the pairing code and the QR of the full link", async () => {
    page();
    fireEvent.click(await screen.findByRole("button", { name: "Create device" }));
    expect(screen.getByText("Give the device a name, e.g. North gate phone 1.")).toBeTruthy();
    expect(screen.getByText("Choose at least one event.")).toBeTruthy();
    expect(posts).toEqual([]);
    fireEvent.change(screen.getByLabelText("Device name"), { target: { value: " Gate phone " } });
    fireEvent.click(within(screen.getByTestId("device-events")).getByLabelText("Winter Fest"));
    fireEvent.click(screen.getByRole("button", { name: "Create device" }));
    const dialog = await screen.findByTestId("pairing");
    expect(posts[0]).toEqual({ url: "/api/devices", body: { name: "Gate phone", event_ids: [8], gate: null } });
    expect(screen.getByTestId("pairing-code").textContent).toBe("ABCD-EFGH-IJKL-MNOP");
    expect(screen.getByTestId("pairing-url").textContent).toBe(`${window.location.origin}/scan#pair=ABCD-EFGH-IJKL-MNOP`);
    expect(dialog.textContent).toMatch(/Valid for (9:5\d|10:00) more/);
    await waitFor(() => expect(within(dialog).getByAltText("Pairing QR code")).toBeTruthy());
    // The list reloaded after the creation and the dialog is still there.
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(4));
    expect(screen.getByTestId("pairing")).toBe(dialog);
  });
});

describe("device rules", () => {
  it("name 1-64, 1-50 events, gate at most 64", () => {
    expect(deviceProblems("A", [1], "")).toEqual({});
    expect(Object.keys(deviceProblems("", [], "x".repeat(65))).sort()).toEqual(["event_ids", "gate", "name"]);
    expect(deviceProblems("x".repeat(65), Array.from({ length: 51 }, (_, i) => i), "").event_ids).toBe("At most 50 events.");
    expect(ageText(null)).toBe("—");
    expect(ageText(5400)).toBe("2 h");
  });
});
