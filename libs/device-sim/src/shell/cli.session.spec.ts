import { DeviceOptions, resolveDeviceOptions } from '../device/device.options';
import { DeviceState } from '../device/device.state';
import { PlatformRegistry } from '../platforms/platform.registry';
import { eventually, MemoryTerminal } from '../../test/memory.terminal';
import { CliSession } from './cli.session';
import { setTimeout as sleep } from 'node:timers/promises';

async function open(options: DeviceOptions = {}): Promise<{ device: DeviceState; sut: CliSession; terminal: MemoryTerminal }> {
  const resolved = resolveDeviceOptions({ host: '127.0.20.250', hostname: 'R1', ...options });
  const device = new DeviceState(resolved, PlatformRegistry.shared().get(resolved.platform));
  const terminal = new MemoryTerminal();
  const sut = new CliSession(device, terminal, resolved.username, true);
  await sut.start();
  return { device, sut, terminal };
}

async function type(sut: CliSession, terminal: MemoryTerminal, text: string, until: string): Promise<string> {
  sut.feed(text);
  await eventually(() => terminal.output.endsWith(until));
  return terminal.take();
}

describe('CliSession', () => {
  it('logs in at the user prompt, enables with the secret without echoing it', async () => {
    const { device, sut, terminal } = await open();
    expect(terminal.take()).toBe('\r\nR1>');
    expect(await type(sut, terminal, 'enable\r', 'Password: ')).toBe('enable\r\nPassword: ');
    expect(await type(sut, terminal, 'admin\r', 'R1#')).toBe('\r\nR1#');
    expect(device.counters.commands).toEqual(['enable']);
    sut.dispose();
  });

  it('puts the ^ marker under the word it could not take', async () => {
    const { sut, terminal } = await open();
    terminal.take();
    expect(await type(sut, terminal, 'show foo\n', 'R1>')).toBe("show foo\r\n        ^\r\n% Invalid input detected at '^' marker.\r\n\r\nR1>");
    sut.dispose();
  });

  it('pages long output until space, and not after terminal length 0', async () => {
    const { sut, terminal } = await open({ secret: '' });
    await type(sut, terminal, 'enable\n', 'R1#');
    const first = await type(sut, terminal, 'show running-config\n', ' --More-- ');
    // The echoed command, 23 lines (a 24-line screen less the pager line), then ` --More-- `.
    expect(first.split('\r\n')).toHaveLength(25);
    let rest = '';
    while (!rest.endsWith('R1#')) {
      sut.feed(' ');
      await eventually(() => terminal.output.endsWith('R1#') || terminal.output.endsWith(' --More-- '));
      rest = terminal.take();
      // Each key press first wipes the pager prompt off the line.
      expect(rest.startsWith('\b'.repeat(9))).toBe(true);
    }
    await type(sut, terminal, 'terminal length 0\n', 'R1#');
    expect(await type(sut, terminal, 'show running-config\n', 'R1#')).not.toContain('--More--');
    sut.dispose();
  });

  it('runs type-ahead lines one after another, each with its prompt', async () => {
    const { sut, terminal } = await open();
    terminal.take();
    sut.feed('show privilege\nshow privilege\n');
    await eventually(() => (terminal.output.match(/Current privilege level is 1\r\nR1>/g) ?? []).length === 2);
    expect(terminal.take()).toBe('show privilege\r\nCurrent privilege level is 1\r\nR1>'.repeat(2));
    sut.dispose();
  });

  it('treats Ctrl-Z in config mode as end', async () => {
    const { sut, terminal } = await open({ secret: '' });
    await type(sut, terminal, 'enable\nconf t\ninterface gi1/0/3\n', 'R1(config-if)#');
    expect(await type(sut, terminal, '\x1a', 'R1#')).toBe('^Z\r\nR1#');
    sut.dispose();
  });

  it('echoes a hanging command and then never answers', async () => {
    const { sut, terminal } = await open({ hangOnCommand: /^show tech/ });
    terminal.take();
    await type(sut, terminal, 'show tech-support\n', '\r\n');
    sut.feed('\x03\n\n');
    await sleep(30);
    expect(terminal.output).toBe('');
    sut.dispose();
  });

  it('never prints a prompt with noPrompt', async () => {
    const { sut, terminal } = await open({ noPrompt: true });
    expect(terminal.take()).toBe('\r\n');
    expect(await type(sut, terminal, 'show privilege\n', 'is 1\r\n')).toBe('show privilege\r\nCurrent privilege level is 1\r\n');
    sut.dispose();
  });

  it('answers exec requests without prompt, with an exit status', async () => {
    const resolved = resolveDeviceOptions({ host: '127.0.20.251' });
    const device = new DeviceState(resolved, PlatformRegistry.shared().get('cisco_ios'));
    const ok = new MemoryTerminal();
    await new CliSession(device, ok, 'admin', false).exec('show privilege');
    expect([ok.output, ok.exitCode]).toEqual(['Current privilege level is 15\r\n', 0]);
    const bad = new MemoryTerminal();
    await new CliSession(device, bad, 'admin', false).exec('show foo');
    expect(bad.exitCode).toBe(1);
  });

  it('reports an unknown Linux command on stderr with status 127', async () => {
    const resolved = resolveDeviceOptions({ host: '127.0.20.252', platform: 'linux' });
    const device = new DeviceState(resolved, PlatformRegistry.shared().get('linux'));
    const sut = new MemoryTerminal();
    await new CliSession(device, sut, 'admin', false).exec('frobnicate');
    expect([sut.output, sut.stderr, sut.exitCode]).toEqual(['', '-bash: frobnicate: command not found\n', 127]);
  });
});
