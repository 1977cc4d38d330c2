// @vitest-environment jsdom
// The file field speaks the visitor's language (not the browser's "Choose file" / "No file chosen").
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import de from "../i18n/messages/de.json";
import en from "../i18n/messages/en.json";
import adminEn from "../i18n/messages/admin/en.json";
import { activate, type Messages } from "../i18n/runtime";
import { FilePicker } from "./FilePicker";

function Form() {
  const [file, setFile] = useState<File | null>(null);
  return <FilePicker label="Beleg" name="attachment" file={file} onFile={setFile} />;
}
afterEach(() => {
  cleanup();
  activate("en", { ...adminEn, ...en } as Messages);
});

describe("the file field", () => {
  it("says its button and the chosen file in the app's language, and the input is found by its label", () => {
    activate("de", de as Messages);
    render(<Form />);
    expect(screen.getByText("Datei auswählen")).toBeTruthy();
    expect(screen.getByTestId("attachment-chosen").textContent).toBe("Keine Datei ausgewählt");
    const input = screen.getByLabelText(/Beleg/) as HTMLInputElement;
    expect(input.type).toBe("file");
    fireEvent.change(input, { target: { files: [new File(["%PDF-"], "quittung.pdf", { type: "application/pdf" })] } });
    expect(screen.getByTestId("attachment-chosen").textContent).toBe("quittung.pdf");
  });
});
