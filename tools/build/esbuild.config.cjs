// esbuild options for the app bundles (the `build` target of apps/*, through @nx/esbuild).
// esbuild strips TypeScript itself but does not emit decorator metadata (`design:paramtypes`), which
// NestJS needs to inject constructor parameters by type. So TypeScript files are first transpiled
// file by file by the TypeScript compiler (no type check: `typecheck` does that), keeping ES module
// syntax so esbuild still bundles and tree-shakes them.
const { readFile } = require('node:fs/promises');
const ts = require('typescript');

const compilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ES2022,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  isolatedModules: true,
  inlineSourceMap: true,
  inlineSources: false,
};

/** @type {import('esbuild').Plugin} */
const decoratorMetadata = {
  name: 'typescript-decorator-metadata',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: path });
      return { contents: outputText, loader: 'js' };
    });
  },
};

module.exports = {
  plugins: [decoratorMetadata],
  // The bundle is one file per app; keep class and function names (Nest uses them as tokens and in logs).
  keepNames: true,
};
