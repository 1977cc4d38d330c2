// Every catalogue has exactly the English one's keys, each with the same ICU arguments and tags;
// every key is used somewhere in the source (ids are written out whole: grep finds them); and the
// hard-coded-text lint finds text in a component (it can fail) and none in the translated areas.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { findLiterals } from "../../scripts/check-i18n.mjs";
import { LOCALES } from "./locales";

const DIR = join(__dirname, "messages");
const catalogue = (locale: string) => JSON.parse(readFileSync(join(DIR, `${locale}.json`), "utf8")) as Record<string, string>;
const en = catalogue("en");

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

describe("message catalogues", () => {
  for (const locale of LOCALES.filter((l) => l !== "en")) {
    it(`${locale} has every English key, no other, and the same placeholders`, () => {
      const other = catalogue(locale);
      expect(Object.keys(other).filter((k) => !(k in en)), "keys English does not have").toEqual([]);
      expect(Object.keys(en).filter((k) => !(k in other)), "keys missing").toEqual([]);
      const differing = Object.keys(en).filter((k) => k in other && placeholders(en[k]).join() !== placeholders(other[k]).join());
      expect(differing, "keys whose arguments or tags differ").toEqual([]);
      expect(Object.keys(other).filter((k) => !other[k].trim()), "empty messages").toEqual([]);
    });
  }

  it("every English key is used in the source", () => {
    const source = sourceFiles(join(__dirname, "..")).map((f) => readFileSync(f, "utf8")).join("\n");
    const used = new Set([...source.matchAll(/["'`]([a-zA-Z]+(?:\.[a-zA-Z_]+)+)["'`]/g)].map((m) => m[1]));
    expect(Object.keys(en).filter((k) => !used.has(k))).toEqual([]);
  });

  it("every English message parses", () => {
    for (const [k, v] of Object.entries(en)) expect(() => parse(v), k).not.toThrow();
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
