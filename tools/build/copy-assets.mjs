// Copies the non-TypeScript files the compiled code reads at run time (Lua scripts) next to it in dist/.
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ASSET = /\.lua$/;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (ASSET.test(name)) cpSync(p, join('dist', p));
  }
}
for (const root of ['libs', 'apps']) if (existsSync(root)) walk(root);
