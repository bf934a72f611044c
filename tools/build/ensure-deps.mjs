// Before `npm start` / `npm test` on a fresh clone: install the locked dependencies once.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

if (!existsSync('node_modules/.package-lock.json')) {
  process.stdout.write('[netpulse] first run: installing dependencies (npm ci)\n');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}

// A workspace package added since the last install (a new lib) is linked without a full reinstall.
const workspaces = JSON.parse(readFileSync('package.json', 'utf8')).workspaces ?? [];
const dirs = workspaces.flatMap((w) => (w.endsWith('/*') ? (existsSync(w.slice(0, -2)) ? readdirSync(w.slice(0, -2)).map((n) => join(w.slice(0, -2), n)) : []) : [w]));
for (const dir of dirs) {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) continue;
  const name = JSON.parse(readFileSync(manifest, 'utf8')).name;
  if (typeof name !== 'string') continue;
  const link = join('node_modules', name);
  if (existsSync(link)) continue;
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(relative(dirname(link), dir), link);
  process.stdout.write(`[netpulse] linked ${name}\n`);
}
