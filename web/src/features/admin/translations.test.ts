// The event form's texts per language and the API's maps: built from the fields, read back, and the
// server's 422 invalid_translation entries put at the right language's field.
import { describe, expect, it } from "vitest";
import { filledCount, namesMap, otherNames, placeErrors, textProblems, textsBody, textsOf, typesLacking } from "./translations";

const stored = {
  name: "Summer Fest", description: "Music by the sea", mail_text: null, default_locale: "en" as const,
  name_i18n: { en: "Summer Fest", de: "Sommerfest", fr: "Fête d'été" }, description_i18n: { en: "Music by the sea", de: "Musik am Meer" },
  mail_text_i18n: {},
};

describe("texts per language: from the event", () => {
  it("puts each map's entries under its language and the plain field under the default's", () => {
    const { defaultLocale, texts } = textsOf({ ...stored, name: "Summer Festival" });
    expect(defaultLocale).toBe("en");
    expect(texts.name).toEqual({ en: "Summer Festival", de: "Sommerfest", fr: "Fête d'été", es: "" });
    expect(texts.description.de).toBe("Musik am Meer");
    expect(texts.mail_text).toEqual({ en: "", de: "", fr: "", es: "" });
  });
  it("a new event: English, all empty", () => {
    const { defaultLocale, texts } = textsOf(null);
    expect(defaultLocale).toBe("en");
    expect(texts.name.en).toBe("");
  });
});

describe("texts per language: the body sent", () => {
  it("the default's texts are the plain fields and every filled language is in the map", () => {
    const { texts } = textsOf(stored);
    texts.name.es = " Fiesta de verano ";
    texts.description.fr = "";
    texts.mail_text.de = "Einlass ab 17:30 Uhr.";
    const body = textsBody("en", texts, stored);
    expect(body).toMatchObject({ default_locale: "en", name: "Summer Fest", description: "Music by the sea", mail_text: null });
    expect(body.name_i18n).toEqual({ en: "Summer Fest", de: "Sommerfest", fr: "Fête d'été", es: "Fiesta de verano" });
    expect(body.description_i18n).toEqual({ en: "Music by the sea", de: "Musik am Meer" });
    // No mail addition in the default language: null (the server clears the map) and no map.
    expect(body.mail_text_i18n).toBeUndefined();
  });
  it("a new default language: its texts become the plain fields", () => {
    const { texts } = textsOf(stored);
    const body = textsBody("de", texts, stored);
    expect(body).toMatchObject({ default_locale: "de", name: "Sommerfest", description: "Musik am Meer" });
    expect(body.name_i18n?.de).toBe("Sommerfest");
  });
  it("no map is made for an event without translations; a stored one is replaced when they are removed", () => {
    const plain = { name: "Fest", description: null, mail_text: null, default_locale: "en" as const };
    expect(textsBody("en", textsOf(plain).texts, plain).name_i18n).toBeUndefined();
    const { texts } = textsOf(stored);
    texts.name.de = "";
    texts.name.fr = "";
    expect(textsBody("en", texts, stored).name_i18n).toEqual({ en: "Summer Fest" });
  });
  it("the form's own checks name the entry as the server does", () => {
    const { texts } = textsOf(stored);
    texts.mail_text.de = "Einlass ab 17:30 Uhr.";
    texts.description.fr = "x".repeat(2001);
    expect(textProblems("en", texts)).toEqual({ "mail_text_i18n.en": "defaultMissing", "description_i18n.fr": "tooLong" });
  });
  it("counts how many of the default's texts a language has", () => {
    const { texts } = textsOf(stored);
    expect(filledCount("en", texts, "de")).toEqual({ filled: 2, total: 2 });
    expect(filledCount("en", texts, "fr")).toEqual({ filled: 1, total: 2 });
    texts.mail_text.en = "Bring a towel.";
    expect(filledCount("en", texts, "es")).toEqual({ filled: 0, total: 3 });
  });
});

describe("the server's field errors at their fields", () => {
  it("plain fields and the default's entry at the default language, others at theirs, ticket types apart", () => {
    const placed = placeErrors({
      name: "is required", "description_i18n.de": "at most 2000 characters", "name_i18n.fr": "is required: the text in the event's default language",
      "mail_text_i18n.it": "is not a language Gatepass ships", "ticket_types.7.name_i18n.fr": "is required", venue: "too long",
    }, "fr");
    expect(placed.byLanguage.fr).toEqual({ name: "is required" });  // the plain field's message comes first
    expect(placed.byLanguage.de).toEqual({ description: "at most 2000 characters" });
    expect(placed.ticketTypes).toEqual([7]);
    expect(placed.other).toEqual({ "mail_text_i18n.it": "is not a language Gatepass ships", venue: "too long" });
  });
  it("finds the ticket types a new default language lacks names in", () => {
    const types: { id: number; name: string; name_i18n: Record<string, string> }[] = [{ id: 1, name: "Adult", name_i18n: { en: "Adult", fr: "Adulte" } }, { id: 2, name: "VIP", name_i18n: {} },
      { id: 3, name: "Kid", name_i18n: { en: "Kid", de: "Kind" } }];
    expect(typesLacking(types, "de").map((t) => t.name)).toEqual(["Adult"]);
  });
});

describe("ticket type names per language", () => {
  it("sends the map only when the other languages' names change", () => {
    const names = otherNames({ en: "Adult", de: "Erwachsene" }, "en");
    expect(names).toEqual({ en: "", de: "Erwachsene", fr: "", es: "" });
    expect(namesMap("en", "Adult", names, { en: "Adult", de: "Erwachsene" })).toBeUndefined();
    expect(namesMap("en", " Adults ", { ...names, fr: "Adulte " }, { en: "Adult", de: "Erwachsene" }))
      .toEqual({ en: "Adults", de: "Erwachsene", fr: "Adulte" });
    expect(namesMap("en", "Adult", { ...names, de: "" }, { en: "Adult", de: "Erwachsene" })).toEqual({ en: "Adult" });
    expect(namesMap("en", "Adult", otherNames(undefined, "en"))).toBeUndefined();
  });
});
