// The admin's catalogue (messages/admin/<locale>.json): loaded with the admin chunk only, so the
// public pages never download it. English is the only one for now; any other language shows the
// admin in English until its file is added (that file is all a translation needs: the catalogue
// test then holds it to the English keys).
import { addSection, type Section } from "./catalog";

const files = import.meta.glob<Record<string, string>>("./messages/admin/*.json", { import: "default" });

export const adminMessages: Section = async (locale) => {
  const english = await files["./messages/admin/en.json"]();
  const own = `./messages/admin/${locale}.json`;
  return locale !== "en" && Object.hasOwn(files, own) ? { ...english, ...(await files[own]()) } : english;
};

let added: Promise<void> | null = null;
/** Makes the admin's messages part of every language from now on (once; the admin route awaits it). */
export function loadAdminCatalogue(): Promise<void> {
  added ??= addSection(adminMessages).catch((e) => {
    added = null;
    throw e;
  });
  return added;
}
