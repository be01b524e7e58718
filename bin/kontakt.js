#!/usr/bin/env node
// The `kontakt` command. The code is TypeScript, loaded through tsx's require hook: no build step.
require('tsx/cjs');
require('../api/cli/main.ts')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err) => {
    process.stderr.write(`kontakt: ${err && err.message ? err.message : err}\n`);
    process.exitCode = 1;
  });
