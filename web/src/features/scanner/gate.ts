// This device's gate: its name, what it does with a scan, whether one scan admits at once, and a
// random device id. Kept in localStorage: they belong to the device (a tablet bolted at gate B),
// not to whoever signs in on it.
import { randomKey, type BodyOf } from "../../lib/api-client";
import type { GateMode } from "./outcome";
import { t, type MessageId } from "../../i18n/runtime";

export interface GateSettings {
  /** Gate or location name sent with each scan ("" = none). At most 64 characters. */
  gate: string;
  mode: GateMode;
  /** Auto-admit: one scan admits (or lets out) and the result shows ~1.5 s; else verify, then Continue. */
  auto: boolean;
}

const KEY = "gatepass.scanner.gate";
const DEVICE_KEY = "gatepass.scanner.device";
export const GATE_MAX = 64;
const MODES: GateMode[] = ["entry", "exit", "entry_check"];

const MODE_IDS: Record<GateMode, MessageId> = { entry: "mode.entry", exit: "mode.exit", entry_check: "mode.entryCheck" };
/** The mode's name in the active language. */
export const modeLabel = (mode: GateMode): string => t(MODE_IDS[mode]);

export function loadGate(storage: Storage = localStorage): GateSettings {
  try {
    const raw = JSON.parse(storage.getItem(KEY) ?? "{}") as Partial<GateSettings>;
    return {
      gate: typeof raw.gate === "string" ? raw.gate.slice(0, GATE_MAX) : "",
      mode: MODES.includes(raw.mode as GateMode) ? (raw.mode as GateMode) : "entry",
      auto: raw.auto === true,
    };
  } catch {
    return { gate: "", mode: "entry", auto: false };
  }
}

export function saveGate(settings: GateSettings, storage: Storage = localStorage) {
  storage.setItem(KEY, JSON.stringify({ ...settings, gate: settings.gate.trim().slice(0, GATE_MAX) }));
}

/** This browser's scanner id, made once: "web-" and 16 hex digits (the API takes 64 visible ASCII). */
export function deviceId(storage: Storage = localStorage): string {
  let id = storage.getItem(DEVICE_KEY);
  if (!id || !/^[\x21-\x7e]{1,64}$/.test(id)) {
    id = `web-${randomKey().slice(0, 16)}`;
    storage.setItem(DEVICE_KEY, id);
  }
  return id;
}

/** The body of POST /api/mark-used for this gate (names as in docs/gate-operations.md). */
export function scanBody(eventId: number, type: GateMode, settings: GateSettings, device: string) {
  const body: BodyOf<"/api/mark-used/{code}", "post"> = { event_id: eventId, type, device_id: device };
  const gate = settings.gate.trim();
  if (gate) body.gate = gate.slice(0, GATE_MAX);
  return body;
}

const OFFLINE_KEY = "gatepass.scanner.offline";
/** "Offline mode": the device checks codes itself from the event pack, even with a network. */
export function loadOfflineMode(storage: Storage = localStorage): boolean {
  return storage.getItem(OFFLINE_KEY) === "1";
}
export function saveOfflineMode(on: boolean, storage: Storage = localStorage) {
  if (on) storage.setItem(OFFLINE_KEY, "1");
  else storage.removeItem(OFFLINE_KEY);
}
