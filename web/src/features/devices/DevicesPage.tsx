// Admin → Devices (docs/devices.md §1): create a gate device (name, events, optional gate) and show
// its one-time pairing code as a QR of the pairing link; list devices with what they last
// reported; revoke, or roll (a new token and pairing code; the old token stops at once).
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { ApiError, apiGet } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import { createDevice, listDevices, revokeDevice, rollDevice, type Device, type Pairing } from "../../lib/devices-api";
import { formatTime, shorten } from "../../lib/format";
import { formatSkew } from "../../lib/durations";
import type { Event } from "../../lib/types";
import { Button, ErrorBanner, Field, Modal, TableBox } from "../../components/ui";
import { EventMultiSelect } from "../../components/EventMultiSelect";
import { TicketQr } from "../../components/TicketQr";
import { ageText, deviceInput, deviceProblems } from "./validation";
import { useT } from "../../i18n/I18nProvider";

export function DevicesPage() {
  const { t } = useT();
  const token = useToken();
  const [devices, setDevices] = useState<Device[]>([]);
  const [events, setEvents] = useState<Event[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pairing, setPairing] = useState<Pairing | null>(null);
  const load = useCallback(() => {
    listDevices(token).then((p) => setDevices(p.items)).catch((e: ApiError) => setError(e.message));
  }, [token]);
  useEffect(load, [load]);
  useEffect(() => {
    apiGet("/api/events", { query: { limit: 200 }, token }).then((p) => setEvents(p.items)).catch(() => undefined);
  }, [token]);

  async function act(work: () => Promise<void>) {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError((e as ApiError).message);
    }
    load();
  }

  return (
    <section>
      <h1 className="mb-2 text-2xl font-bold">{t("admin.devices.devices")}</h1>
      <p className="mb-4 max-w-3xl text-gray-700">{t("admin.devices.aGatePhoneOr")}</p>
      <CreateDevice token={token} events={events} onCreated={(p) => { setPairing(p); load(); }} />
      <ErrorBanner message={error} />
      {/* Actions first; the sync figures share one column; on a phone each device is a card. */}
      <TableBox label={t("admin.devices.devicesTable")} className="">
        <table className="cards w-full rounded-xl bg-white text-left text-sm shadow" data-testid="devices">
          <thead className="bg-gray-100 text-xs uppercase text-gray-600">
            <tr><th className="p-3"><span className="sr-only">{t("admin.devices.actions")}</span></th>
              {[t("admin.devices.device"), t("admin.devices.status"), t("admin.devices.events"), t("admin.devices.gate"), t("admin.devices.lastSeen"),
                t("admin.devices.lastSync")].map((h) => <th key={h} className="p-3">{h}</th>)}</tr>
          </thead>
          <tbody>
            {devices.length === 0 && <tr><td className="p-3 text-gray-500" colSpan={7}>{t("admin.devices.noDevicesYet")}</td></tr>}
            {devices.map((d) => (
              <tr key={d.id} className="border-t" data-testid={`device-${d.device_id}`} data-status={d.status}>
                <td className="space-x-2 whitespace-nowrap p-3">
                  {d.status !== "revoked" && <>
                    <Button variant="ghost" className="px-3 py-1" onClick={() => act(async () => setPairing(await rollDevice(token, d.id)))}>{t("admin.devices.roll")}</Button>
                    <Button variant="danger" className="px-3 py-1" onClick={() => {
                      if (confirm(t("admin.devices.revokeItStopsScanning", { name: d.name }))) void act(async () => void (await revokeDevice(token, d.id)));
                    }}>{t("admin.devices.revoke")}</Button>
                  </>}
                  {d.status === "revoked" && <Button variant="ghost" className="px-3 py-1"
                    onClick={() => act(async () => setPairing(await rollDevice(token, d.id)))}>{t("admin.devices.pairAgain")}</Button>}
                </td>
                <td className="p-3" data-label="Device"><span className="font-medium">{d.name}</span>
                  <span className="block font-mono text-xs text-gray-600" title={d.device_id}>{shorten(d.device_id, 16)}</span></td>
                <td className="p-3" data-label="Status">{d.status}</td>
                <td className="p-3" data-label="Events">{eventNames(d, events)}</td>
                <td className="p-3" data-label="Gate">{d.gate ?? t("admin.devices.stewardPicks")}</td>
                <td className="p-3" data-label="Last seen">{d.last_seen_at ? formatTime(d.last_seen_at) : "—"}{d.app_version && <span className="block text-xs text-gray-600">{t("admin.devices.app", { app_version: d.app_version })}</span>}</td>
                <td className="p-3 text-xs" data-label="Last sync">
                  <span className="block">{t("admin.devices.packAge", { pack_age_seconds: ageText(d.pack_age_seconds) })}</span>
                  <span className="block">{t("admin.devices.queued")} {d.queued_at_last_sync ?? "—"}</span>
                  <span className="block">{t("admin.devices.clockSkew")} {d.clock_skew_ms === null ? "—" : formatSkew(d.clock_skew_ms)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
      {pairing && <PairingDialog pairing={pairing} onClose={() => setPairing(null)} />}
    </section>
  );
}

function CreateDevice({ token, events, onCreated }: { token: string; events: Event[]; onCreated(p: Pairing): void }) {
  const { t } = useT();
  const [name, setName] = useState("");
  const [eventIds, setEventIds] = useState<number[]>([]);
  const [gate, setGate] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems = deviceProblems(name, eventIds, gate);
    setFields(problems);
    setError(null);
    if (Object.keys(problems).length) return;
    try {
      onCreated(await createDevice(token, deviceInput(name, eventIds, gate)));
      setName("");
      setGate("");
      setEventIds([]);
    } catch (err) {
      setFields((err as ApiError).fields);
      setError((err as ApiError).message);
    }
  }
  return (
    <form onSubmit={submit} className="mb-6 grid gap-3 rounded-xl bg-white p-4 shadow sm:grid-cols-4 sm:items-start" aria-label={t("admin.devices.newDevice")}>
      <Field label={t("admin.devices.deviceName")} name="device-name" value={name} onChange={(e) => setName(e.target.value)} error={fields.name} maxLength={64} />
      <EventMultiSelect label={t("admin.devices.events")} name="device" events={events} value={eventIds} onChange={setEventIds} error={fields.event_ids} />
      <Field label={t("admin.devices.gateOptional")} name="device-gate" value={gate} onChange={(e) => setGate(e.target.value)} error={fields.gate}
        hint={t("admin.devices.emptyTheStewardPicks")} maxLength={64} />
      <div className="sm:pt-6"><Button type="submit">{t("admin.devices.createDevice")}</Button></div>
      {error && <div className="sm:col-span-4"><ErrorBanner message={error} /></div>}
    </form>
  );
}

/** A device's events by name. GET/POST /api/devices send only `event_ids` (no `events`), so the names
 *  come from the events this page loaded; an id not among them is shown as "#id". Reading
 *  `d.events.map` here threw on the list reload after "Create device" and blanked the page,
 *  pairing dialog included. */
function eventNames(d: Device, events: Event[]): string {
  const names = new Map([...events, ...(d.events ?? [])].map((e) => [e.id, e.name] as const));
  return d.event_ids.map((id) => names.get(id) ?? `#${id}`).join(", ");
}

/** The one-time pairing code: shown once, as text and as a QR of the full pairing link. */
function PairingDialog({ pairing, onClose }: { pairing: Pairing; onClose(): void }) {
  const { t } = useT();
  const link = `${window.location.origin}${pairing.pairing_url}`;
  const expires = Date.parse(pairing.pairing_expires_at);
  const [left, setLeft] = useState(() => expires - Date.now());
  useEffect(() => {
    const timer = setInterval(() => setLeft(expires - Date.now()), 1000);
    return () => clearInterval(timer);
  }, [expires]);
  const expired = left <= 0;
  const mmss = `${Math.floor(Math.max(0, left) / 60000)}:${String(Math.floor((Math.max(0, left) % 60000) / 1000)).padStart(2, "0")}`;
  return (
    <Modal title={t("admin.devices.pair", { name: pairing.device.name })} onClose={onClose}>
      <div className="space-y-3 text-center" data-testid="pairing">
        {expired ? <p role="alert" className="font-semibold text-red-700">{t("admin.devices.thisCodeHasExpired")}</p> : (
          <>
            <TicketQr payload={link} size={260} alt={t("admin.devices.pairingQrCode")} />
            <p className="font-mono text-2xl font-bold tracking-wider" data-testid="pairing-code">{pairing.pairing_code}</p>
            <p className="text-sm text-gray-600">{t("admin.devices.validForMoreUntil", { mmss, pairing_expires_at: formatTime(pairing.pairing_expires_at) })}</p>
            <p className="break-all text-xs text-gray-500" data-testid="pairing-url">{link}</p>
          </>
        )}
        <Button onClick={onClose}>{t("admin.devices.done")}</Button>
      </div>
    </Modal>
  );
}
