// The layers, checked by `npm test` (dependency-cruiser): see README, "What lives where".
const PRODUCTION = '^(domain|contracts|workflows|activities|services|adapters|db|api|events|workers|platform|simulators)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: "No import circle at run time. A type-only import may refer back (the domain's types describe one another).",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ holds rules and data: it imports only itself and zod (no I/O, no framework).',
      from: { path: '^domain/' },
      to: { pathNot: ['^domain/', '^node_modules/zod/'] },
    },
    {
      name: 'contracts-are-declarations',
      severity: 'error',
      comment: 'A contract imports only domain/, other contracts and the Temporal message and failure definitions.',
      from: { path: '^contracts/' },
      to: { pathNot: ['^domain/', '^contracts/', '^node_modules/@temporalio/(workflow|common)/', '^node_modules/zod/'] },
    },
    {
      name: 'workflows-are-deterministic',
      severity: 'error',
      comment: 'Workflow code imports only domain/, contracts/, itself and the Temporal workflow API: nothing with I/O.',
      from: { path: '^workflows/' },
      to: { pathNot: ['^domain/', '^contracts/', '^workflows/', '^node_modules/@temporalio/(workflow|common)/', '^node_modules/zod/'] },
    },
    {
      name: 'only-the-worker-loads-workflow-bodies',
      severity: 'error',
      comment: 'Everything outside a workflow imports its contract, never the workflow file (the worker bundles them).',
      from: { pathNot: ['^workflows/', '^workers/', '^test/replay-fixtures/'] },
      to: { path: '^workflows/' },
    },
    {
      name: 'api-is-thin',
      severity: 'error',
      comment: 'The API translates HTTP to client calls and read-model queries: no activities, no worker.',
      from: { path: '^api/' },
      to: { path: '^(activities|workers)/' },
    },
    {
      name: 'events-leave-from-the-outbox',
      severity: 'error',
      comment:
        "events/ turns the read model's outbox into TMF events with the API's own presenters and sends them: it may read api/presenters, never the routes, activities or the worker.",
      from: { path: '^events/' },
      to: { path: '^(activities|workers|adapters|simulators|services)/|^api/(routes|app|main)' },
    },
    {
      name: 'simulators-and-adapters-apart',
      severity: 'error',
      comment: 'The adapters are clients of a documented interface; the simulators serve it. Neither knows the other.',
      from: { path: '^(simulators|adapters)/' },
      to: { path: '^(simulators|adapters)/', pathNot: '^$1/' },
    },
    {
      name: 'db-is-postgresql-only',
      severity: 'error',
      comment: 'db/ reads and writes PostgreSQL: no adapters (network I/O), no API, events, activities or services.',
      from: { path: '^db/' },
      to: { path: '^(adapters|api|events|activities|services|workers|simulators)/' },
    },
    {
      name: 'web-is-a-client',
      severity: 'error',
      comment:
        "web/ is the browser's: it reaches the system only over HTTP, through the client generated from the API's OpenAPI document (web/src/api), never by importing its code.",
      from: { path: '^web/' },
      // A package the resolver cannot follow (react-router's exports map) is still a package, not our code.
      to: { pathNot: ['^web/', '^node_modules/'], couldNotResolve: false },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      comment: 'Production code never imports the harness or the tests; scripts may use the harness, never test/.',
      from: { path: PRODUCTION },
      to: { path: '^(harness|test|scripts)/' },
    },
    {
      name: 'scripts-do-not-import-tests',
      severity: 'error',
      from: { path: '^(scripts|harness)/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|web/dist|\\.data|bench-results|test/replay-corpus)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.json'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
