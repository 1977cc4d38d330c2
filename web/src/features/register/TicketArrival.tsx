// The thank-you page's line on how and where the ticket arrives (arrival.ts), with a link to /my.
import { Link } from "react-router-dom";
import { useT } from "../../i18n/I18nProvider";
import { arrivalText } from "./arrival";

export function TicketArrival({ email, pending }: { email: string; pending: boolean }) {
  const { t } = useT();  // re-renders on a language switch (arrivalText reads the active language)
  return (
    <p className="mt-2" data-testid="ticket-arrival">
      {arrivalText(email, pending)} <Link className="font-semibold underline" to="/my">{t("register.openMyTickets")}</Link>
    </p>
  );
}
