// Rules for deploy/docker/<app>.Dockerfile and their BuildKit <Dockerfile>.dockerignore files: a small
// Dockerfile parser (instructions, continuations, stages) and moby's .dockerignore matching.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { must, ok, PRIVATE_IP, problems, ROOT } from './report.mjs';

const INSTRUCTIONS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);
const APPS = { controller: 9000, 'fifo-worker': 9101, 'node-worker': 9102 };

/** Instructions with line continuations joined and comments dropped: [{line, cmd, args}]. */
export function parseDockerfile(text) {
  const out = [];
  let buf = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!buf && /^\s*(#.*)?$/.test(line)) return;
    if (buf && /^\s*#/.test(line)) return; // comment inside a continuation
    if (!buf) start = i + 1;
    if (/\\\s*$/.test(line)) {
      buf += line.replace(/\\\s*$/, ' ');
      return;
    }
    buf += line;
    const m = buf.trim().match(/^(\S+)\s*(.*)$/s);
    out.push({ line: start, cmd: m[1].toUpperCase(), args: m[2].trim() });
    buf = '';
  });
  if (buf) out.push({ line: start, cmd: 'UNTERMINATED', args: buf });
  return out;
}

/** A .dockerignore as moby's patternmatcher reads it: last matching pattern wins, parents count. */
function dockerignoreMatcher(text) {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pat = (negate ? l.slice(1) : l).trim().replace(/^\/+/, '').replace(/\/+$/, '');
      let re = '';
      for (let i = 0; i < pat.length; i++) {
        const ch = pat[i];
        if (ch === '*' && pat[i + 1] === '*') {
          if (pat[i + 2] === '/') {
            re += '(?:.*/)?';
            i += 2;
          } else {
            re += '.*';
            i += 1;
          }
        } else if (ch === '*') re += '[^/]*';
        else if (ch === '?') re += '[^/]';
        else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      }
      return { negate, re: new RegExp(`^${re}$`) };
    });
  return (path) => {
    const parts = path.split('/');
    let excluded = false;
    for (const r of rules) {
      let hit = false;
      for (let n = parts.length; n >= 1 && !hit; n--) hit = r.re.test(parts.slice(0, n).join('/'));
      if (hit) excluded = !r.negate;
    }
    return excluded;
  };
}

function filesUnder(rel) {
  const abs = join(ROOT, rel);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [rel];
  const out = [];
  for (const name of readdirSync(abs)) {
    if (name === 'node_modules' || name === 'dist') continue;
    out.push(...filesUnder(`${rel}/${name}`));
  }
  return out;
}

export function checkDocker(dir) {
  const before = problems.length;
  const ignores = {};
  const stagePrefix = {};
  for (const [app, port] of Object.entries(APPS)) {
    const rel = relative(ROOT, join(dir, `${app}.Dockerfile`));
    const file = join(ROOT, rel);
    if (!must(existsSync(file), rel, 'missing')) continue;
    const text = readFileSync(file, 'utf8');
    const ins = parseDockerfile(text);
    const at = (i) => `${rel}:${i.line}`;
    must(!PRIVATE_IP.test(text), rel, 'a private (non-loopback) IP address appears');
    const ignorePath = `${file}.dockerignore`;
    if (must(existsSync(ignorePath), rel, `no ${relative(ROOT, ignorePath)} (BuildKit's per-Dockerfile ignore file)`)) ignores[app] = readFileSync(ignorePath, 'utf8');
    const excluded = dockerignoreMatcher(ignores[app] ?? '');

    for (const i of ins) must(INSTRUCTIONS.has(i.cmd), at(i), `unknown instruction ${i.cmd}`);
    const firstReal = ins.find((i) => i.cmd !== 'ARG');
    must(firstReal?.cmd === 'FROM', rel, 'the first instruction after ARGs must be FROM');
    const args = Object.fromEntries(ins.filter((i) => i.cmd === 'ARG' && ins.indexOf(i) < ins.indexOf(firstReal)).map((i) => i.args.split('=')));
    const stages = [];
    for (const i of ins) {
      if (i.cmd === 'FROM') {
        const m = i.args.match(/^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i);
        if (!must(m, at(i), `cannot read FROM ${i.args}`)) continue;
        const image = m[1].replace(/^\$\{?(\w+)\}?$/, (_, v) => args[v] ?? `<unset ARG ${v}>`);
        must(!m[2] || !stages.some((s) => s.name === m[2]), at(i), `stage name ${m[2]} used twice`);
        stages.push({ name: m[2] ?? `#${stages.length}`, image, ins: [], line: i.line });
      } else if (stages.length) stages[stages.length - 1].ins.push(i);
    }
    for (const s of stages) must(s.image === 'node:20-bookworm-slim' || stages.some((p) => p.name === s.image), `${rel}:${s.line}`, `stage ${s.name} is FROM ${s.image}, want node:20-bookworm-slim`);
    const final = stages[stages.length - 1];
    if (!final) continue;
    const names = stages.map((s) => s.name);
    stages.forEach((s, si) => {
      for (const i of s.ins) {
        if (i.cmd !== 'COPY' && i.cmd !== 'ADD') continue;
        must(i.cmd === 'COPY', at(i), 'use COPY, not ADD');
        const from = i.args.match(/--from=(\S+)/)?.[1];
        const words = i.args.split(/\s+/).filter((w) => !w.startsWith('--'));
        if (from) {
          must(names.slice(0, si).includes(from), at(i), `COPY --from=${from}: no earlier stage of that name`);
          continue;
        }
        for (const src of words.slice(0, -1)) {
          const files = filesUnder(src.replace(/\/+$/, ''));
          if (!must(files.length > 0, at(i), `COPY source ${src} does not exist in the repository`)) continue;
          must(files.some((f) => !excluded(f)), at(i), `COPY source ${src} is excluded by the .dockerignore`);
        }
      }
    });
    const all = stages.flatMap((s) => s.ins.map((i) => ({ ...i, stage: s.name })));
    must(all.some((i) => i.cmd === 'RUN' && /\bnpm ci\b.*--omit=dev/.test(i.args) && i.stage !== final.name), rel, 'no stage runs npm ci --omit=dev');
    must(all.some((i) => i.cmd === 'RUN' && /\bnpm run build:apps\b/.test(i.args)), rel, 'no stage runs npm run build:apps (the app bundles)');
    must(!final.ins.some((i) => i.cmd === 'RUN' && /\bnpm (ci|install)\b/.test(i.args)), rel, 'the final stage installs packages itself (copy them from a deps stage)');
    const copies = final.ins.filter((i) => i.cmd === 'COPY').map((i) => i.args);
    must(copies.some((a) => new RegExp(`--from=prod-deps\\s+/deps/${app}/node_modules\\s+\\./node_modules$`).test(a)), rel, `final stage does not copy ${app}'s own production node_modules (/deps/${app}/node_modules)`);
    must(copies.some((a) => new RegExp(`--from=build\\s+/src/dist/deploy/${app}/\\s+\\./$`).test(a)), rel, `final stage does not copy ${app}'s build output (/src/dist/deploy/${app}/)`);
    for (const a of copies) {
      const src = a.split(/\s+/).filter((w) => !w.startsWith('--')).slice(0, -1);
      const other = src.find((w) => /\/dist(\/|$)/.test(w) && !w.startsWith(`/src/dist/deploy/${app}/`));
      must(!other, rel, `final stage copies ${other}: an image holds only its own app's build output`);
    }
    const user = [...final.ins].reverse().find((i) => i.cmd === 'USER');
    must(user && /^[1-9]\d*(:\d+)?$/.test(user.args), rel, `final stage USER ${user?.args ?? '(none)'} is not a numeric non-root uid (Kubernetes runAsNonRoot needs one)`);
    const userIdx = final.ins.indexOf(user);
    must(!final.ins.slice(userIdx + 1).some((i) => i.cmd === 'RUN'), rel, 'RUN after USER in the final stage');
    must(final.ins.some((i) => i.cmd === 'HEALTHCHECK' && /CMD/.test(i.args)), rel, 'final stage has no HEALTHCHECK');
    must(final.ins.some((i) => i.cmd === 'EXPOSE' && i.args.split(/\s+/).includes(String(port))), rel, `final stage does not EXPOSE ${port}`);
    const cmd = [...final.ins].reverse().find((i) => i.cmd === 'CMD');
    let argv = null;
    try {
      argv = JSON.parse(cmd?.args ?? 'null');
    } catch {
      /* shell form */
    }
    const wantCmd = ['node', 'main.cjs'];
    must(JSON.stringify(argv) === JSON.stringify(wantCmd), rel, `CMD ${cmd?.args} should be the exec form ${JSON.stringify(wantCmd)}`);
    must(existsSync(join(ROOT, 'apps', app, 'src', 'main.ts')), rel, `apps/${app}/src/main.ts does not exist`);
    const wd = [...final.ins].reverse().find((i) => i.cmd === 'WORKDIR');
    must(wd?.args === '/app', rel, 'final WORKDIR should be /app (CMD and healthcheck paths are relative to it)');
    // Every stage before the runtime stage is shared by the three images, byte for byte.
    stagePrefix[app] = text.slice(text.indexOf('ARG NODE_IMAGE'), text.indexOf('FROM ${NODE_IMAGE} AS runtime'));
  }
  const prefixes = Object.values(stagePrefix);
  must(prefixes.every((p) => p === prefixes[0]), 'deploy/docker', 'the build stages differ between the three Dockerfiles (keep them identical)');
  const ig = Object.values(ignores);
  must(ig.every((t) => t === ig[0]), 'deploy/docker', 'the three <app>.Dockerfile.dockerignore files differ');
  const m = dockerignoreMatcher(ig[0] ?? '');
  for (const [path, want] of [
    ['node_modules/yaml/package.json', true],
    ['dist/apps/controller/src/main.js', true],
    ['nx.json', false],
    ['tools/build/esbuild.config.cjs', false],
    ['.git/HEAD', true],
    ['.netpulse/api-key', true],
    ['libs/config/src/config.loader.spec.ts', true],
    ['libs/config/src/config.loader.ts', false],
    ['libs/templates/ntc-templates/index', false],
    ['deploy/docker/healthcheck.mjs', false],
    ['package-lock.json', false],
  ]) {
    must(m(path) === want, 'deploy/docker/*.dockerignore', `${path} should be ${want ? 'excluded from' : 'in'} the build context`);
  }
  // The runtime stage copies only the root node_modules: a dependency npm nests under a workspace
  // (libs/<lib>/node_modules, on a version conflict) would be missing from the image.
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  const nested = Object.keys(lock.packages ?? {}).filter((k) => /^(libs|tools)\/[^/]+\/node_modules\//.test(k));
  must(nested.length === 0, 'package-lock.json', `dependencies installed under a workspace, not copied into the images: ${nested.slice(0, 5).join(', ')}`);
  if (problems.length === before) ok('Dockerfiles: syntax, stages, COPY sources in the context, npm ci --omit=dev, only the app\'s own bundle and node_modules in the image, numeric non-root USER, HEALTHCHECK, CMD, identical build stages and .dockerignore');
}
