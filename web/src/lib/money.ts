import { currentLocale } from "../i18n/runtime";
// Money is a decimal string ("25.00", at most 2 decimals) in the event's currency, never a float:
// amounts are checked and added up here as whole cents (bigint), and only formatted for display.

const MONEY = /^(\d{1,15})(?:\.(\d{1,2}))?$/;

/** "25" / "25.5" / "25.50" -> 2550n cents; null when it is not a plain non-negative amount. */
export function parseCents(text: string): bigint | null {
  const m = MONEY.exec(text.trim());
  if (!m) return null;
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
}

/** 2550n -> "25.50" (the API's form). */
export function centsToDecimal(cents: bigint): string {
  const sign = cents < 0n ? "-" : "";
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/** Why a price field is refused (null when fine): what the server would say, before sending. */
export function moneyError(text: string): string | null {
  if (!text.trim()) return "is required";
  if (/^\d+\.\d{3,}$/.test(text.trim())) return "must have at most 2 decimals";
  return parseCents(text) === null ? "must be an amount like 25.00" : null;
}

/** The form the API wants: "25" -> "25.00". Throws on a non-amount (check with moneyError first). */
export function normalizeMoney(text: string): string {
  const cents = parseCents(text);
  if (cents === null) throw new Error(`not an amount: ${text}`);
  return centsToDecimal(cents);
}

/** unit price × quantity, exactly ("19.99" × 3 = "59.97"). */
export function multiplyMoney(unit: string, quantity: number): string | null {
  const cents = parseCents(unit);
  if (cents === null || !Number.isInteger(quantity) || quantity < 0) return null;
  return centsToDecimal(cents * BigInt(quantity));
}

/**
 * "1234.50" + "EUR" -> "€1,234.50" (in the active language: "1.234,50 €" in German). The decimal string goes to Intl as a
 * string, which formats it exactly; an unknown currency code falls back to "1234.50 XYZ".
 */
export function formatMoney(amount: string | null | undefined, currency = "EUR", locale: string = currentLocale()): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  const cents = parseCents(amount);
  if (cents === null) return `${amount} ${currency}`;
  const exact = centsToDecimal(cents);
  try {
    const fmt = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return fmt.format(exact as unknown as number);
  } catch {
    return `${exact} ${currency}`;
  }
}
