// @vitest-environment jsdom
// The gate when the server cannot be reached, or the device is set to offline mode: codes are
// checked against the event pack on the device (IndexedDB from fake-indexeddb).
import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { ScannerApp } from "./ScannerApp";
import { fullPack, OTHER_SECRET, signCode } from "./offline/testing";

vi.mock("../../components/Camera", () => ({ Camera: () => null }));

let calls: string[] = [];
let serverDown = false;

beforeEach(async () => {
  localStorage.clear();
  sessionStorage.clear();
  calls = [];
  serverDown = false;
  sessionStorage.setItem("gatepass.scanner", JSON.stringify({ token: "tok", user: { id: 2, username: "gate1", role: "scanner" } }));
  sessionStorage.setItem("gatepass.scanner.event", "7");
  const pack = await fullPack({ refused: { refunded: [5] } });
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? "GET"} ${url}`);
    const json = (payload: unknown, status = 200) => new Response(JSON.stringify(payload), { status });
    if (url === "/api/events/7") return json({ id: 7, name: "Summer Fest", reentry: false });
    if (url.startsWith("/api/events/7/offline-pack")) return json(pack);
    if (serverDown) throw new TypeError("Failed to fetch");
    if (url.startsWith("/api/verify-ticket/"))
      return json({ serial: "SUMMER26-000003", status: "valid", name: "Olga Online", team_name: null, event_id: 7, event_name: "Summer Fest",
        issued_at: "t", used_at: null });
    return json({ error: { code: "not_found", message: "no" } }, 404);
  }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const wedge = (code: string) => {
  for (const key of [...code, "Enter"]) window.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
};
const card = () => screen.getByTestId("result-card");
const strip = () => screen.getByTestId("offline-status");
const markUsedCalls = () => calls.filter((c) => c.startsWith("POST /api/mark-used/")).length;

describe("offline gate", () => {
  it("server unreachable: the entry is checked and admitted offline, once per device; refunds and forgeries are refused", async () => {
    localStorage.setItem("gatepass.scanner.gate", JSON.stringify({ gate: "North", mode: "entry", auto: true }));
    render(<MemoryRouter initialEntries={["/scan"]}><ScannerApp /></MemoryRouter>);
    await waitFor(() => expect(strip().dataset.cursor).toBe("s1"));  // the pack came with the event
    expect(strip().dataset.state).toBe("online");
    serverDown = true;

    wedge(await signCode({ number: 1 }));
    await waitFor(() => expect(card().dataset.result).toBe("admitted"));
    expect(card().dataset.offline).toBe("true");
    expect(screen.getByText("ADMITTED — checked offline")).toBeTruthy();
    expect(screen.getByTestId("offline-serial").textContent).toBe("SUMMER26-000001");
    expect(markUsedCalls()).toBe(1);  // it asked the server first
    await waitFor(() => expect(strip().dataset.queued).toBe("1"));
    expect(strip().dataset.state).toBe("unreachable");

    // Now known unreachable: no more waiting for the server.
    wedge(await signCode({ number: 1 }));
    await waitFor(() => expect(card().dataset.result).toBe("already_used"));
    expect(screen.getByText("ALREADY USED (offline)")).toBeTruthy();
    wedge(await signCode({ number: 5 }));
    await waitFor(() => expect(card().dataset.result).toBe("refunded"));
    expect(screen.getByText("REFUNDED (offline)")).toBeTruthy();
    wedge(await signCode({ number: 2, secret: OTHER_SECRET }));
    await waitFor(() => expect(card().dataset.result).toBe("invalid"));
    expect(screen.getByText("INVALID (offline)")).toBeTruthy();
    expect(screen.queryByTestId("offline-serial")).toBeNull();  // a forgery's number means nothing
    expect(markUsedCalls()).toBe(1);
    expect(strip().dataset.queued).toBe("1");
  });

  it("offline mode in confirm mode: VALID offline, 'Admit 1 person' admits offline; switched off, the server is asked again", async () => {
    localStorage.setItem("gatepass.scanner.gate", JSON.stringify({ gate: "", mode: "entry", auto: false }));
    render(<MemoryRouter initialEntries={["/scan"]}><ScannerApp /></MemoryRouter>);
    await waitFor(() => expect(strip().dataset.cursor).toBe("s1"));
    fireEvent.click(screen.getByRole("button", { name: "Offline mode: off" }));
    expect(strip().dataset.state).toBe("offline-mode");
    expect(localStorage.getItem("gatepass.scanner.offline")).toBe("1");

    wedge(await signCode({ number: 3 }));
    await waitFor(() => expect(card().dataset.result).toBe("admitted"));
    expect(card().dataset.tone).toBe("valid");
    expect(screen.getByText("VALID — checked offline")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Admit 1 person" }));
    await waitFor(() => expect(card().dataset.tone).toBe("admitted"));
    expect(screen.getByText("ADMITTED — checked offline")).toBeTruthy();
    expect(calls.filter((c) => /verify-ticket|mark-used/.test(c))).toEqual([]);
    await waitFor(() => expect(strip().dataset.queued).toBe("2"));  // the first test's admission is still queued

    fireEvent.click(screen.getByRole("button", { name: "Offline mode: on" }));
    expect(strip().dataset.state).toBe("online");
    await waitFor(() => expect(screen.queryByTestId("result-card")).toBeNull(), { timeout: 3000 });
    wedge(await signCode({ number: 3 }));
    await waitFor(() => expect(screen.getByText("Olga Online")).toBeTruthy());
    expect(card().dataset.offline).toBe("false");
    expect(calls.filter((c) => c.includes("verify-ticket"))).toHaveLength(1);
  });

  it("exits on an event without re-entry are never checked offline", async () => {
    localStorage.setItem("gatepass.scanner.gate", JSON.stringify({ gate: "", mode: "exit", auto: true }));
    localStorage.setItem("gatepass.scanner.offline", "1");
    render(<MemoryRouter initialEntries={["/scan"]}><ScannerApp /></MemoryRouter>);
    await waitFor(() => expect(strip().dataset.cursor).toBe("s1"));
    serverDown = true;
    wedge(await signCode({ number: 4 }));
    await waitFor(() => expect(screen.getByText("NOT LET OUT YET")).toBeTruthy());
    expect(card().dataset.offline).toBe("false");
    expect(markUsedCalls()).toBe(1);
  });
});
