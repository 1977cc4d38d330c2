// "Erase my data" (docs/privacy.md): a holder asks, an admin confirms. Once confirmed the account,
// its names and address are gone, so this shows only the open request (or the button).
import { useEffect, useState } from "react";
import { ApiError, apiGet, apiPost } from "../../lib/api-client";
import { useToken } from "../../lib/auth";
import { formatTime } from "../../lib/format";
import type { PrivacyRequest } from "../../lib/types";
import { Button, ErrorBanner } from "../../components/ui";

export function ErasureRequest() {
  const token = useToken();
  const [request, setRequest] = useState<PrivacyRequest | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    apiGet("/api/me/privacy/erase-request", { token }).then((r) => setRequest(r.request)).catch((e: ApiError) => setError(e.message));
  }, [token]);
  async function ask() {
    if (!window.confirm("Ask for your account and your personal data to be erased? Your tickets keep working at the gate, " +
      "but you will no longer be able to sign in.")) return;
    try {
      setRequest(await apiPost("/api/me/privacy/erase-request", { token }));
    } catch (e) {
      setError((e as ApiError).message);
    }
  }
  return (
    <div className="rounded-xl bg-white p-4 shadow" data-testid="erasure-request">
      <h2 className="mb-1 font-bold">Your data</h2>
      <ErrorBanner message={error} />
      {request?.status === "pending" ? (
        <p>You asked on {formatTime(request.requested_at)} for your data to be erased. An organiser will confirm it.</p>
      ) : (
        <>
          <p className="mb-2 text-sm text-gray-600">
            You can ask for your name, address and account to be erased everywhere we keep them.
          </p>
          <Button variant="ghost" onClick={() => void ask()}>Ask to erase my data</Button>
        </>
      )}
    </div>
  );
}
