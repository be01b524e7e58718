/**
 * The guarded dependency graph (issue #13 item 5). `npm run lint:deps` (scripts/check-deps.mjs) checks
 * these rules on every TypeScript and JavaScript source; `npm test` runs it. Type-only imports count:
 * a cycle made only of `import type` still hides which layer depends on which.
 */
const TESTS = '(^test/|\\.test\\.ts$|/fixtures/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only ones included: shared types go to a module both sides import (e.g. api/http/deps.ts).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-code-stays-below-surfaces',
      severity: 'error',
      comment: 'gis/ and kernel/ are imported by api/, web/ and bench/; they import none of them (nor test helpers).',
      from: { path: '^(gis|kernel)/', pathNot: TESTS },
      to: { path: '^(api|web|bench|test)/' },
    },
    {
      name: 'web-no-api-runtime',
      severity: 'error',
      comment: 'The browser bundles must not pull server code; web/ may only import types from api/.',
      from: { path: '^web/', pathNot: TESTS },
      to: { path: '^api/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-types-from-contracts',
      severity: 'error',
      comment: 'Web clients take their request and response types from the surface contracts (api/**/contract.ts), not from stores.',
      from: { path: '^web/', pathNot: TESTS },
      to: { path: '^api/', pathNot: '/contract\\.ts$' },
    },
    {
      name: 'api-not-web',
      severity: 'error',
      comment: 'The server does not import browser code; it only builds the bundles (api/http/web-build.ts loads web/build.mjs at run time).',
      from: { path: '^api/', pathNot: TESTS },
      to: { path: '^web/' },
    },
    {
      name: 'production-not-tests',
      severity: 'error',
      comment: 'Production code never imports tests or test helpers (test/, *.test.ts, fixtures).',
      from: { path: '^(api|gis|kernel|web|bin|open311-spec)/', pathNot: TESTS },
      to: { path: TESTS },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A module nothing imports and that imports nothing is dead code or a forgotten test.',
      from: { orphan: true, pathNot: '(\\.d\\.ts$|^scripts/)' },
      to: {},
    },
    {
      name: 'api-not-bench',
      severity: 'error',
      comment: 'The server does not import the benchmarks.',
      from: { path: '^(api|gis|kernel|web)/' },
      to: { path: '^bench/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|data|artifacts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mjs', '.js', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
