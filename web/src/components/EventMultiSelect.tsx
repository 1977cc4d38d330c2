// Pick several events (a device's or a scanner user's assignment, docs/devices.md §2): a list of
// checkboxes, which works with one hand on a phone and needs no library.
import type { Event } from "../lib/types";
import { useT } from "../i18n/I18nProvider";

export function EventMultiSelect({ events, value, onChange, label, error, name }: {
  events: Pick<Event, "id" | "name">[]; value: number[]; onChange(ids: number[]): void; label: string; error?: string; name: string;
}) {
  const { t } = useT();
  const toggle = (id: number, on: boolean) => onChange(on ? [...value.filter((v) => v !== id), id] : value.filter((v) => v !== id));
  return (
    <fieldset className="block" data-testid={`${name}-events`}>
      <legend className="block text-sm font-medium text-gray-700">{label}</legend>
      <div className="mt-1 max-h-40 space-y-1 overflow-y-auto rounded-lg border px-3 py-2">
        {events.length === 0 && <p className="text-sm text-gray-500">{t("events.none")}</p>}
        {events.map((e) => (
          <label key={e.id} className="flex items-center gap-2">
            <input type="checkbox" name={name} value={e.id} checked={value.includes(e.id)} onChange={(x) => toggle(e.id, x.target.checked)} />
            <span>{e.name}</span>
          </label>
        ))}
      </div>
      {error && <p className="mt-1 text-sm text-red-700">{error}</p>}
    </fieldset>
  );
}
