// The 409 already_registered answer names when and under which reference the address registered
// first (and nothing else of it, docs/privacy.md): "You already registered on 4 Dec (ref #1)".
export function alreadyRegisteredMessage(body: unknown, locale?: string): string {
  const error = (body as { error?: { registered_at?: unknown; reference?: unknown } } | null)?.error;
  const at = typeof error?.registered_at === "string" ? new Date(error.registered_at) : null;
  const ref = typeof error?.reference === "number" ? error.reference : null;
  const when = at && !Number.isNaN(at.getTime()) ? ` on ${at.toLocaleDateString(locale, { day: "numeric", month: "short" })}` : "";
  return `You already registered${when}${ref !== null ? ` (ref #${ref})` : ""}. Check your email for our reply.`;
}
