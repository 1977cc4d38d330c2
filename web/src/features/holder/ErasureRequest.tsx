// "Erase my data" (docs/privacy.md): a holder asks, an admin confirms. Once confirmed the account,
// its names and address are gone, so this shows only the open request (or the button).
import { useEffect, useState } from "react";
import { ApiError, apiGet, apiPost } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import { formatTime } from "../../lib/format";
import type { PrivacyRequest } from "../../lib/types";
import { Button, ErrorBanner } from "../../components/ui";
import { useT } from "../../i18n/I18nProvider";
import { errorText } from "../../i18n/errors";

export function ErasureRequest() {
  const token = useToken();
  const [request, setRequest] = useState<PrivacyRequest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useT();
  useEffect(() => {
    apiGet("/api/me/privacy/erase-request", { token }).then((r) => setRequest(r.request)).catch((e: ApiError) => setError(errorText(e)));
  }, [token]);
  async function ask() {
    if (!window.confirm(t("erase.confirm"))) return;
    try {
      setRequest(await apiPost("/api/me/privacy/erase-request", { token }));
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <div className="rounded-xl bg-white p-4 shadow" data-testid="erasure-request">
      <h2 className="mb-1 font-bold">{t("erase.title")}</h2>
      <ErrorBanner message={error} />
      {request?.status === "pending" ? (
        <p>{t("erase.pending", { when: formatTime(request.requested_at) })}</p>
      ) : (
        <>
          <p className="mb-2 text-sm text-gray-600">{t("erase.intro")}</p>
          <Button variant="ghost" onClick={() => void ask()}>{t("erase.ask")}</Button>
        </>
      )}
    </div>
  );
}
