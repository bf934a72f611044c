import { join } from 'node:path';
import { DriverRegistry, DriverValidationError } from '@netpulse/drivers';
import type { DriverRequest, ExecContext } from '@netpulse/drivers';
import { SchedulerRegistry } from '@netpulse/schedulers';
import type { NodeInfo } from '@netpulse/schedulers';
import { LoadedPlugins } from './loaded-plugins';
import { PluginLoader } from './plugin.loader';

/** The workspace root, where `plugin.packages` paths are written relative to. */
const ROOT = join(__dirname, '..', '..', '..');

describe('PluginLoader with examples/plugin-dummy-driver', () => {
  const ctx: ExecContext = { jobId: 'j', signal: new AbortController().signal, maxOutputBytes: 1 << 20 };
  const req = (connection_args: Record<string, unknown>): DriverRequest => ({ connection_args, driver_args: null, extras: {} });
  const node = (hostname: string, count: number, capacity: number): NodeInfo => ({ hostname, count, capacity, queue: `NodeQ_${hostname}` });

  it('registers the dummy driver and the round_robin scheduler next to the built-ins', () => {
    const drivers = DriverRegistry.withBuiltins();
    const schedulers = SchedulerRegistry.withBuiltins();
    const loaded = PluginLoader.load(['./examples/plugin-dummy-driver'], { drivers, schedulers }, { baseDir: ROOT });
    expect(loaded).toEqual([
      {
        name: 'dummy-plugin',
        version: '1.0.0',
        source: './examples/plugin-dummy-driver',
        path: join(ROOT, 'examples', 'plugin-dummy-driver', 'index.js'),
        registered: { drivers: ['dummy'], schedulers: ['round_robin'] },
      },
    ]);
    expect(drivers.names()).toEqual(['dummy', 'napalm', 'netmiko', 'paramiko', 'pyeapi']);
    expect(schedulers.names()).toContain('round_robin');
    expect(new LoadedPlugins(loaded).summary()).toEqual(['dummy-plugin 1.0.0 (./examples/plugin-dummy-driver): drivers dummy; schedulers round_robin']);
  });

  it('serves the dummy driver through the registry like a built-in: validate, connect, send, config, test', async () => {
    const drivers = DriverRegistry.withBuiltins();
    PluginLoader.load([join(ROOT, 'examples', 'plugin-dummy-driver')], { drivers });
    const sut = drivers.get('dummy');
    if (!sut) throw new Error('dummy driver not registered');
    expect(sut.defaultStrategy).toBe('fifo');
    expect(() => sut.validate(req({ host: '' }))).toThrow(DriverValidationError);
    try {
      sut.validate(req({}));
    } catch (err) {
      expect((err as DriverValidationError).errors).toEqual([{ type: 'value_error', loc: ['body', 'connection_args', 'host'], msg: 'Field required', input: null }]);
    }
    const session = await sut.connect({ host: 'lab-1' });
    const sent = await session.send(['show version', 'show clock'], req({ host: 'lab-1' }), ctx);
    expect(sent.map((r) => [r.command, r.stdout, r.exit_status])).toEqual([
      ['show version', 'show version\n', 0],
      ['show clock', 'show clock\n', 0],
    ]);
    expect((await session.config(['hostname x'], req({ host: 'lab-1' }), ctx))[0].stdout).toBe('configured: hostname x\n');
    expect(await session.probe()).toBe(true);
    await session.close();
    expect(session.isAlive()).toBe(false);
    await expect(sut.test({ host: 'lab-1' })).resolves.toEqual({ driver: 'dummy', host: 'lab-1', echo: true });
    expect(sut.identity({ host: 'lab-1' })).toBe(sut.identity({ host: 'lab-1' }));
  });

  it('places hosts round robin over the nodes with room, every host when capacity suffices', () => {
    const schedulers = SchedulerRegistry.withBuiltins();
    PluginLoader.load(['./examples/plugin-dummy-driver'], { schedulers }, { baseDir: ROOT });
    const sut = schedulers.get('round_robin');
    const nodes = [node('a', 0, 2), node('b', 2, 2), node('c', 0, 2)];
    expect(sut.selectBatch(nodes, ['h1', 'h2', 'h3', 'h4']).map((n) => n?.hostname ?? null)).toEqual(['a', 'c', 'a', 'c']);
    expect(sut.selectBatch(nodes, ['h1', 'h2', 'h3', 'h4', 'h5']).at(-1)).toBeNull();
    expect(sut.select([node('b', 2, 2)], 'h')).toBeNull();
  });
});
