// esbuild options for the app bundles (the `build` target of apps/*, through @nx/esbuild).
// esbuild strips TypeScript itself but does not emit decorator metadata (`design:paramtypes`), which
// NestJS needs to inject constructor parameters by type. So TypeScript files are first transpiled
// file by file by the TypeScript compiler (no type check: `typecheck` does that), keeping ES module
// syntax so esbuild still bundles and tree-shakes them.
const { readFile } = require('node:fs/promises');
const { dirname, join } = require('node:path');
const esbuild = require('esbuild');
const ts = require('typescript');

/**
 * Extra bundles beside each app's main.cjs: files the code starts as worker threads by path. Each is
 * bundled like the app (same plugins, same externals), under the name the code looks for.
 */
const THREAD_ENTRIES = [{ in: 'libs/templates/src/isolation/template-pool.worker.ts', out: 'template-pool.worker.js' }];

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

/** @type {import('esbuild').Plugin} */
const threadEntries = {
  name: 'thread-entries',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length > 0) return;
      const { outfile, outdir, absWorkingDir = process.cwd() } = build.initialOptions;
      const dir = outdir ?? dirname(outfile);
      for (const entry of THREAD_ENTRIES) {
        await esbuild.build({
          ...build.initialOptions,
          entryPoints: [join(absWorkingDir, entry.in)],
          outdir: undefined,
          outfile: join(absWorkingDir, dir, entry.out),
          plugins: [decoratorMetadata],
          metafile: false,
        });
      }
    });
  },
};

module.exports = {
  plugins: [decoratorMetadata, threadEntries],
  // The bundle is one file per app; keep class and function names (Nest uses them as tokens and in logs).
  keepNames: true,
};
