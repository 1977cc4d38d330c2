// Keyboard-wedge barcode scanners (USB or Bluetooth) "type" the code they read, fast, and press
// Enter. Keys typed like that anywhere on the page (not into a text field) are taken as a scan;
// a person typing is far slower and is ignored. Pure logic here; the hook below listens.
import { useEffect, useRef } from "react";

export interface WedgeOptions {
  /** Longest pause between two keys of one scan (Bluetooth scanners pause now and then). */
  maxGapMs?: number;
  /** Longest average time per key over the whole code. Scanners send a key every 1-30 ms; even a
   *  fast typist averages 80 ms and more. */
  maxAverageMs?: number;
  /** Shortest code taken as a scan (a serial like "EVT-000001" or a QR payload is far longer). */
  minLength?: number;
}

export class WedgeBuffer {
  private chars = "";
  private firstAt = 0;
  private lastAt = -Infinity;
  private readonly maxGapMs: number;
  private readonly maxAverageMs: number;
  private readonly minLength: number;

  constructor({ maxGapMs = 100, maxAverageMs = 30, minLength = 6 }: WedgeOptions = {}) {
    this.maxGapMs = maxGapMs;
    this.maxAverageMs = maxAverageMs;
    this.minLength = minLength;
  }

  /** Feeds one key (KeyboardEvent.key) pressed at `at` ms; returns the scanned code on its Enter. */
  key(key: string, at: number): string | null {
    const slow = at - this.lastAt > this.maxGapMs;
    if (key === "Enter") {
      const n = this.chars.length;
      const fast = n >= 2 && (this.lastAt - this.firstAt) / (n - 1) <= this.maxAverageMs;
      const code = !slow && fast && n >= this.minLength ? this.chars : null;
      this.reset();
      return code;
    }
    if (key.length !== 1) return null;  // Shift, Alt, ... between characters: neither text nor a pause
    if (slow) {                          // a pause: whatever came before was typed by a person
      this.chars = "";
      this.firstAt = at;
    }
    this.chars += key;
    this.lastAt = at;
    return null;
  }

  reset() {
    this.chars = "";
    this.firstAt = 0;
    this.lastAt = -Infinity;
  }
}

/** True for targets whose keys are text for that field, not a scan (the manual serial box, ...). */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !["button", "checkbox", "radio", "submit", "reset", "range", "color", "file", "image"].includes(target.type);
  return false;
}

/** Calls onScan with each code a keyboard-wedge scanner types while `enabled`. */
export function useKeyboardWedge(onScan: (code: string) => void, enabled = true, options?: WedgeOptions) {
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;
  const { maxGapMs, maxAverageMs, minLength } = options ?? {};
  useEffect(() => {
    if (!enabled) return;
    const buffer = new WedgeBuffer({ maxGapMs, maxAverageMs, minLength });
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTextEntry(e.target)) return buffer.reset();
      const code = buffer.key(e.key, e.timeStamp || performance.now());
      if (code !== null) {
        // The scanner's Enter must not also press a focused button (say "Continue" of the last card).
        e.preventDefault();
        e.stopPropagation();
        onScanRef.current(code);
      }
    };
    // Capture phase: seen before any button or form handles the Enter.
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [enabled, maxGapMs, maxAverageMs, minLength]);
}
