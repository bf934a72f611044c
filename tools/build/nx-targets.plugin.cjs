// Local Nx plugin: every project (a project.json under apps/, libs/ or tools/) gets the same four
// targets without declaring them, so a new lib is compiled, type-checked, linted and tested like the
// others. Options, caching, inputs and outputs of each target are in nx.json `targetDefaults`; a
// project.json target of the same name overrides the inferred one (the apps add `build` and `serve`).
const { dirname } = require('node:path');

const TARGETS = ['compile', 'typecheck', 'lint', 'test'];

/** @type {import('@nx/devkit').CreateNodesV2} */
exports.createNodesV2 = [
  '{apps,libs,tools}/*/project.json',
  (files) =>
    files.map((file) => {
      const root = dirname(file);
      return [file, { projects: { [root]: { targets: Object.fromEntries(TARGETS.map((t) => [t, {}])) } } }];
    }),
];
