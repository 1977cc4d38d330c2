// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { dispositionFilename, exportCsv } from "./export";

afterEach(() => vi.unstubAllGlobals());

describe("CSV export", () => {
  it("reads the file name from Content-Disposition, UTF-8 form first", () => {
    expect(dispositionFilename('attachment; filename="scans-2026-12-01.csv"')).toBe("scans-2026-12-01.csv");
    expect(dispositionFilename("attachment; filename=tickets.csv")).toBe("tickets.csv");
    expect(dispositionFilename(`attachment; filename="x.csv"; filename*=UTF-8''F%C3%AAte.csv`)).toBe("Fête.csv");
    expect(dispositionFilename(null)).toBeNull();
  });

  it("fetches with the bearer token and the set filters only, then saves the blob", async () => {
    const fetchMock = vi.fn(async () => new Response("\ufeffa,b\r\n", { status: 200,
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="scans.csv"' } }));
    vi.stubGlobal("fetch", fetchMock);
    URL.createObjectURL = vi.fn(() => "blob:x");
    URL.revokeObjectURL = vi.fn();
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const name = await exportCsv("scans", { event_id: 4, gate: "", result: "admitted", type: null }, "tok");
    expect(name).toBe("scans.csv");
    expect(clicked).toEqual(["scans.csv"]);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/api/admin/export/scans.csv?event_id=4&result=admitted");
    expect(new Headers(init.headers).get("Authorization")).toBe("Bearer tok");
    click.mockRestore();
  });

  it("an error answer becomes the server's message", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ error: { code: "forbidden", message: "Admins only" } }), { status: 403 })));
    await expect(exportCsv("audit", {}, "tok")).rejects.toThrow("Admins only");
  });
});
