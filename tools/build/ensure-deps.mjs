// Before `npm start` / `npm test` on a fresh clone: install the locked dependencies once.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('node_modules/.package-lock.json')) {
  process.stdout.write('[netpulse] first run: installing dependencies (npm ci)\n');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
