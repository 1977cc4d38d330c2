// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { AdminApp } from "./AdminApp";

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function open(role: string) {
  sessionStorage.setItem("gatepass.admin", JSON.stringify({ token: "tok", user: { id: 5, username: "rita", role } }));
  const calls: string[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string) => {
    calls.push(url);
    return new Response(JSON.stringify({ events: [], items: [], total: 0 }), { status: 200 });
  }));
  render(<MemoryRouter initialEntries={["/admin/registrations"]}><AdminApp /></MemoryRouter>);
  return calls;
}

describe("who may open the admin app", () => {
  it("a ticket holder's (attendee) session is refused and no admin call is made", () => {
    const calls = open("attendee");
    expect(screen.getByRole("heading", { name: "Not allowed" })).toBeTruthy();
    expect(screen.queryByRole("navigation", { name: "Admin sections" })).toBeNull();
    expect(calls).toEqual([]);
  });
  it("an unknown role is refused too; staff get the sections with the box-office entries", async () => {
    open("someone-new");
    expect(screen.getByRole("heading", { name: "Not allowed" })).toBeTruthy();
    cleanup();
    open("admin");
    const nav = screen.getByRole("navigation", { name: "Admin sections" });
    for (const name of ["Box office", "Tickets", "Refunds", "Transfers"]) expect(screen.getByRole("link", { name })).toBeTruthy();
    expect(nav).toBeTruthy();
    expect(screen.queryByText("Not allowed")).toBeNull();
  });
});
