import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DriverRegistry } from '@netpulse/drivers';
import { SchedulerRegistry } from '@netpulse/schedulers';
import { PluginLoadError } from './plugin-load.error';
import type { PluginSink, RendererPlugin } from './plugin-manifest';
import { PluginLoader } from './plugin.loader';

/** A driver in plain JS, as a plugin author writes it. */
const driver = (name: string): string =>
  `class { constructor() { this.name = ${JSON.stringify(name)}; this.defaultStrategy = 'fifo'; } validate() {} identity(a) { return String(a.host); } async connect() { throw new Error('no'); } async test() { return {}; } }`;

/** A renderer registry as small as the loader needs. */
class RecordingSink implements PluginSink<RendererPlugin> {
  readonly items: RendererPlugin[] = [];
  register(item: RendererPlugin): void {
    this.items.push(item);
  }
  names(): string[] {
    return this.items.map((i) => i.name);
  }
}

describe('PluginLoader', () => {
  let dir: string;
  const fixture = (name: string, source: string): string => {
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, 'index.js'), source);
    return `./${name}`;
  };
  const manifest = (body: string): string => `exports.netpulsePlugin = ${body};`;
  const problemsOf = (packages: string[], drivers = DriverRegistry.withBuiltins()): string[] => {
    try {
      PluginLoader.load(packages, { drivers, schedulers: SchedulerRegistry.withBuiltins() }, { baseDir: dir });
    } catch (err) {
      if (err instanceof PluginLoadError) return err.problems.map((p) => `${p.source}: ${p.problem}`);
      throw err;
    }
    return [];
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'np-plugins-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads an installed package by name, an instance entry included, and registers kinds it has a registry for', () => {
    mkdirSync(join(dir, 'node_modules', 'netpulse-plugin-eos'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'netpulse-plugin-eos', 'package.json'), JSON.stringify({ name: 'netpulse-plugin-eos', main: 'main.js' }));
    writeFileSync(
      join(dir, 'node_modules', 'netpulse-plugin-eos', 'main.js'),
      manifest(`{ name: 'eos', drivers: [new (${driver('eos_cli')})()], renderers: [{ name: 'mustache', render: async (t) => t }], webhooks: [{ name: 'slack', deliver: async () => undefined }] }`),
    );
    const drivers = DriverRegistry.withBuiltins();
    const renderers = new RecordingSink();
    const sut = PluginLoader.load(['netpulse-plugin-eos'], { drivers, renderers }, { baseDir: dir });
    expect(sut[0]).toMatchObject({ name: 'eos', version: null, registered: { drivers: ['eos_cli'], renderers: ['mustache'] } });
    expect(drivers.names()).toContain('eos_cli');
    expect(renderers.names()).toEqual(['mustache']);
  });

  it('names the entry when a module is missing, fails to load or exports no manifest', () => {
    const throws = fixture('throws', "throw new Error('boom at load');");
    const bare = fixture('bare', 'exports.somethingElse = 1;');
    expect(problemsOf(['./nowhere', 'netpulse-plugin-absent', throws, bare, ''])).toEqual([
      `./nowhere: no module at ${join(dir, 'nowhere')}`,
      `netpulse-plugin-absent: package not found (resolved from ${dir}); is it installed?`,
      `./throws: loading ${join(dir, 'throws', 'index.js')} failed: boom at load`,
      `./bare: ${join(dir, 'bare', 'index.js')} does not export \`netpulsePlugin\``,
      ': an entry must be a package name or a path',
    ]);
  });

  it('lists every problem of a malformed manifest', () => {
    const bad = fixture(
      'bad',
      manifest(`{ name: '', version: 2, driver: [], drivers: [{ name: 'x y', defaultStrategy: 'lifo' }, class { constructor() { throw new Error('ctor failed'); } }], schedulers: {} }`),
    );
    expect(problemsOf([bad])).toEqual([
      './bad: name must be a non-empty string of letters, digits and @/._-, got ""',
      './bad: version must be a string, got number 2',
      "./bad: unknown key 'driver' (known: name, version, credentialProviders, drivers, parsers, renderers, schedulers, webhooks)",
      './bad: drivers[0].name must be a non-empty string of letters, digits and _.-, got "x y"',
      './bad: drivers[0].validate must be a function',
      './bad: drivers[0].identity must be a function',
      './bad: drivers[0].connect must be a function',
      './bad: drivers[0].test must be a function',
      "./bad: drivers[0].defaultStrategy must be 'fifo' or 'pinned', got \"lifo\"",
      './bad: drivers[1]: constructing the class failed: ctor failed',
      './bad: schedulers must be a list, got an object',
    ]);
    expect(problemsOf([fixture('empty', manifest(`{ name: 'empty' }`))])).toEqual(['./empty: registers nothing: give at least one of credentialProviders, drivers, parsers, renderers, schedulers, webhooks']);
    expect(problemsOf([fixture('notobj', manifest('42'))])).toEqual(['./notobj: `netpulsePlugin` must be an object, got number 42']);
  });

  it('refuses duplicate names: plugins, a built-in driver, two plugins claiming one name, one plugin listing it twice', () => {
    const a = fixture('dup-a', manifest(`{ name: 'same', drivers: [${driver('shared')}, ${driver('netmiko')}] }`));
    const b = fixture('dup-b', manifest(`{ name: 'same', drivers: [${driver('shared')}] }`));
    const c = fixture('dup-c', manifest(`{ name: 'twice', schedulers: [{ name: 'rr', select() {}, selectBatch() {} }, { name: 'rr', select() {}, selectBatch() {} }] }`));
    expect(problemsOf([a, b, c])).toEqual([
      "./dup-c: schedulers[1]: scheduler 'rr' is listed twice",
      "./dup-b: plugin name 'same' is also used by ./dup-a",
      "./dup-a: driver 'netmiko' is already registered (built-in or earlier)",
      "./dup-b: driver 'shared' is also registered by plugin 'same' (./dup-a)",
    ]);
  });

  it('registers nothing when any plugin is bad (never half-loaded)', () => {
    const good = fixture('good', manifest(`{ name: 'good', drivers: [${driver('good_one')}] }`));
    const bad = fixture('bad-late', manifest(`{ name: 'bad-late', drivers: [${driver('paramiko')}] }`));
    const drivers = DriverRegistry.withBuiltins();
    const before = drivers.names();
    expect(() => PluginLoader.load([good, bad], { drivers }, { baseDir: dir })).toThrow(
      "plugin.packages: 1 problem, no plugin loaded:\n  - ./bad-late: driver 'paramiko' is already registered (built-in or earlier)",
    );
    expect(drivers.names()).toEqual(before);
  });

  it('loads nothing for an empty list', () => {
    expect(PluginLoader.load([], { drivers: DriverRegistry.withBuiltins() })).toEqual([]);
  });
});
