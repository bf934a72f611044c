#!/usr/bin/env node
// The `netpulse` command (npx netpulse …). It runs the compiled CLI from dist/; build it first.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const main = join(__dirname, '..', '..', '..', 'dist', 'tools', 'cli', 'src', 'main.js');
if (!existsSync(main)) {
  process.stderr.write('netpulse: the CLI is not built yet; run `npm run build` in the NetPulse checkout first.\n');
  process.exit(2);
}
require(main);
