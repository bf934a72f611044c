import { resolveDeviceOptions } from '../../device/device.options';
import { DeviceState } from '../../device/device.state';
import type { CliContext, CommandReply } from '../../shell/shell.types';
import { scpSinkPath } from '../../ssh/scp.sink';
import { PlatformRegistry } from '../platform.registry';
import { configFileTree, contextualDiff, flashPath } from './config-archive';

function ios(): { ctx: CliContext; device: DeviceState; run: (line: string, answers?: string[]) => CommandReply } {
  const device = new DeviceState(resolveDeviceOptions({ host: '127.0.20.241', platform: 'cisco_ios' }), PlatformRegistry.shared().get('cisco_ios'));
  const ctx: CliContext = { candidate: undefined, device, interactive: true, level: 'privileged', promptWidth: 0, sections: [], terminalLength: 0, username: 'admin' };
  const run = (line: string, answers: string[] = []): CommandReply => {
    let reply = device.profile.handle(line, ctx);
    for (const a of answers) reply = reply.question ? reply.question.answer(a, ctx) : reply;
    return reply;
  };
  return { ctx, device, run };
}

describe('IOS configuration archive (simulator)', () => {
  it('names flash files one way and knows an SCP sink command', () => {
    expect(flashPath('flash:/candidate_config.txt')).toBe('flash:candidate_config.txt');
    expect(flashPath('tftp://x')).toBeUndefined();
    expect(scpSinkPath('scp -t flash:merge_config.txt')).toBe('flash:merge_config.txt');
    expect(scpSinkPath('scp -qt flash:x')).toBe('flash:x');
    expect(scpSinkPath('scp -f flash:x')).toBeUndefined();
  });

  it('writes a contextual diff: changed statements under unchanged parents, whole stanzas signed', () => {
    const before = configFileTree('hostname R1\ninterface Gi1\n description a\n shutdown\nntp server 127.0.0.9\nend\n');
    const after = configFileTree('Building configuration...\n!\nhostname R1\ninterface Gi1\n description b\n shutdown\ninterface Lo1\n description new\n');
    expect(contextualDiff(before.root, after.root)).toEqual(['interface Gi1', ' -description a', ' +description b', '-ntp server 127.0.0.9', '+interface Lo1', ' +description new']);
  });

  it('copies the running config to flash after the destination question, and replaces from it', () => {
    const { device, run } = ios();
    expect(run('copy running-config flash:rollback_config.txt').question?.prompt).toBe('Destination filename [rollback_config.txt]? ');
    expect(run('copy running-config flash:rollback_config.txt', ['']).output).toMatch(/^\d+ bytes copied in/);
    expect(device.files.get('flash:rollback_config.txt')).toContain('hostname Switch');
    device.running = configFileTree('hostname Other\n');
    const diff = run('show archive config differences system:running-config flash:rollback_config.txt').output ?? '';
    expect(diff).toMatch(/^!Contextual Config Diffs:\n-hostname Other\n/m);
    expect(diff).toMatch(/^\+hostname Switch$/m);
    expect(run('configure replace flash:rollback_config.txt force').output).toBe('Total number of passes: 1\nRollback Done\n\n');
    expect(device.hostname).toBe('Switch');
  });

  it('refuses a replace file with a statement the platform does not know, and keeps the running config', () => {
    const { device, run } = ios();
    device.files.set('flash:bad.txt', 'hostname X\nfrobnicate all\n');
    const r = run('configure replace flash:bad.txt force revert trigger error');
    expect(r.failed).toBe(true);
    expect(r.output).toContain("%Error: invalid configuration in flash:bad.txt at 'frobnicate all'");
    expect(r.output).toContain('The original configuration has been successfully restored.');
    expect(device.hostname).toBe('Switch');
    expect(run('dir flash:nothing.txt').output).toBe('%Error opening flash:nothing.txt (No such file or directory)\n');
  });

  it('takes an SCP upload only with ip scp server enable configured', () => {
    const { device } = ios();
    const profile = device.profile;
    expect(profile.scpDestination?.('flash:x.txt', device)).toEqual({ file: 'flash:x.txt' });
    device.running.remove([], 'ip scp server enable');
    expect(profile.scpDestination?.('flash:x.txt', device)).toEqual({ error: 'SCP server is not enabled (ip scp server enable)' });
  });
});
