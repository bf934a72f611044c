import { resolveDeviceOptions } from '../../device/device.options';
import { DeviceState } from '../../device/device.state';
import type { CliContext, CommandReply } from '../../shell/shell.types';
import { PlatformRegistry } from '../platform.registry';

function junos(): { ctx: CliContext; device: DeviceState; run: (line: string, answer?: string) => CommandReply } {
  const device = new DeviceState(resolveDeviceOptions({ host: '127.0.20.242', platform: 'juniper_junos' }), PlatformRegistry.shared().get('juniper_junos'));
  const ctx: CliContext = { candidate: undefined, device, interactive: true, level: 'user', promptWidth: 0, sections: [], terminalLength: 0, username: 'admin' };
  const run = (line: string, answer?: string): CommandReply => {
    const reply = device.profile.handle(line, ctx);
    return answer !== undefined && reply.question ? reply.question.answer(answer, ctx) : reply;
  };
  return { ctx, device, run };
}

describe('Junos commits (simulator)', () => {
  it('shows a candidate the Junos way: [edit <parent>] headers, +/- statements, new blocks in curly form', () => {
    const { run } = junos();
    run('configure');
    run('set interfaces ge-0/0/0 description core');
    run('set interfaces ge-0/0/5 unit 0 family inet address 127.0.5.1/24');
    run('delete system services netconf');
    expect(run('show | compare').output).toBe(
      [
        '[edit system services]',
        '-   netconf {',
        '-       ssh;',
        '-   }',
        '[edit interfaces]',
        '+   ge-0/0/5 {',
        '+       unit 0 {',
        '+           family inet {',
        '+               address 127.0.5.1/24;',
        '+           }',
        '+       }',
        '+   }',
        '[edit interfaces ge-0/0/0]',
        '-   description uplink;',
        '+   description core;',
        '',
      ].join('\n'),
    );
  });

  it('keeps a rollback history with comments; rollback N loads an older commit into the candidate', () => {
    const { device, run } = junos();
    run('configure');
    run('set system ntp server 127.0.5.9');
    expect(run('commit comment "add ntp"').output).toBe('commit complete\n');
    run('set system ntp server 127.0.5.10');
    run('commit');
    const log = device.profile.handle('run show system commit', { ...junos().ctx, device, level: 'config' }).output ?? '';
    expect(log.split('\n').filter((l) => /^\d/.test(l))).toHaveLength(3);
    expect(log).toMatch(/^1 {3}\S+ \S+ UTC by admin via cli\n {4}add ntp$/m);
    expect(run('rollback 2').output).toBe('load complete\n');
    expect(run('show | compare').output).toContain('-       server 127.0.5.9;');
    expect(run('rollback 9').output).toBe('error: Requested rollback configuration does not exist\n');
  });

  it('a bare delete asks before emptying the level', () => {
    const { ctx, run } = junos();
    run('configure');
    expect(run('delete').question?.prompt).toBe('Delete everything under this level? [yes,no] (no) ');
    run('delete', 'no');
    expect(ctx.candidate?.root.children.length).toBeGreaterThan(0);
    run('delete', 'yes');
    expect(ctx.candidate?.root.children).toEqual([]);
  });
});
