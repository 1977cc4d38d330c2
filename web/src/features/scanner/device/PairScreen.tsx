// "Pair this device": the pairing code from the link the camera opened (/scan#pair=CODE), typed or
// pasted, or read from the admin's pairing QR with this phone's camera.
import { useState, type FormEvent } from "react";
import { ApiError } from "../../../lib/api-client";
import { Button, ErrorBanner } from "../../../components/ui";
import { Camera } from "../../../components/Camera";
import { t } from "../../../i18n/runtime";
import { useT } from "../../../i18n/I18nProvider";
import { errorText } from "../../../i18n/errors";

export function PairScreen({ initialCode, enrolledAs, onEnrol, onCancel }: {
  initialCode: string | null; enrolledAs: string | null; onEnrol(code: string): Promise<void>; onCancel(): void;
}) {
  const [code, setCode] = useState(initialCode ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [camera, setCamera] = useState(false);
  const [cameraProblem, setCameraProblem] = useState<string | null>(null);
  useT();

  async function pair(value: string) {
    setError(null);
    setBusy(true);
    try {
      await onEnrol(value);
    } catch (e) {
      const err = e as ApiError;
      setError(err.isNetwork ? t("pair.noNetwork") : err.fields?.pairing_code ?? errorText(err));
    } finally {
      setBusy(false);
    }
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void pair(code);
  };

  return (
    <main className="mx-auto max-w-md p-4">
      <h1 className="mb-2 text-2xl font-bold">{t("pair.title")}</h1>
      <p className="mb-4 text-gray-700">{t("pair.intro")}</p>
      {enrolledAs && <p className="mb-4 rounded-lg bg-amber-50 px-4 py-3 text-amber-900" role="status">
        {t("pair.already", { name: enrolledAs })}</p>}
      <ErrorBanner message={error} />
      <form onSubmit={submit} className="space-y-3 rounded-xl bg-white p-4 shadow">
        <label className="block">
          <span className="text-sm font-medium text-gray-700">{t("pair.code")}</span>
          <input name="pairing-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" autoCapitalize="characters"
            placeholder="ABCD-EFGH-IJKL-MNOP" className="mt-1 w-full rounded-lg border border-gray-300 px-3 py-3 font-mono text-lg" /> {/* i18n-ignore: a code's shape */}
        </label>
        <Button type="submit" className="w-full py-3 text-lg" disabled={busy}>{busy ? t("pair.busy") : t("pair.submit")}</Button>
      </form>
      <div className="mt-4 space-y-3">
        {!camera && <Button variant="ghost" className="w-full" onClick={() => setCamera(true)}>{t("pair.scan")}</Button>}
        {camera && (
          <div className="h-72 overflow-hidden rounded-xl bg-black">
            {cameraProblem ? <p className="p-6 text-center text-white" role="alert">{cameraProblem}</p> : (
              <Camera paused={busy} onUnavailable={setCameraProblem} onCode={(read) => {
                setCode(read);
                setCamera(false);
                void pair(read);
              }} />
            )}
          </div>
        )}
        <Button variant="ghost" className="w-full" onClick={onCancel}>{t("common.back")}</Button>
      </div>
    </main>
  );
}
