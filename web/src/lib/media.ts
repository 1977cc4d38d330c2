// Phone or desktop layout, decided by the same breakpoint as Tailwind's `md:` (768 px). Lists
// render cards on phones and tables on desktops; only one of the two is in the page.
import { useEffect, useState } from "react";

const PHONE_QUERY = "(max-width: 767.98px)";

function matches(query: string): boolean {
  return typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia(query).matches;
}

export function useIsPhone(): boolean {
  const [phone, setPhone] = useState(() => matches(PHONE_QUERY));
  useEffect(() => {
    if (typeof window.matchMedia !== "function") return;
    const mql = window.matchMedia(PHONE_QUERY);
    const onChange = () => setPhone(mql.matches);
    onChange();
    mql.addEventListener("change", onChange);
    return () => mql.removeEventListener("change", onChange);
  }, []);
  return phone;
}
