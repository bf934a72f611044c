// Per-project TypeScript step for Nx (`compile` and `typecheck` targets of every project):
//   node tools/build/project-tsc.mjs compile <projectRoot>   emit the project's own files into dist/<projectRoot>
//   node tools/build/project-tsc.mjs check <projectRoot>     type-check the project's own files, tests included
// Only this project's files are emitted or reported, so each project's output and cache entry holds
// only what it owns (its dependencies have their own targets). `compile` transpiles file by file
// (the sources are `isolatedModules`-clean, and `typecheck` does the checking), which needs no other
// project; `check` builds one program from tsconfig.base.json that reads other projects through
// their `paths` for types.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const [mode, projectRoot] = process.argv.slice(2);
if (!['compile', 'check'].includes(mode) || !projectRoot) {
  console.error('usage: node tools/build/project-tsc.mjs compile|check <projectRoot>');
  process.exit(2);
}
const root = process.cwd();
const projectDir = resolve(root, projectRoot) + sep;
const TEST_FILE = /\.(spec|int-spec|e2e-spec|chaos-spec)\.ts$/;

const configPath = join(root, mode === 'compile' ? 'tsconfig.build.json' : 'tsconfig.base.json');
const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail([d]) });
const own = parsed.fileNames.filter((f) => resolve(f).startsWith(projectDir) && (mode === 'check' || !TEST_FILE.test(f)));

if (mode === 'compile') {
  for (const file of own) {
    const out = join(root, 'dist', relative(root, file)).replace(/\.ts$/, '.js');
    const { outputText, sourceMapText, diagnostics } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: parsed.options,
      fileName: file,
      reportDiagnostics: true,
    });
    if (diagnostics?.length) fail(diagnostics);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
    if (sourceMapText) {
      const map = JSON.parse(sourceMapText);
      Object.assign(map, { file: basename(out), sourceRoot: '', sources: [relative(dirname(out), file)] });
      writeFileSync(`${out}.map`, JSON.stringify(map));
    }
  }
} else {
  const program = ts.createProgram({ rootNames: own, options: { ...parsed.options, noEmit: true, incremental: false } });
  const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const sf of program.getSourceFiles()) {
    if (!resolve(sf.fileName).startsWith(projectDir) || sf.isDeclarationFile) continue;
    diagnostics.push(...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf));
  }
  if (diagnostics.length > 0) fail(diagnostics);
}

if (mode === 'compile') {
  // Non-TypeScript files the compiled code reads at run time (Lua scripts) go beside it.
  const copyAssets = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) copyAssets(p);
      else if (name.endsWith('.lua')) cpSync(p, join(root, 'dist', relative(root, p)));
    }
  };
  if (existsSync(projectDir)) copyAssets(projectDir);
  console.log(`${projectRoot}: ${own.length} files compiled into dist/${projectRoot}`);
} else {
  console.log(`${projectRoot}: ${own.length} files type-checked`);
}

function fail(diags) {
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
  console.error(ts.formatDiagnosticsWithColorAndContext(diags, host));
  process.exit(1);
}
