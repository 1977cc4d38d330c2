// One closing line for every suite scripts/test.sh ran: GoogleTest JSON reports (C++ suites,
// both databases), Vitest's JSON report and the e2e results. Exits non-zero if any failed or
// if a suite's report is missing (a suite that silently ran nothing must not look green).
import { existsSync, readFileSync } from "node:fs";

const [buildDir, outDir, withWeb] = process.argv.slice(2);
let passed = 0, failed = 0;
const missing = [];
const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : (missing.push(path), null));

for (const suite of ["unit", "store", "api", "cli", "readme_commands", "package"]) {
  const r = read(`${buildDir}/test-results/${suite}.json`);
  if (r) {
    failed += r.failures + (r.errors ?? 0);
    passed += r.tests - r.failures - (r.errors ?? 0) - (r.disabled ?? 0);
  }
}
if (withWeb === "1") {
  const v = read(`${outDir}/vitest.json`);
  if (v) { passed += v.numPassedTests; failed += v.numFailedTests; }
  const e = read(`${outDir}/e2e/results.json`);
  if (e) { passed += e.passed; failed += e.failed; }
}
for (const m of missing) console.log(`missing test report: ${m}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && missing.length === 0 && passed > 0 ? 0 : 1);
