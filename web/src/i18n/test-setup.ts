// Unit tests run in English (their text selectors are the English catalogue's), synchronously, with
// the admin's catalogue as the admin chunk adds it in the app (i18n/admin.ts).
import en from "./messages/en.json";
import adminEn from "./messages/admin/en.json";
import { activate, type Messages } from "./runtime";

activate("en", { ...adminEn, ...en } as Messages);
