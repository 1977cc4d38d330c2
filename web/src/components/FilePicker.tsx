// A file field whose button and "no file" line are the app's words: the browser's own file input
// says "Choose file" / "No file chosen" in the browser's language, whatever the visitor chose
// (issue 24). The real input stays in the label (reachable by keyboard and by its label, hidden
// from sight only); the visible button is its stand-in and shows the focus ring for it.
import type { InputHTMLAttributes } from "react";
import { useT } from "../i18n/I18nProvider";

export function FilePicker({ label, file, onFile, error, ...rest }: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "onChange"> &
  { label: string; file: File | null; onFile(file: File | null): void; error?: string }) {
  const { t } = useT();
  const id = rest.id ?? rest.name;
  return (
    <div>
      <label className="block" htmlFor={id}>
        <span className="block text-sm font-medium text-gray-700">{label}</span>
        <input id={id} type="file" className="peer sr-only" aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onFile(e.target.files?.[0] ?? null)} {...rest} />
        <span className="mt-1 flex flex-wrap items-center gap-3 rounded-lg text-sm peer-focus-visible:ring-2 peer-focus-visible:ring-sky-600">
          <span className="cursor-pointer rounded-lg border border-gray-300 bg-white px-3 py-2 font-semibold text-gray-800 hover:bg-gray-100">
            {t("file.choose")}</span>
          <span className="min-w-0 break-all text-gray-600" data-testid={`${id}-chosen`}>{file ? file.name : t("file.none")}</span>
        </span>
      </label>
      {error && <span id={`${id}-error`} role="alert" className="text-sm text-red-600">{error}</span>}
    </div>
  );
}
