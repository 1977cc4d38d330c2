// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { Modal } from "./ui";

afterEach(cleanup);

function form(onClose: () => void) {
  return render(<Modal title="New event" onClose={onClose}><label>Name <input name="name" /></label></Modal>);
}

describe("Modal", () => {
  it("Escape and a backdrop click close a dialog nothing was typed in", () => {
    const onClose = vi.fn();
    form(onClose);
    fireEvent.keyDown(document, { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole("dialog"));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it("once something was typed, Escape and the backdrop ask first; Keep editing keeps it, Discard closes", () => {
    const onClose = vi.fn();
    form(onClose);
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Winter Market" } });
    fireEvent.click(screen.getByRole("dialog"));
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByText("Discard what you typed?")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Keep editing" }));
    expect(screen.queryByText("Discard what you typed?")).toBeNull();
    expect((screen.getByLabelText("Name") as HTMLInputElement).value).toBe("Winter Market");
    fireEvent.keyDown(document, { key: "Escape" });
    fireEvent.click(screen.getByRole("button", { name: "Discard" }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("Escape belongs to the innermost dialog", () => {
    const outer = vi.fn();
    const inner = vi.fn();
    render(<Modal title="Ticket" onClose={outer}><Modal title="Void ticket?" onClose={inner}><p>Sure?</p></Modal></Modal>);
    fireEvent.keyDown(document, { key: "Escape" });
    expect(inner).toHaveBeenCalledTimes(1);
    expect(outer).not.toHaveBeenCalled();
  });
});
