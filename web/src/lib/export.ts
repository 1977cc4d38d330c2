// CSV exports (GET /api/admin/export/{kind}.csv): fetched with the token, saved under the server's
// file name. Kept out of api-client.ts, which the public registration page loads.
import { ApiError, notifyUnauthorized } from "./api-client";

/** The file name in a Content-Disposition header (filename*=UTF-8''... preferred), or null. */
export function dispositionFilename(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* a broken encoding: try the plain name */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  return plain ? (plain[2] ?? plain[1]).trim() : null;
}

export type ExportKind = "registrations" | "tickets" | "scans" | "audit";

/** GET /api/admin/export/{kind}.csv with the token, saved under the server's file name. Empty
 *  filters are left out. */
export async function exportCsv(kind: ExportKind, filters: Record<string, string | number | null | undefined>, token: string): Promise<string> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== null && v !== undefined && String(v) !== "") params.set(k, String(v));
  const query = params.toString();
  let res: Response;
  try {
    res = await fetch(`/api/admin/export/${kind}.csv${query ? `?${query}` : ""}`, { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError(0, "network_error", "No connection to the server. Check the network and try again.");
  }
  if (!res.ok) {
    let message = `Export failed (${res.status})`;
    try {
      message = ((await res.json()) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      /* not JSON */
    }
    if (res.status === 401) notifyUnauthorized();
    throw new ApiError(res.status, "export_failed", message);
  }
  const name = dispositionFilename(res.headers.get("Content-Disposition")) ?? `${kind}.csv`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
