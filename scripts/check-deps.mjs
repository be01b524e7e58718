#!/usr/bin/env node
/**
 * `npm run lint:deps`: checks the import graph against .dependency-cruiser.cjs and fails on any
 * error-level violation (an import cycle, shared code importing a surface, web importing server code …).
 * It calls dependency-cruiser's API rather than its CLI because the CLI refuses Node 20, which
 * Kontakt supports (package.json engines), and the API runs on it.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { cruise } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs');
// Paths on the command line narrow the check (test/guards.test.ts runs it on a fixture).
const given = process.argv.slice(2);
const roots = (given.length ? given : ['api', 'gis', 'kernel', 'web', 'bench', 'test', 'open311-spec', 'bin', 'scripts']).filter((r) => fs.existsSync(r));

const options = { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden }, outputType: 'err' };
const result = await cruise(roots, options, config.options.enhancedResolveOptions, { tsConfig: extractTSConfig('tsconfig.json') });
process.stdout.write(result.output);
// dependency-cruiser's exit code is the number of error-level violations (warnings do not fail).
process.exitCode = result.exitCode > 0 ? 1 : 0;
