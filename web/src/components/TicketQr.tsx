// Renders a ticket's signed payload as a QR code in the browser (no network needed).
import { useEffect, useState } from "react";
import QRCode from "qrcode";

export function TicketQr({ payload, size = 240 }: { payload: string; size?: number }) {
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
  return src ? <img src={src} width={size} height={size} alt="Ticket QR code" className="mx-auto" /> : null;
}
