#!/usr/bin/env node
// Offline checks of what deploy/ ships, called by check.sh (no cluster, no Docker daemon needed):
//   node validate.mjs manifests <variant> <rendered.yaml>   rules for `helm template` output
//   node validate.mjs schemas <variant> <rendered.yaml>     every object against the Kubernetes schemas
//   node validate.mjs schemas-selftest <rendered.yaml>      the schema check refuses broken objects
//   node validate.mjs compose <docker-compose.yml>          the compose file
//   node validate.mjs docker <deploy/docker>                the Dockerfiles and their .dockerignore
// Prints one line per check group and every problem; exits 1 when any check fails.
// YAML comes from the `yaml` package the project depends on (root node_modules).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkCompose } from './lib/compose.rules.mjs';
import { checkDocker } from './lib/dockerfile.rules.mjs';
import { checkSchemas, schemaSelfTest } from './lib/kube-schema.rules.mjs';
import { checkManifests, parseRendered } from './lib/manifests.rules.mjs';
import { problems } from './lib/report.mjs';

const rendered = (variant, file) => parseRendered(variant, readFileSync(file, 'utf8'));

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'manifests') checkManifests(rest[0], rest[1]);
else if (mode === 'schemas') {
  const docs = rendered(rest[0], rest[1]);
  if (docs) await checkSchemas(rest[0], docs);
} else if (mode === 'schemas-selftest') {
  const docs = rendered('selftest', rest[0]);
  if (docs) await schemaSelfTest(docs);
} else if (mode === 'compose') checkCompose(resolve(rest[0]));
else if (mode === 'docker') checkDocker(resolve(rest[0]));
else {
  console.error('usage: validate.mjs manifests|schemas <variant> <file> | schemas-selftest <file> | compose <file> | docker <dir>');
  process.exit(2);
}
for (const p of problems) console.log(`  FAIL ${p}`);
process.exit(problems.length ? 1 : 0);
