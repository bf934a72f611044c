import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The monorepo root (the folder with nx.json), from wherever this code runs: src under ts-jest or dist/. */
export function workspaceRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'nx.json')) && existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no workspace root (nx.json) above ${from}`);
    dir = up;
  }
}
