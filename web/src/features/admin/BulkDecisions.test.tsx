// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { AuthProvider } from "../../lib/auth";
import type { Job, Registration } from "../../lib/types";
import { RegistrationsPage } from "./RegistrationsPage";
import { bulkError, describeBulk } from "./BulkDecisions";

const event = { id: 7, name: "HackFest", slug: "hackfest", venue: null, starts_at: null, ends_at: null, capacity: null,
  serial_prefix: "EVT2026", requires_approval: true, published: true };
const pending = (id: number, name: string): Registration => ({ id, event_id: 7, name, email: `${name.toLowerCase()}@example.com`, phone: null,
  team_name: null, members: null, amount: null, status: "pending", decline_reason: null, created_at: "2026-05-01T10:00:00Z",
  decided_at: null, attachments: [], ticket: null, duplicate_of: null, duplicate_count: 1, locale: "en" });
const regs = [pending(1, "Ann"), pending(2, "Ben"), pending(3, "Cem")];
const job: Job = { id: 41, kind: "bulk_decide", status: "queued", total: 3, done: 0, error: null, event_id: 7, params: {}, result: {},
  created_at: "t0", started_at: null, finished_at: null };

type Call = { url: string; method: string; body: unknown };

function stubServer(jobStates: Partial<Job>[] = []) {
  const calls: Call[] = [];
  let polls = 0;
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : null;
    calls.push({ url, method, body });
    const json = (status: number, payload: unknown) => new Response(JSON.stringify(payload), { status });
    if (url.startsWith("/api/events")) return json(200, { items: [event], total: 1, limit: 200, offset: 0 });
    if (url.startsWith("/api/admin/registrations?")) return json(200, { items: regs, total: regs.length, limit: 20, offset: 0 });
    if (url === "/api/admin/registrations/bulk" && body.ids)
      return json(200, { results: body.ids.map((id: number) => id === 3 ? { id, ok: false, error: { code: "already_decided", message: "Registration 3 was already decided" } } : { id, ok: true, serial: `EVT2026-00000${id}` }) });
    if (url === "/api/admin/registrations/bulk" && body.filter) return json(202, job);
    if (url === `/api/jobs/${job.id}`) return json(200, { ...job, ...jobStates[Math.min(polls++, jobStates.length - 1)] });
    return json(404, { error: { code: "not_found", message: "Not found" } });
  }));
  return calls;
}

function renderPage(canEdit = true) {
  sessionStorage.setItem("gatepass.admin", JSON.stringify({ token: "tok", user: { id: 1, username: "root", role: canEdit ? "admin" : "viewer" } }));
  render(<AuthProvider storageKey="gatepass.admin"><RegistrationsPage canEdit={canEdit} /></AuthProvider>);
}

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("bulk decisions on registrations", () => {
  it("approves only the selected rows after confirmation and reports each result", async () => {
    const calls = stubServer();
    renderPage();
    const approveSelected = await screen.findByRole("button", { name: /^Approve selected/ });
    expect((approveSelected as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(await screen.findByLabelText("Select Ann"));
    fireEvent.click(screen.getByLabelText("Select Cem"));
    fireEvent.click(screen.getByRole("button", { name: "Approve selected (2)" }));
    const dialog = await screen.findByRole("dialog", { name: "Approve in bulk" });
    expect(within(dialog).getByText("Approve 2 selected registrations?")).toBeTruthy();
    expect(calls.some((c) => c.url.endsWith("/bulk"))).toBe(false);  // nothing before the confirmation
    fireEvent.click(within(dialog).getByRole("button", { name: "Yes, approve" }));
    expect((await within(dialog).findByTestId("bulk-results")).textContent).toMatch(/1 approved, 1 not.*#3: Registration 3 was already decided/);
    const bulk = calls.filter((c) => c.url.endsWith("/bulk"));
    expect(bulk).toEqual([{ url: "/api/admin/registrations/bulk", method: "POST", body: { action: "approve", ids: [1, 3] } }]);
  });

  it("'approve all matching' sends the filter, then follows the job's progress to the end and reloads", async () => {
    const calls = stubServer([{ status: "running", done: 2 }, { status: "done", done: 3 }]);
    renderPage();
    await screen.findByRole("option", { name: "HackFest" });
    fireEvent.change(screen.getByLabelText("Event"), { target: { value: "7" } });
    fireEvent.change(screen.getByLabelText("Search"), { target: { value: "example" } });
    await screen.findByLabelText("Select Ann");
    fireEvent.click(screen.getByRole("button", { name: "Approve all matching this filter" }));
    const dialog = await screen.findByRole("dialog", { name: "Approve in bulk" });
    expect(within(dialog).getByText("Approve all 3 pending registrations for HackFest, matching “example”?")).toBeTruthy();
    const loadsBefore = calls.filter((c) => c.url.startsWith("/api/admin/registrations?")).length;
    fireEvent.click(within(dialog).getByRole("button", { name: "Yes, approve" }));
    const bar = await within(dialog).findByRole("progressbar", { name: "Bulk decisions" });
    await waitFor(() => expect(bar.getAttribute("aria-valuenow")).toBe("3"), { timeout: 3000 });
    expect(within(dialog).getByText("Done: 3 / 3")).toBeTruthy();
    expect(calls.find((c) => c.url.endsWith("/bulk"))?.body).toEqual({ action: "approve", filter: { event_id: 7, q: "example" } });
    expect(calls.filter((c) => c.url === "/api/jobs/41").length).toBe(2);
    await waitFor(() => expect(calls.filter((c) => c.url.startsWith("/api/admin/registrations?")).length).toBeGreaterThan(loadsBefore));
  });

  it("viewers get neither checkboxes nor bulk buttons", async () => {
    stubServer();
    renderPage(false);
    await screen.findByText("Ann");
    expect(screen.queryAllByRole("checkbox")).toHaveLength(0);
    expect(screen.queryByRole("button", { name: /selected|matching/ })).toBeNull();
  });

  it("a refusal reads as its message, else its code", () => {
    expect(bulkError({ id: 1, ok: false, error: { code: "not_found", message: "No registration with id 1" } })).toBe("No registration with id 1");
    expect(bulkError({ id: 1, ok: false, error: { code: "not_found", message: "" } })).toBe("not_found");
    expect(bulkError({ id: 1, ok: false })).toBe("refused");
  });

  it("describes what will happen", () => {
    expect(describeBulk({ kind: "ids", action: "decline", ids: [4] })).toBe("Decline 1 selected registration?");
    expect(describeBulk({ kind: "filter", action: "approve", eventId: null, eventName: null, q: "", pendingCount: null }))
      .toBe("Approve every pending registration for every event?");
  });
});

describe("registrations on a phone", () => {
  it("renders cards (no table) whose Approve and Decline buttons sit in the card", async () => {
    vi.stubGlobal("matchMedia", (query: string) => ({ matches: query.includes("max-width"), media: query,
      addEventListener: () => undefined, removeEventListener: () => undefined }));
    stubServer();
    renderPage();
    const card = await screen.findByTestId("registration-2");
    expect(card.tagName).toBe("LI");
    expect(screen.queryByRole("table")).toBeNull();
    expect(within(card).getByRole("button", { name: "Approve" })).toBeTruthy();
    expect(within(card).getByRole("button", { name: "Decline" })).toBeTruthy();
    fireEvent.click(within(card).getByRole("button", { name: "Approve" }));
    expect(await screen.findByRole("dialog", { name: "Approve registration?" })).toBeTruthy();
  });
});
