// A serial typed by hand, read as the server reads it (src/domain/serial.cpp, normalise_typed_serial):
// case and spaces do not matter, a space stands for the dash, the number is zero-padded, and the
// gate event's prefix may be left out ("2" at an HL2027 gate is "HL2027-000002"). Another prefix is
// kept as typed: a number is never taken for another event's ticket. Pure: unit-tested with the
// server's cases.

const MAX_TYPED = 64;
const MAX_DIGITS = 15;
const DIGITS = /^\d+$/;

const isNumber = (s: string) => s.length > 0 && s.length <= MAX_DIGITS && DIGITS.test(s);
/** "PREFIX-000123" (wider when the number needs it), as the server writes serials. */
export const formatSerial = (prefix: string, n: number) => `${prefix}-${String(n).padStart(6, "0")}`;

/** The stored form of a typed serial, or null when it cannot be one (empty, too long, other characters). */
export function normaliseTypedSerial(typed: string, gatePrefix = ""): string | null {
  // Padding can lengthen what was typed: an answer over the limit would not read back as itself.
  const out = readTyped(typed, gatePrefix);
  return out !== null && out.length > MAX_TYPED ? null : out;
}

function readTyped(typed: string, gatePrefix: string): string | null {
  if (typed.length > MAX_TYPED) return null;
  let s = "";
  for (const ch of typed) {
    if (/^[A-Za-z0-9]$/.test(ch)) s += ch.toUpperCase();
    else if (ch === " " || ch === "-" || ch === "\t") {
      if (s && !s.endsWith("-")) s += "-";
    } else return null;
  }
  if (s.endsWith("-")) s = s.slice(0, -1);
  if (!s) return null;
  const prefix = gatePrefix.toUpperCase();
  if (prefix) {
    if (isNumber(s)) return formatSerial(prefix, Number(s));
    if (s.startsWith(prefix)) {
      let rest = s.slice(prefix.length);
      if (rest.startsWith("-")) rest = rest.slice(1);
      if (isNumber(rest)) return formatSerial(prefix, Number(rest));
    }
  }
  const dash = s.lastIndexOf("-");
  if (dash > 0) {
    const head = s.slice(0, dash), tail = s.slice(dash + 1);
    if (isNumber(tail) && !head.includes("-")) return formatSerial(head, Number(tail));
  }
  return s;
}

/** The ticket number a typed serial names in the event of `prefix`, or null (another prefix, a name, …). */
export function typedNumber(typed: string, prefix: string): number | null {
  const serial = normaliseTypedSerial(typed, prefix);
  const head = `${prefix.toUpperCase()}-`;
  if (!serial || !serial.startsWith(head)) return null;
  const digits = serial.slice(head.length);
  return isNumber(digits) ? Number(digits) : null;
}
