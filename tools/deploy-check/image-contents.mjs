// What each app image's final stage holds, without a Docker daemon: for every app it stages the same
// files the runtime stage of deploy/docker/<app>.Dockerfile copies into /app (the app's build output
// dist/deploy/<app>/, the production node_modules `npm ci --omit=dev` installs from that output's
// package.json and lock file, healthcheck.mjs) in a temporary folder, then counts files and bytes.
//
//   npm run build:apps && node tools/deploy-check/image-contents.mjs [--keep]
//
// Sizes are the sum of file sizes (apparent size), not the layer size Docker reports; the base image
// (node:20-bookworm-slim) is the same for every variant and not counted. `npm ci` here runs with
// --ignore-scripts (no compiler needed), so ssh2's optional native crypto module is not built; in
// the image it adds a few files.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
const APPS = ['controller', 'fifo-worker', 'node-worker'];
const keep = process.argv.includes('--keep');

function tally(dir) {
  let files = 0;
  let bytes = 0;
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else {
        files += 1;
        bytes += st.size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

const mb = (b) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const work = mkdtempSync(join(tmpdir(), 'netpulse-image-contents-'));
const rows = [];
try {
  for (const app of APPS) {
    const out = join(ROOT, 'dist', 'deploy', app);
    if (!existsSync(join(out, 'main.cjs'))) throw new Error(`${out}/main.cjs missing: run \`npm run build:apps\` first`);
    const image = join(work, app);
    cpSync(out, image, { recursive: true });
    cpSync(join(ROOT, '.npmrc'), join(image, '.npmrc'));
    execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: image, stdio: 'inherit' });
    rmSync(join(image, '.npmrc'));
    cpSync(join(ROOT, 'deploy', 'docker', 'healthcheck.mjs'), join(image, 'healthcheck.mjs'));
    const total = tally(image);
    const modules = tally(join(image, 'node_modules'));
    const deps = Object.keys(JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("./package.json").dependencies ?? {})'], { cwd: image, encoding: 'utf8' })));
    rows.push({ app, total, modules, code: { files: total.files - modules.files, bytes: total.bytes - modules.bytes }, deps: deps.length });
  }
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
}
console.log('| image | files | size | of which node_modules | app code and data | npm dependencies |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.app} | ${r.total.files} | ${mb(r.total.bytes)} | ${r.modules.files} files, ${mb(r.modules.bytes)} | ${r.code.files} files, ${mb(r.code.bytes)} | ${r.deps} |`);
if (keep) console.log(`\nstaged in ${work}`);
