import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { TemplateEngines } from '../registry/template.engines';
import { PooledEngineRunner } from './pooled-engine.runner';
import { templatePluginModules } from './template-plugin-modules.loader';
import { TemplateWorkerPool } from './template-worker.pool';

/** A plugin's template engines run in the pool thread too, looked up by their registered names. */
describe('plugin template engines in the pool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'np-tpl-plugin-'));
  const plugin = join(dir, 'shout-plugin.js');
  writeFileSync(
    plugin,
    `const { threadId } = require('node:worker_threads');
module.exports.netpulsePlugin = {
  name: 'shout', renderers: [{ name: 'shout', render: async (t) => t.toUpperCase() + '@' + threadId }],
  parsers: [{ name: 'words', parse: async (text) => ({ words: text.split(/\\s+/).filter(Boolean), thread: threadId }) }],
};`,
  );
  const drivers = join(dir, 'driver-only.js');
  writeFileSync(drivers, `module.exports.netpulsePlugin = { name: 'd', drivers: [] };`);
  let pool: TemplateWorkerPool;
  let engines: TemplateEngines;

  beforeAll(() => {
    const modules = templatePluginModules([plugin, drivers, './does-not-exist']);
    expect(modules.map((m) => m.path)).toEqual([plugin]);
    pool = new TemplateWorkerPool({ engineModules: modules.map((m) => m.path), size: 1 });
    engines = TemplateEngines.withBuiltins({ allowedTargets: [] }, new PooledEngineRunner(pool));
    for (const m of modules) {
      m.renderers.forEach((r) => engines.renderers.register(r));
      m.parsers.forEach((p) => engines.parsers.register(p));
    }
  });
  afterAll(async () => {
    await pool.close();
    rmSync(dir, { force: true, recursive: true });
  });

  it('renders and parses with the plugin engines off the calling thread', async () => {
    const rendered = await engines.render({ name: 'shout', template: 'hello' });
    const [text, thread] = rendered.split('@');
    expect(text).toBe('HELLO');
    expect(Number(thread)).not.toBe(threadId);
    await expect(engines.parse({ context: 'a b  c', name: 'words' })).resolves.toEqual({ thread: Number(thread), words: ['a', 'b', 'c'] });
  });
});
