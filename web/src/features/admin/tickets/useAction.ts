// One admin action at a time on a row (hand-over, outbox): busy while it runs, then what it did
// (a notice) or why it failed (the server's message).
import { useCallback, useState } from "react";
import { ApiError, downloadWithToken } from "../../../lib/api-client";

export function useAction() {
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (what: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await what());
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  }, []);
  return { notice, error, busy, run };
}

/** Saves the ticket's PDF (the staff route); returns the notice to show. */
export async function downloadTicketPdf(serial: string, token: string): Promise<string> {
  await downloadWithToken(`/api/tickets/${encodeURIComponent(serial)}/ticket.pdf`, token, `${serial}.pdf`);
  return `${serial}.pdf downloaded.`;
}
