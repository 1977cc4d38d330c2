// Sound and vibration per outcome, so a steward knows the result without reading the screen.
import type { Tone } from "./outcome";

let audio: AudioContext | null = null;

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

export function signal(tone: Tone) {
  const vibrate = (p: number[]) => navigator.vibrate?.(p);
  switch (tone) {
    case "valid": beep(880, 120); vibrate([60]); break;
    case "admitted": beep(1320, 90); beep(1760, 120, 110); vibrate([40, 40, 40]); break;
    case "exited": beep(1760, 90); beep(1320, 120, 110); vibrate([40, 40, 40]); break;
    case "used": beep(440, 250); beep(440, 250, 320); vibrate([200, 100, 200]); break;
    case "invalid":
    case "error": beep(220, 600); vibrate([500]); break;
  }
}
