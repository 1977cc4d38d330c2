// Every catalogue has exactly the English one's keys, each with the same ICU arguments and tags;
// every key is used somewhere in the source (ids are written out whole: grep finds them); and the
// hard-coded-text lint finds text in a component (it can fail) and none in the translated areas.
// The admin's catalogue (messages/admin, loaded with the admin only) is held to the same rules:
// English is complete; any other language's file, once added, must be too.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { findLiterals } from "../../scripts/check-i18n.mjs";
import { LOCALES } from "./locales";

const DIR = join(__dirname, "messages");
const catalogue = (locale: string) => JSON.parse(readFileSync(join(DIR, `${locale}.json`), "utf8")) as Record<string, string>;
const en = catalogue("en");
const ADMIN_DIR = join(DIR, "admin");
const adminCatalogue = (locale: string) => JSON.parse(readFileSync(join(ADMIN_DIR, `${locale}.json`), "utf8")) as Record<string, string>;
const adminEn = adminCatalogue("en");
const adminLocales = readdirSync(ADMIN_DIR).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, ""));

/** The argument names and tag names a message uses (in plural and select branches too). */
function placeholders(message: string): string[] {
  const found = new Set<string>();
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
      found.add(el.type === TYPE.tag ? `<${el.value}>` : el.value);
      if (el.type === TYPE.tag) walk(el.children);
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) walk(o.value);
    }
  };
  walk(parse(message));
  return [...found].sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "messages" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** `other` has exactly `english`'s keys, none empty, each with the same arguments and tags. */
function expectSameShape(english: Record<string, string>, other: Record<string, string>) {
  expect(Object.keys(other).filter((k) => !(k in english)), "keys English does not have").toEqual([]);
  expect(Object.keys(english).filter((k) => !(k in other)), "keys missing").toEqual([]);
  const differing = Object.keys(english).filter((k) => k in other && placeholders(english[k]).join() !== placeholders(other[k]).join());
  expect(differing, "keys whose arguments or tags differ").toEqual([]);
  expect(Object.keys(other).filter((k) => !other[k].trim()), "empty messages").toEqual([]);
}

/** The ids written in `files` (whole, quoted: how every t() call names them). */
function idsUsedIn(files: string[]): Set<string> {
  const source = files.map((f) => readFileSync(f, "utf8")).join("\n");
  return new Set([...source.matchAll(/["'`]([a-zA-Z]+(?:\.[a-zA-Z_]+)+)["'`]/g)].map((m) => m[1]));
}
const SRC = join(__dirname, "..");

describe("message catalogues", () => {
  for (const locale of LOCALES.filter((l) => l !== "en")) {
    it(`${locale} has every English key, no other, and the same placeholders`, () => expectSameShape(en, catalogue(locale)));
  }

  it("every English key is used in the source", () => {
    const used = idsUsedIn(sourceFiles(SRC));
    expect(Object.keys(en).filter((k) => !used.has(k))).toEqual([]);
  });

  it("every English message parses", () => {
    for (const [k, v] of Object.entries(en)) expect(() => parse(v), k).not.toThrow();
  });
});

describe("the admin's catalogue", () => {
  it("has only admin.* keys, none of them in the app's catalogue (and the app's has no admin.* key)", () => {
    expect(Object.keys(adminEn).filter((k) => !k.startsWith("admin."))).toEqual([]);
    expect(Object.keys(en).filter((k) => k.startsWith("admin."))).toEqual([]);
  });

  for (const locale of adminLocales.filter((l) => l !== "en")) {
    it(`${locale} is a shipped language with every English admin key, no other, and the same placeholders`, () => {
      expect(LOCALES as readonly string[]).toContain(locale);
      expectSameShape(adminEn, adminCatalogue(locale));
    });
  }

  it("every admin key is used in the source, and only where the admin's catalogue is loaded", () => {
    const files = sourceFiles(SRC);
    const admin = (f: string) => /[\\/]features[\\/](admin|devices)[\\/]/.test(f) || /[\\/]app[\\/]App\.tsx$/.test(f);
    const used = idsUsedIn(files.filter(admin));
    expect(Object.keys(adminEn).filter((k) => !used.has(k)), "unused admin keys").toEqual([]);
    const outside = [...idsUsedIn(files.filter((f) => !admin(f)))].filter((k) => k in adminEn);
    expect(outside, "admin keys used outside the admin").toEqual([]);
  });

  it("every admin message parses", () => {
    for (const [k, v] of Object.entries(adminEn)) expect(() => parse(v), k).not.toThrow();
  });
});

describe("the hard-coded text lint", () => {
  it("finds JSX text, literal attributes and literal branches", () => {
    const bad = `export const A = ({ busy }: { busy: boolean }) => (
      <form aria-label="Sign in"><p>Hello there</p><input placeholder="Your name" />
        <button>{busy ? "Sending…" : "Send"}</button><span>{" · "}</span><b>{\`Ticket \${1}\`}</b></form>);`;
    expect(findLiterals(bad, "bad.tsx").map((f) => f.text)).toEqual(["Sign in", "Hello there", "Your name", "Sending…", "Send", "Ticket"]);
  });
  it("passes catalogue text, punctuation and opted-out lines", () => {
    const good = `const B = () => <p title={t("x.y")}>{t("a.b")} — {n}<span>Gatepass</span>{/* i18n-ignore: name */}</p>;`;
    expect(findLiterals(good, "good.tsx")).toEqual([]);
  });
});
