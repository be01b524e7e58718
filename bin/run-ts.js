#!/usr/bin/env node
// Runs a TypeScript file through tsx's require hook, so `npm run bench` and friends need no build step.
require('tsx/cjs');
const path = require('node:path');
const file = process.argv[2];
process.argv.splice(2, 1);
require(path.resolve(file));
