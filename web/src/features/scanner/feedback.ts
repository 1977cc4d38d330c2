// Sound and vibration per outcome, so a steward knows the result without reading the screen.
import type { Tone } from "./outcome";

let audio: AudioContext | null = null;

/** Makes the audio context on a tap or key of the steward: a browser lets it play only after a
 *  gesture, and making one costs up to ~0.4 s on the main thread, which must not delay the first
 *  result card. */
export function primeAudio() {
  try {
    audio ??= new AudioContext();
    if (audio.state === "suspended") void audio.resume();
  } catch {
    /* no audio: vibration and colour still tell */
  }
}

function beep(frequency: number, ms: number, delay = 0) {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = frequency;
    osc.type = "square";
    gain.gain.value = 0.15;
    osc.connect(gain).connect(audio.destination);
    const start = audio.currentTime + delay / 1000;
    osc.start(start);
    osc.stop(start + ms / 1000);
  } catch {
    /* no audio available: vibration and colour still tell */
  }
}

// [frequency Hz, length ms, delay ms] of each beep, and the vibration pattern, per outcome.
// VALID (nobody is in yet) is one short low tick; ADMITTED its own rising three-note chime and a
// long buzz at the end: the two must never be mistaken for each other without looking.
export const SIGNALS: Record<Tone, { beeps: [number, number, number][]; vibrate: number[] }> = {
  valid: { beeps: [[660, 70, 0]], vibrate: [30] },
  admitted: { beeps: [[1047, 90, 0], [1319, 90, 100], [1568, 220, 200]], vibrate: [80, 60, 80, 60, 300] },
  exited: { beeps: [[1760, 90, 0], [1320, 120, 110]], vibrate: [40, 40, 40] },
  used: { beeps: [[440, 250, 0], [440, 250, 320]], vibrate: [200, 100, 200] },
  invalid: { beeps: [[220, 600, 0]], vibrate: [500] },
  error: { beeps: [[220, 600, 0]], vibrate: [500] },
};

export function signal(tone: Tone) {
  const { beeps, vibrate } = SIGNALS[tone];
  navigator.vibrate?.(vibrate);
  const play = () => beeps.forEach(([frequency, ms, delay]) => beep(frequency, ms, delay));
  // Without a context yet (no gesture so far), the beeps wait until the card is painted.
  if (audio || typeof requestAnimationFrame !== "function") play();
  else requestAnimationFrame(() => setTimeout(play, 0));
}
