// Import rules checked in CI (`npm run deps`): no import cycles anywhere, type-only imports included, so every module
// can be read, tested and loaded on its own. The process lines (core without Electron, renderer without Node) are
// lint rules in eslint.config.js; this file adds what ESLint cannot see cheaply: the whole import graph.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Break a cycle by moving the shared piece (a type, a helper) into its own module both sides import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment: 'main/shared runs in the core and in the browser: it imports nothing else from the app.',
      from: { path: '^main/shared/' },
      to: { path: '^(main/(core|server|host|shell)|main/index\\.ts|main/serve\\.ts|renderer|preload)/?' },
    },
    {
      name: 'core-not-shell',
      severity: 'error',
      comment: 'main/core runs under plain Node: it never reaches into the shell, the doors or the UI.',
      from: { path: '^main/core/' },
      to: { path: '^(main/(server|host|shell)|main/index\\.ts|main/serve\\.ts|renderer|preload)/?' },
    },
  ],
  options: {
    // Type-only imports count too (a type cycle still ties two modules together).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|out|\\.tsbuild)/' },
  },
};
