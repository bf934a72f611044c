import { SimulatedDevice, startDevice } from '../../index';
import { SshTestClient } from '../../../test/ssh-test.client';

// Addresses 127.0.21.x belong to this file.
describe('cisco_ios over SSH', () => {
  let sut: SimulatedDevice;
  let cli: SshTestClient;

  beforeAll(async () => {
    sut = await startDevice({ host: '127.0.21.1', hostname: 'SW1', port: 0, secret: 'en4ble' });
  });
  afterAll(() => sut.stop());

  beforeEach(async () => {
    cli = await SshTestClient.shell({ host: sut.host, port: sut.port });
    await cli.readUntil('SW1>');
  });
  afterEach(() => cli.end());

  async function enable(): Promise<void> {
    await cli.command('enable', 'Password: ');
    await cli.command('en4ble', 'SW1#');
  }

  it('enters privileged mode with the secret and refuses a wrong one', async () => {
    await cli.command('enable', 'Password: ');
    await cli.command('nope', 'Password: ');
    await cli.command('nope', 'Password: ');
    expect(await cli.command('nope', 'SW1>')).toContain('% Bad secrets');
    await enable();
    expect(await cli.command('show privilege', 'SW1#')).toContain('Current privilege level is 15');
  });

  it('pages with --More-- until terminal length 0', async () => {
    await enable();
    const firstPage = await cli.command('show running-config', ' --More-- ');
    expect(firstPage).toContain('Building configuration...');
    cli.write('q');
    await cli.readUntil('SW1#');
    await cli.command('terminal length 0', 'SW1#');
    const whole = await cli.command('show running-config', /\r\nend\r\nSW1#/);
    expect(whole).not.toContain('--More--');
  });

  it('applies config changes, sub-modes included, to show running-config and runningConfig', async () => {
    await enable();
    await cli.command('terminal length 0', 'SW1#');
    await cli.command('configure terminal', 'SW1(config)#');
    await cli.command('interface Gi1/0/7', 'SW1(config-if)#');
    await cli.command('description to-core', 'SW1(config-if)#');
    await cli.command('shutdown', 'SW1(config-if)#');
    await cli.command('exit', 'SW1(config)#');
    await cli.command('vlan 30', 'SW1(config-vlan)#');
    await cli.command('name VOICE', 'SW1(config-vlan)#');
    await cli.command('end', 'SW1#');
    const shown = await cli.command('show running-config', /\r\nend\r\nSW1#/);
    expect(shown).toContain('interface GigabitEthernet1/0/7\r\n switchport mode access\r\n description to-core\r\n shutdown\r\n');
    expect(sut.runningConfig).toContain('vlan 30\n name VOICE\n');
    expect(await cli.command('show ip interface brief | include 1/0/7', 'SW1#')).toMatch(/GigabitEthernet1\/0\/7 +unassigned +YES unset +administratively down +down/);
    expect(await cli.command('show vlan brief', 'SW1#')).toMatch(/30 +VOICE +active/);

    await cli.command('configure terminal', 'SW1(config)#');
    await cli.command('interface Gi1/0/7', 'SW1(config-if)#');
    await cli.command('no description', 'SW1(config-if)#');
    await cli.command('end', 'SW1#');
    expect(sut.runningConfig).not.toContain('to-core');
    expect(sut.counters.configLines).toBeGreaterThanOrEqual(6);
  });

  it('answers invalid input with the caret under the bad word', async () => {
    expect(await cli.command('show versoin', 'SW1>')).toBe("show versoin\r\n         ^\r\n% Invalid input detected at '^' marker.\r\n\r\nSW1>");
    await enable();
    await cli.command('configure terminal', 'SW1(config)#');
    expect(await cli.command('frobnicate', 'SW1(config)#')).toContain("% Invalid input detected at '^' marker.");
    await cli.command('end', 'SW1#');
  });

  it('saves with write memory and copy running-config startup-config', async () => {
    await enable();
    expect(await cli.command('write memory', 'SW1#')).toContain('[OK]');
    await cli.command('copy running-config startup-config', 'Destination filename [startup-config]? ');
    expect(await cli.command('', 'SW1#')).toContain('[OK]');
    expect(sut.startupConfig).toBe(sut.runningConfig);
  });

  it('changes its prompt when the hostname changes', async () => {
    await enable();
    await cli.command('configure terminal', 'SW1(config)#');
    await cli.command('hostname SW9', 'SW9(config)#');
    await cli.command('hostname SW1', 'SW1(config)#');
    await cli.command('end', 'SW1#');
    expect(sut.hostname).toBe('SW1');
  });
});
