// Renders a ticket's signed payload as a QR code in the browser (no network needed); also any other
// text meant for a phone's camera (the two-factor setup's otpauth:// link), named by `alt`.
import { useEffect, useState } from "react";
import QRCode from "qrcode";
import { useT } from "../i18n/I18nProvider";

export function TicketQr({ payload, size = 240, alt }: { payload: string; size?: number; alt?: string }) {
  const { t } = useT();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    QRCode.toDataURL(payload, { errorCorrectionLevel: "M", margin: 4, width: size })
      .then((url) => alive && setSrc(url))
      .catch(() => alive && setSrc(null));
    return () => {
      alive = false;
    };
  }, [payload, size]);
  return src ? <img src={src} width={size} height={size} alt={alt ?? t("ticket.qrAlt")} className="mx-auto" /> : null;
}
