// Build only: the message catalogues (src/i18n/messages/*.json and admin/*.json) are parsed into ICU ASTs here, and
// the app is built with FormatJS's parser-free entry (`no-parser`), so the ~10 KB message parser
// never ships (the registration page's JavaScript budget is 100 KB, e2e/run.mjs). Tests and
// `npm run dev` keep the plain strings and the parser.
import { parse } from "@formatjs/icu-messageformat-parser";
import { fileURLToPath } from "node:url";

const NO_PARSER = fileURLToPath(new URL("../node_modules/@formatjs/icu-messageformat-parser/lib/no-parser.js", import.meta.url));

export function icuPrecompile() {
  return {
    name: "gatepass-icu-precompile",
    apply: "build",
    enforce: "pre",
    config: () => ({ resolve: { alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: NO_PARSER }] } }),
    transform(code, id) {
      if (!/[\\/]src[\\/]i18n[\\/]messages[\\/](admin[\\/])?[a-z]{2}\.json$/.test(id)) return null;
      const messages = JSON.parse(code);
      // A message with no argument and no tag stays a string: FormatJS formats those without the
      // parser (runtime.ts never passes values to them), and a string is smaller than its AST.
      const compiled = Object.fromEntries(Object.entries(messages).map(([k, v]) => [k, /[{<]/.test(v) ? parse(v) : v]));
      return { code: JSON.stringify(compiled), map: null };  // still JSON: Vite's JSON plugin makes the module
    },
  };
}
