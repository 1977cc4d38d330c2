// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render } from "@testing-library/react";
import { isTextEntry, useKeyboardWedge, WedgeBuffer } from "./wedge";

/** Feeds `text` + Enter, one key every `gap` ms from `start`; returns what the buffer reported. */
function feed(buffer: WedgeBuffer, text: string, gap: number, start = 1000) {
  let at = start;
  const out: (string | null)[] = [];
  for (const ch of text) out.push(buffer.key(ch, (at += gap)));
  out.push(buffer.key("Enter", (at += gap)));
  return out.filter((x) => x !== null);
}

describe("keyboard-wedge detection", () => {
  it("fast keys and Enter are a scan; the whole QR payload comes through", () => {
    const payload = "GP1:eyJ0IjoiSEYyMDI2LTAwMDAwMSJ9.c2lnbmF0dXJl-_";
    expect(feed(new WedgeBuffer(), payload, 8)).toEqual([payload]);
  });

  it("a person typing (100 ms and more between keys) is not a scan", () => {
    expect(feed(new WedgeBuffer(), "HF2026-000001", 120)).toEqual([]);
  });

  it("a fast typist (60 ms a key, steady) is not a scan either", () => {
    expect(feed(new WedgeBuffer(), "HF2026-000001", 60)).toEqual([]);
  });

  it("a Bluetooth scanner's hiccup (one 90 ms pause in a fast burst) is still one scan", () => {
    const b = new WedgeBuffer();
    let at = 0;
    for (const [i, ch] of [..."HF2026-000001"].entries()) b.key(ch, (at += i === 6 ? 90 : 8));
    expect(b.key("Enter", at + 8)).toBe("HF2026-000001");
  });

  it("too short a burst is not a scan (a stray key and Enter)", () => {
    expect(feed(new WedgeBuffer(), "ab", 5)).toEqual([]);
  });

  it("a pause starts afresh: slow keys before the burst are not part of the code", () => {
    const b = new WedgeBuffer();
    b.key("x", 0);
    b.key("y", 300);
    expect(feed(b, "HF2026-000001", 10, 1000)).toEqual(["HF2026-000001"]);
  });

  it("a slow Enter after a fast burst is not a scan", () => {
    const b = new WedgeBuffer();
    let at = 0;
    for (const ch of "HF2026-000001") b.key(ch, (at += 5));
    expect(b.key("Enter", at + 500)).toBeNull();
  });

  it("Shift and other named keys between characters neither count nor break the burst", () => {
    const b = new WedgeBuffer();
    let at = 0;
    for (const ch of "HF2026") {
      b.key("Shift", (at += 2));
      b.key(ch, (at += 5));
    }
    expect(b.key("Enter", at + 5)).toBe("HF2026");
  });

  it("keys typed into a text field are that field's, not a scan", () => {
    const input = document.createElement("input");
    expect(isTextEntry(input)).toBe(true);
    const box = document.createElement("input");
    box.type = "checkbox";
    expect(isTextEntry(box)).toBe(false);
    expect(isTextEntry(document.createElement("button"))).toBe(false);
    expect(isTextEntry(document.createElement("textarea"))).toBe(true);
  });
});

function Probe({ onScan }: { onScan(code: string): void }) {
  useKeyboardWedge(onScan);
  return <div><input aria-label="field" /><button>Continue</button></div>;
}

describe("useKeyboardWedge", () => {
  afterEach(cleanup);

  const type = (target: EventTarget, text: string) => {
    for (const key of text) target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
    const enter = new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true });
    target.dispatchEvent(enter);
    return enter;
  };

  it("a burst on the page (or on a focused button) is a scan, and its Enter does not press the button", () => {
    const onScan = vi.fn();
    const { getByRole } = render(<Probe onScan={onScan} />);
    const enter = type(getByRole("button"), "HF2026-000007");
    expect(onScan).toHaveBeenCalledWith("HF2026-000007");
    expect(enter.defaultPrevented).toBe(true);
  });

  it("the same burst into the text field is left to the field", () => {
    const onScan = vi.fn();
    const { getByLabelText } = render(<Probe onScan={onScan} />);
    const enter = type(getByLabelText("field"), "HF2026-000007");
    expect(onScan).not.toHaveBeenCalled();
    expect(enter.defaultPrevented).toBe(false);
  });
});
