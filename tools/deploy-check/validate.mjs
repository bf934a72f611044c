#!/usr/bin/env node
// Offline checks of what deploy/ ships, called by check.sh (no cluster, no Docker daemon needed):
//   node validate.mjs manifests <variant> <rendered.yaml>   rules for `helm template` output
//   node validate.mjs compose <docker-compose.yml>          the compose file
//   node validate.mjs docker <deploy/docker>                the Dockerfiles and their .dockerignore
// Prints one line per check group and every problem; exits 1 when any check fails.
// YAML comes from the `yaml` package the project depends on (root node_modules).
import { resolve } from 'node:path';
import { checkCompose } from './lib/compose.rules.mjs';
import { checkDocker } from './lib/dockerfile.rules.mjs';
import { checkManifests } from './lib/manifests.rules.mjs';
import { problems } from './lib/report.mjs';

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'manifests') checkManifests(rest[0], rest[1]);
else if (mode === 'compose') checkCompose(resolve(rest[0]));
else if (mode === 'docker') checkDocker(resolve(rest[0]));
else {
  console.error('usage: validate.mjs manifests <variant> <file> | compose <file> | docker <dir>');
  process.exit(2);
}
for (const p of problems) console.log(`  FAIL ${p}`);
process.exit(problems.length ? 1 : 0);
