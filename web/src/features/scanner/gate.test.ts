// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from "vitest";
import { deviceId, loadGate, saveGate, scanBody } from "./gate";

beforeEach(() => localStorage.clear());

describe("gate settings", () => {
  it("default to an unnamed entry gate in confirm mode; bad stored values fall back", () => {
    expect(loadGate()).toEqual({ gate: "", mode: "entry", auto: false });
    localStorage.setItem("gatepass.scanner.gate", JSON.stringify({ gate: 7, mode: "teleport", auto: "yes" }));
    expect(loadGate()).toEqual({ gate: "", mode: "entry", auto: false });
    localStorage.setItem("gatepass.scanner.gate", "{not json");
    expect(loadGate()).toEqual({ gate: "", mode: "entry", auto: false });
  });

  it("are kept per device, the name trimmed and at most 64 characters", () => {
    saveGate({ gate: `  ${"N".repeat(80)}  `, mode: "exit", auto: true });
    expect(loadGate()).toEqual({ gate: "N".repeat(64), mode: "exit", auto: true });
  });

  it("the device id is made once and kept", () => {
    const id = deviceId();
    expect(id).toMatch(/^web-[0-9a-f]{16}$/);
    expect(deviceId()).toBe(id);
    localStorage.setItem("gatepass.scanner.device", "bad id with spaces");
    expect(deviceId()).not.toBe("bad id with spaces");
  });

  it("each scan sends type, gate, device_id and event_id (no gate when unnamed)", () => {
    expect(scanBody(3, "exit", { gate: " B ", mode: "exit", auto: true }, "web-1")).toEqual({ event_id: 3, type: "exit", gate: "B", device_id: "web-1" });
    expect(scanBody(3, "entry_check", { gate: "", mode: "entry_check", auto: false }, "web-1")).toEqual({ event_id: 3, type: "entry_check", device_id: "web-1" });
  });
});
