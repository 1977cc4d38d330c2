#!/usr/bin/env node
// Lint (CI, `npm test`): no user-visible text typed into a component of the translated areas; it
// must come from the catalogue (src/i18n/messages; the admin's: messages/admin; issue 24). Flags, in
// .tsx files: JSX text with a letter in it, string literals (and template literals with letters)
// that are a JSX child or a branch of a conditional there, and literal user-visible attributes
// (title, aria-label, placeholder, alt, label, hint, ...). Text without letters ("—", " · ", "✓") passes. A line may opt
// out with an `i18n-ignore: <why>` comment on it (a product name, say).
// Usage: node scripts/check-i18n.mjs [files or folders...]   (default: the translated areas)
import ts from "typescript";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The areas held to the catalogues: every screen (the admin's text is in messages/admin, English for now). */
export const AREAS = ["src/app", "src/components", "src/features/register", "src/features/holder", "src/features/ticket-link",
  "src/features/scanner", "src/features/admin", "src/features/devices", "src/i18n"];
/** Not converted yet: listed, so nothing else slips. */
export const PENDING = [];
const ATTRIBUTES = new Set(["title", "aria-label", "aria-valuetext", "placeholder", "alt", "label", "hint", "notice", "instead"]);
const LETTER = /\p{L}/u;

/** The findings in one file's text: [{ line, text }]. */
export function findLiterals(source, fileName = "file.tsx") {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const lines = source.split("\n");
  const found = [];
  const report = (node, text) => {
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
    if (/i18n-ignore/.test(lines[line] ?? "")) return;
    found.push({ line: line + 1, text: text.trim().slice(0, 60) });
  };
  // A string that ends up on screen: itself, or either branch of a ?: / a || b / a ?? b.
  const visible = (expr) => {
    if (!expr) return;
    if (ts.isParenthesizedExpression(expr)) return visible(expr.expression);
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) {
      if (LETTER.test(expr.text)) report(expr, expr.text);
    } else if (ts.isTemplateExpression(expr)) {
      const text = expr.head.text + expr.templateSpans.map((s) => s.literal.text).join("");
      if (LETTER.test(text)) report(expr, text);
    } else if (ts.isConditionalExpression(expr)) {
      visible(expr.whenTrue);
      visible(expr.whenFalse);
    } else if (ts.isBinaryExpression(expr) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken,
      ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.PlusToken].includes(expr.operatorToken.kind)) {
      if (expr.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken) visible(expr.left);
      visible(expr.right);
    }
  };
  const walk = (node) => {
    if (ts.isJsxText(node) && LETTER.test(node.text)) report(node, node.text);
    else if (ts.isJsxExpression(node) && ts.isJsxElement(node.parent)) visible(node.expression);
    else if (ts.isJsxExpression(node) && ts.isJsxFragment(node.parent)) visible(node.expression);
    else if (ts.isJsxAttribute(node) && ATTRIBUTES.has(node.name.getText(file))) {
      const init = node.initializer;
      if (init && ts.isStringLiteral(init)) {
        if (LETTER.test(init.text)) report(init, init.text);
      } else if (init && ts.isJsxExpression(init)) visible(init.expression);
    }
    ts.forEachChild(node, walk);
  };
  walk(file);
  return found;
}

function* tsxFiles(path) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path)) yield* tsxFiles(join(path, name));
  } else if (path.endsWith(".tsx") && !/\.test\.tsx$/.test(path) && !PENDING.some((p) => path.endsWith(p))) yield path;
}

if (process.argv[1] && import.meta.url.startsWith("file:") && fileURLToPath(import.meta.url) === process.argv[1]) {
  const WEB = fileURLToPath(new URL("..", import.meta.url));
  const roots = process.argv.length > 2 ? process.argv.slice(2) : AREAS.map((a) => join(WEB, a));
  let count = 0;
  for (const root of roots)
    for (const path of tsxFiles(root))
      for (const f of findLiterals(readFileSync(path, "utf8"), path)) {
        console.error(`${relative(WEB, path)}:${f.line}: text not from the catalogue: "${f.text}"`);
        count++;
      }
  if (count) {
    console.error(`\n${count} hard-coded text(s): put them in src/i18n/messages/en.json (and de, fr, es) and use t("…").`);
    process.exit(1);
  }
  console.log("i18n lint: no hard-coded text in the translated areas");
}
