// Camera view with a scan frame; decodes QR codes continuously (lib/qr-decoder: the platform's
// BarcodeDetector, or the zxing-wasm polyfill served by us). The gate scanner fills the screen with
// it; a holder's claim form shows it in a box. The decoder loads with the camera, never before.
import { useEffect, useRef, useState } from "react";
import type { QrDecoder } from "../lib/qr-decoder";
import { t } from "../i18n/runtime";
import { useT } from "../i18n/I18nProvider";

/** Shortest time between the starts of two decodes: at most ~20 frames a second are read. */
const DECODE_EVERY_MS = 50;
/** The square read from each frame is scaled down to this side (plenty for a code in the frame). */
const DECODE_SIZE = 720;
/** With localStorage "gatepass.scanner.timing" = "1", each decode is a performance.measure()
 *  named "gatepass:decode" (e2e/scan-bench.mjs reads them; nothing is recorded otherwise). */
const TIMING = (() => {
  try {
    return localStorage.getItem("gatepass.scanner.timing") === "1";
  } catch {
    return false;
  }
})();

interface Props {
  paused: boolean;
  onCode(code: string): void;
  onUnavailable(reason: string): void;
  /** What to do without the camera, ending the reasons given to onUnavailable (lower case, no stop). */
  instead?: string;
}
// What to do instead of the camera, by default (the gate scanner's typed serial).
const typeSerial = () => t("camera.insteadSerial");

export function Camera({ paused, onCode, onUnavailable, instead = typeSerial() }: Props) {
  const { t } = useT();
  const insteadRef = useRef(instead);
  insteadRef.current = instead;
  const video = useRef<HTMLVideoElement>(null);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [deviceIndex, setDeviceIndex] = useState(0);
  const [torch, setTorch] = useState<{ supported: boolean; on: boolean }>({ supported: false, on: false });
  const stream = useRef<MediaStream | null>(null);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  // Start (or switch) the camera.
  useEffect(() => {
    let cancelled = false;
    const deviceId = devices[deviceIndex]?.deviceId;
    const constraints: MediaStreamConstraints = {
      audio: false,
      video: deviceId ? { deviceId: { exact: deviceId } } : { facingMode: { ideal: "environment" } },
    };
    if (!navigator.mediaDevices?.getUserMedia) {
      onUnavailable(t("camera.noApi", { instead }));
      return;
    }
    navigator.mediaDevices.getUserMedia(constraints).then(
      async (s) => {
        if (cancelled) return s.getTracks().forEach((t) => t.stop());
        stream.current = s;
        if (video.current) {
          video.current.srcObject = s;
          await video.current.play().catch(() => undefined);
        }
        const track = s.getVideoTracks()[0];
        const caps = (track?.getCapabilities?.() ?? {}) as { torch?: boolean };
        setTorch({ supported: !!caps.torch, on: false });
        if (devices.length === 0) {
          const all = await navigator.mediaDevices.enumerateDevices();
          if (!cancelled) setDevices(all.filter((d) => d.kind === "videoinput"));
        }
      },
      (err: DOMException) => {
        onUnavailable(err.name === "NotAllowedError"
          ? t("camera.denied", { instead })
          : t("camera.none", { instead }));
      },
    );
    return () => {
      cancelled = true;
      stream.current?.getTracks().forEach((t) => t.stop());
      stream.current = null;
    };
    // Restart only when the chosen camera changes (or the list first arrives), not on every render.
  }, [deviceIndex, devices.length]);

  // Decode loop: each new camera frame (requestVideoFrameCallback; a timer where the browser has
  // none), downscaled, one decode at a time, starts at least DECODE_EVERY_MS apart. A frame
  // already read is not read again (a 10 fps camera is not decoded 20 times a second).
  const onUnavailableRef = useRef(onUnavailable);
  onUnavailableRef.current = onUnavailable;
  useEffect(() => {
    const canvas = document.createElement("canvas");
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    let last = "";
    let lastAt = 0;
    let decoder: QrDecoder | null = null;
    let stopped = false;
    let decoding = false;
    let lastStart = -Infinity;
    let frame = 0;          // frames the video has shown
    let decodedFrame = -1;  // the last one read
    let timer: ReturnType<typeof setTimeout> | undefined;
    let watched: HTMLVideoElement | null = null;
    let frameCallback = 0;
    const perFrame = typeof HTMLVideoElement !== "undefined" && "requestVideoFrameCallback" in HTMLVideoElement.prototype;

    const onFrame = () => {
      frame++;
      if (watched && !stopped) frameCallback = watched.requestVideoFrameCallback(onFrame);
      kick();
    };
    // Start a decode now if one may start, else once the interval is over.
    function kick() {
      if (stopped || decoding || timer !== undefined) return;
      const wait = lastStart + DECODE_EVERY_MS - performance.now();
      if (wait > 0) timer = setTimeout(() => { timer = undefined; kick(); }, wait);
      else void tick();
    }
    import("../lib/qr-decoder").then((m) => m.createDecoder()).then(
      (d) => {
        decoder = d;
        kick();
      },
      () => onUnavailableRef.current(t("camera.readerFailed", { instead: insteadRef.current })),
    );
    async function tick() {
      const v = video.current;
      if (perFrame && v && v !== watched) {
        watched = v;
        frameCallback = v.requestVideoFrameCallback(onFrame);
      }
      const again = () => {
        // Without frame callbacks (or before the first frame) look again after the interval.
        if (!perFrame || frame === 0) timer = setTimeout(() => { timer = undefined; kick(); }, DECODE_EVERY_MS);
      };
      if (!decoder || pausedRef.current || !v || !ctx || v.readyState < 2 || !v.videoWidth) return again();
      if (perFrame && frame === decodedFrame) return;  // nothing new: the next frame kicks
      decoding = true;
      decodedFrame = frame;
      const started = performance.now();
      lastStart = started;
      // The centred square: what the steward aims at (the frame drawn on screen is in its middle,
      // and a portrait phone shows little more of a landscape camera frame), fewer pixels to read.
      const side = Math.min(v.videoWidth, v.videoHeight);
      const size = Math.min(side, DECODE_SIZE);
      canvas.width = canvas.height = size;
      ctx.drawImage(v, (v.videoWidth - side) / 2, (v.videoHeight - side) / 2, side, side, 0, 0, size, size);
      const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let text: string | null = null;
      try {
        text = await decoder.detect(img);
      } catch {
        text = null;  // one bad frame: the next one is read as usual
      }
      decoding = false;
      const finished = performance.now();
      if (TIMING) performance.measure("gatepass:decode", { start: started, end: finished, detail: { kind: decoder.kind, found: !!text } });
      if (stopped) return;
      if (text && !pausedRef.current) {
        const now = Date.now();
        if (text !== last || now - lastAt >= 1500) {  // else: the same code still in view
          last = text;
          lastAt = now;
          onCodeRef.current(text);
        }
      }
      if (perFrame) {
        if (frame !== decodedFrame) kick();  // frames came while decoding
      } else again();
    }
    return () => {
      stopped = true;
      clearTimeout(timer);
      if (watched && frameCallback) watched.cancelVideoFrameCallback(frameCallback);
    };
  }, []);

  async function toggleTorch() {
    const track = stream.current?.getVideoTracks()[0];
    if (!track) return;
    const on = !torch.on;
    await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] }).catch(() => undefined);
    setTorch({ supported: true, on });
  }

  return (
    <div className="relative h-full w-full overflow-hidden bg-black">
      <video ref={video} className="h-full w-full object-cover" playsInline muted aria-label={t("camera.view")} />
      <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
        <div className="h-64 w-64 rounded-3xl border-4 border-white/80 shadow-[0_0_0_9999px_rgba(0,0,0,0.35)]" />
      </div>
      <div className="absolute right-3 top-3 flex flex-col gap-2">
        {devices.length > 1 && (
          <button className="rounded-full bg-white/90 px-4 py-3 font-semibold" onClick={() => setDeviceIndex((deviceIndex + 1) % devices.length)}>
            {t("camera.switch")}
          </button>
        )}
        {torch.supported && (
          <button className="rounded-full bg-white/90 px-4 py-3 font-semibold" onClick={toggleTorch}>{torch.on ? t("camera.torchOff") : t("camera.torchOn")}</button>
        )}
      </div>
    </div>
  );
}
