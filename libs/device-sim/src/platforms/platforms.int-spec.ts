import { SimulatedDevice, startDevice, startFleet } from '../index';
import { SshTestClient } from '../../test/ssh-test.client';

// Addresses 127.0.23.x and 127.0.24.x belong to this file.
async function shell(sut: SimulatedDevice, prompt: string): Promise<SshTestClient> {
  const cli = await SshTestClient.shell({ host: sut.host, port: sut.port });
  await cli.readUntil(prompt);
  return cli;
}

describe('platforms over SSH', () => {
  it('juniper_junos: configure, set, commit, show configuration in both styles', async () => {
    const sut = await startDevice({ host: '127.0.23.1', hostname: 'mx1', platform: 'juniper_junos', port: 0 });
    try {
      const cli = await shell(sut, 'admin@mx1> ');
      await cli.command('set cli screen-length 0', 'admin@mx1> ');
      expect(await cli.command('configure', 'admin@mx1# ')).toBe('configure\r\nEntering configuration mode\r\n\r\n[edit]\r\nadmin@mx1# ');
      await cli.command('set interfaces ge-0/0/1 description "to core"', 'admin@mx1# ');
      expect(sut.runningConfig).not.toContain('to core');
      expect(await cli.command('commit', 'admin@mx1# ')).toContain('commit complete');
      await cli.command('exit', 'admin@mx1> ');
      expect(await cli.command('show configuration | display set', 'admin@mx1> ')).toContain('set interfaces ge-0/0/1 description "to core"\r\n');
      expect(sut.runningConfig).toMatch(/\n {4}ge-0\/0\/1 \{\n(?: {8}.*\n)* {8}description "to core";\n/);
      cli.end();
    } finally {
      await sut.stop();
    }
  });

  it('huawei: system-view, interface sub-view, undo, save with confirmation', async () => {
    const sut = await startDevice({ host: '127.0.23.2', hostname: 'HW1', platform: 'huawei', port: 0 });
    try {
      const cli = await shell(sut, '<HW1>');
      await cli.command('screen-length 0 temporary', '<HW1>');
      await cli.command('system-view', '[HW1]');
      await cli.command('interface GigabitEthernet0/0/2', '[HW1-GigabitEthernet0/0/2]');
      await cli.command('description uplink-2', '[HW1-GigabitEthernet0/0/2]');
      expect(await cli.command('dispaly this', '[HW1-GigabitEthernet0/0/2]')).toContain("Error: Unrecognized command found at '^' position.");
      await cli.command('quit', '[HW1]');
      await cli.command('return', '<HW1>');
      expect(await cli.command('display current-configuration', '<HW1>')).toContain('interface GigabitEthernet0/0/2\r\n port link-type access\r\n description uplink-2\r\n#');
      await cli.command('save', 'Are you sure to continue?[Y/N]');
      expect(await cli.command('y', '<HW1>')).toContain('Save the configuration successfully.');
      expect(sut.counters.saves).toBe(1);
      cli.end();
    } finally {
      await sut.stop();
    }
  });

  it('cisco_xr: changes wait for commit', async () => {
    const sut = await startDevice({ host: '127.0.23.3', hostname: 'xr1', platform: 'cisco_xr', port: 0 });
    try {
      const cli = await shell(sut, 'RP/0/RSP0/CPU0:xr1#');
      await cli.command('configure', 'RP/0/RSP0/CPU0:xr1(config)#');
      await cli.command('interface GigabitEthernet0/0/0/1', 'RP/0/RSP0/CPU0:xr1(config-if)#');
      await cli.command('description pending', 'RP/0/RSP0/CPU0:xr1(config-if)#');
      expect(sut.runningConfig).not.toContain('pending');
      await cli.command('commit', 'RP/0/RSP0/CPU0:xr1(config-if)#');
      expect(sut.runningConfig).toContain(' description pending');
      await cli.command('end', 'RP/0/RSP0/CPU0:xr1#');
      cli.end();
    } finally {
      await sut.stop();
    }
  });

  it('cisco_nxos and arista_eos: show in config mode, saves', async () => {
    const nxos = await startDevice({ host: '127.0.23.4', hostname: 'n9k', platform: 'cisco_nxos', port: 0 });
    const eos = await startDevice({ host: '127.0.23.5', hostname: 'eos1', platform: 'arista_eos', port: 0, secret: '' });
    try {
      const n = await shell(nxos, 'n9k# ');
      await n.command('configure terminal', 'n9k(config)# ');
      expect(await n.command('show hostname', 'n9k(config)# ')).toContain('n9k');
      await n.command('end', 'n9k# ');
      expect(await n.command('copy running-config startup-config', 'n9k# ')).toContain('Copy complete.');
      n.end();
      const e = await shell(eos, 'eos1>');
      await e.command('enable', 'eos1#');
      await e.command('configure terminal', 'eos1(config)#');
      await e.command('interface Ethernet3', 'eos1(config-if-Et3)#');
      await e.command('end', 'eos1#');
      expect(await e.command('write memory', 'eos1#')).toContain('Copy completed successfully.');
      e.end();
    } finally {
      await Promise.all([nxos.stop(), eos.stop()]);
    }
  });

  it('hp_comware: system-view and the save dialogue', async () => {
    const sut = await startDevice({ host: '127.0.23.6', hostname: 'cw1', platform: 'hp_comware', port: 0 });
    try {
      const cli = await shell(sut, '<cw1>');
      await cli.command('system-view', '[cw1]');
      await cli.command('vlan 20', '[cw1-vlan20]');
      await cli.command('return', '<cw1>');
      await cli.command('save', 'Are you sure? [Y/N]:');
      await cli.command('y', 'press the enter key):');
      await cli.command('', 'overwrite? [Y/N]:');
      expect(await cli.command('y', '<cw1>')).toContain('successfully');
      expect(sut.startupConfig).toContain('vlan 20');
      cli.end();
    } finally {
      await sut.stop();
    }
  });

  it('linux: bash-like prompt, exec with exit status and stderr', async () => {
    const sut = await startDevice({ host: '127.0.23.7', hostname: 'web1', platform: 'linux', port: 0, username: 'ops' });
    try {
      const login = { host: sut.host, port: sut.port, username: 'ops' };
      expect(await SshTestClient.exec(login, 'echo hello')).toEqual({ code: 0, stderr: '', stdout: 'hello\n' });
      expect(await SshTestClient.exec(login, 'nosuchcmd')).toEqual({ code: 127, stderr: '-bash: nosuchcmd: command not found\n', stdout: '' });
      const cli = await SshTestClient.shell(login);
      await cli.readUntil('ops@web1:~$ ');
      expect(await cli.command('uname -a', 'ops@web1:~$ ')).toContain('Linux web1 ');
      cli.end();
    } finally {
      await sut.stop();
    }
  });
});

describe('startFleet', () => {
  it('starts devices on consecutive addresses, each reachable with its own hostname', async () => {
    const progress: number[] = [];
    const fleet = await startFleet({ count: 3, firstHost: '127.0.24.254', onProgress: (n) => progress.push(n), platform: 'cisco_ios', port: 0 });
    try {
      expect(fleet.devices.map((d) => d.host)).toEqual(['127.0.24.254', '127.0.25.1', '127.0.25.2']);
      expect(progress).toEqual([1, 2, 3]);
      const cli = await shell(fleet.devices[2], 'sim-3>');
      cli.end();
    } finally {
      await fleet.stop();
    }
  });
});
