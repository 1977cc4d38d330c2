// @vitest-environment jsdom
// An enrolled gate device (docs/devices.md): pairing from /scan#pair=CODE, the Device credential on
// every call, its only event chosen by itself, and after a "restart" (a new render, no network)
// the gate opens from IndexedDB and scans offline at once. A PIN guards the reopened app.
import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { ScannerApp } from "./ScannerApp";
import { fullPack, signCode } from "./offline/testing";
import { deviceStore } from "./offline/store";
import { hashPin, savePin } from "./device/pin";

vi.mock("../../components/Camera", () => ({ Camera: () => null }));

const device = { id: 4, device_id: "dev-7KQ2M9XD", name: "North gate phone 1", gate: "North", event_ids: [7],
  events: [{ id: 7, name: "Summer Fest" }], status: "active" };
let calls: { url: string; auth: string | null; body?: unknown }[] = [];
let network = true;

beforeEach(async () => {
  localStorage.clear();
  sessionStorage.clear();
  calls = [];
  network = true;
  const pack = await fullPack();
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, auth: new Headers(init?.headers).get("Authorization"), body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (!network) throw new TypeError("Failed to fetch");
    const json = (payload: unknown, status = 200) => new Response(JSON.stringify(payload), { status });
    if (url === "/api/devices/enroll") {
      const code = (calls.at(-1)!.body as { pairing_code: string }).pairing_code;
      return code === "ABCD-EFGH-IJKL-MNOP" ? json({ token: "dtok", device })
        : json({ error: { code: "validation", message: "bad", fields: { pairing_code: "unknown, used or expired" } } }, 400);
    }
    if (url === "/api/devices/me") return json({ device });
    if (url.startsWith("/api/events/7/offline-pack")) return json(pack);
    return json({ error: { code: "not_found", message: "no" } }, 404);
  }));
  window.history.replaceState(null, "", "/scan");
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  const store = await deviceStore();
  await store?.setMeta("device-enrolment", undefined);
  await store?.setMeta("device-event", undefined);
  await store?.setMeta("steward-pin", undefined);
});

const wedge = (code: string) => {
  for (const key of [...code, "Enter"]) window.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
};
const strip = () => screen.getByTestId("offline-status");

describe("an enrolled gate device", () => {
  it("pairs from the link, sends Device <token>, picks its only event and gate, and reopens offline from IndexedDB", async () => {
    window.history.replaceState(null, "", "/scan#pair=abcd-efgh-ijkl-mnoq");
    const first = render(<MemoryRouter initialEntries={["/scan"]}><ScannerApp /></MemoryRouter>);
    fireEvent.click(await screen.findByRole("button", { name: "Pair" }));
    expect(await screen.findByText("unknown, used or expired")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Pairing code"), { target: { value: "abcd efgh ijkl mnop" } });
    fireEvent.click(screen.getByRole("button", { name: "Pair" }));
    await waitFor(() => expect(strip().dataset.cursor).toBe("s1"));
    expect(window.location.hash).toBe("");  // the spent code leaves the address
    const enrol = calls.filter((c) => c.url === "/api/devices/enroll").at(-1)!;
    expect(enrol.body).toMatchObject({ pairing_code: "ABCD-EFGH-IJKL-MNOP" });
    expect((enrol.body as { app_version: string }).app_version).toMatch(/^web-/);
    const packCall = calls.find((c) => c.url.startsWith("/api/events/7/offline-pack"))!;
    expect(packCall.auth).toBe("Device dtok");
    expect(screen.getByTestId("gate-mode").textContent).toContain("Gate North");
    // No sign-in, no events list: a device reaches gate routes only.
    expect(calls.some((c) => c.url === "/api/events/7" || c.url.startsWith("/api/events?"))).toBe(false);
    first.unmount();

    // Restart without network: the same gate opens from the device and scans offline at once.
    network = false;
    calls = [];
    localStorage.setItem("gatepass.scanner.gate", JSON.stringify({ gate: "", mode: "entry", auto: true }));
    render(<MemoryRouter initialEntries={["/scan"]}><ScannerApp /></MemoryRouter>);
    await waitFor(() => expect(strip().dataset.cursor).toBe("s1"));
    expect(screen.getByTestId("pack-age").textContent).toMatch(/^Pack as of /);
    fireEvent.click(screen.getByRole("button", { name: "Offline mode: off" }));
    wedge(await signCode({ number: 3 }));
    await waitFor(() => expect(screen.getByTestId("result-card").dataset.result).toBe("admitted"));
    expect(screen.getByTestId("result-card").dataset.tone).toBe("admitted");
    expect(screen.getByTestId("result-card").dataset.offline).toBe("true");
    await waitFor(() => expect(strip().dataset.queued).toBe("1"));
    expect(calls.every((c) => c.auth === null || c.auth === "Device dtok")).toBe(true);
  });

  it("a steward PIN locks the reopened app until it is typed", async () => {
    const store = (await deviceStore())!;
    await store.setMeta("device-enrolment", { token: "dtok", device, enrolledAt: "2026-12-01T09:00:00Z" });
    await savePin(store, await hashPin("4321", 1000));
    render(<MemoryRouter initialEntries={["/scan"]}><ScannerApp /></MemoryRouter>);
    fireEvent.change(await screen.findByLabelText("Steward PIN"), { target: { value: "1234" } });
    fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    expect(await screen.findByText("Wrong PIN.")).toBeTruthy();
    expect(screen.queryByTestId("offline-status")).toBeNull();
    fireEvent.change(screen.getByLabelText("Steward PIN"), { target: { value: "4321" } });
    fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    await waitFor(() => expect(strip().dataset.cursor).toBe("s1"));
  });

  it("a token the server refuses (revoked, rolled) unpairs the phone and says why", async () => {
    const store = (await deviceStore())!;
    await store.setMeta("device-enrolment", { token: "old", device, enrolledAt: "2026-12-01T09:00:00Z" });
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ error: { code: "unauthenticated", message: "no" } }), { status: 401 })));
    render(<MemoryRouter initialEntries={["/scan"]}><ScannerApp /></MemoryRouter>);
    expect(await screen.findByText(/This device was revoked or paired again/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Pair this device" })).toBeTruthy();
    expect(await store.getMeta("device-enrolment")).toBeUndefined();
  });
});
