// Unit tests run in English (their text selectors are the English catalogue's), synchronously.
import en from "./messages/en.json";
import { activate, type Messages } from "./runtime";

activate("en", en as Messages);
