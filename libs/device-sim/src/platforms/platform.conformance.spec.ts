import { resolveDeviceOptions } from '../device/device.options';
import { DeviceState } from '../device/device.state';
import type { CliContext, CommandReply, Question } from '../shell/shell.types';
import { PlatformRegistry } from './platform.registry';

/** What every platform must do, written in its own words. */
interface Script {
  /** Lines that reach the config level from the login level. */
  readonly configure: readonly string[];
  /** A config line and the text it must put in the rendered running config. */
  readonly change: readonly [string, string];
  /** Lines that must end with a commit/return to an exec level. */
  readonly finish: readonly string[];
  readonly pagingOff: string;
  readonly show: string;
}

const cisco = (extra: string[] = []): Script => ({
  change: ['description conformance', ' description conformance'],
  configure: [...extra, 'configure terminal', 'interface loopback99'.replace('loopback', 'Loopback')],
  finish: ['end'],
  pagingOff: 'terminal length 0',
  show: 'show running-config',
});

const SCRIPTS: Record<string, Script> = {
  arista_eos: cisco(['enable', 'admin']),
  cisco_ios: cisco(['enable', 'admin']),
  cisco_nxos: { ...cisco(), configure: ['configure terminal', 'interface loopback99'] },
  cisco_xr: { ...cisco(), finish: ['commit', 'end'] },
  generic: cisco(['enable', 'admin']),
  hp_comware: { change: ['description conformance', ' description conformance'], configure: ['system-view', 'interface LoopBack99'], finish: ['return'], pagingOff: 'screen-length disable', show: 'display current-configuration' },
  huawei: { change: ['description conformance', ' description conformance'], configure: ['system-view', 'interface LoopBack99'], finish: ['return'], pagingOff: 'screen-length 0 temporary', show: 'display current-configuration' },
  nokia_sros: { change: ['description "conformance"', 'description "conformance"'], configure: ['configure', 'router interface "lo99"'], finish: ['exit all'], pagingOff: 'environment no more', show: 'admin display-config' },
  juniper_junos: { change: ['set interfaces lo0 description conformance', 'description conformance;'], configure: ['configure'], finish: ['commit', 'exit'], pagingOff: 'set cli screen-length 0', show: 'show configuration' },
};

/** Runs lines as a user would type them, answering follow-up questions with the next line. */
function run(device: DeviceState, ctx: CliContext, lines: readonly string[]): void {
  let question: Question | undefined;
  for (const line of lines) {
    const reply: CommandReply = question ? question.answer(line, ctx) : device.profile.handle(line, ctx);
    question = reply.question;
  }
}

function login(platform: string): { ctx: CliContext; device: DeviceState } {
  const options = resolveDeviceOptions({ host: '127.0.20.240', platform });
  const device = new DeviceState(options, PlatformRegistry.shared().get(platform));
  const ctx: CliContext = {
    candidate: undefined,
    device,
    interactive: true,
    level: device.profile.loginLevel,
    promptWidth: 0,
    sections: [],
    terminalLength: device.terminalLength,
    username: 'admin',
  };
  return { ctx, device };
}

describe('PlatformRegistry', () => {
  it('knows every platform, and names them when asked for an unknown one', () => {
    const names = PlatformRegistry.shared().names;
    expect(names).toEqual(['arista_eos', 'cisco_ios', 'cisco_nxos', 'cisco_xr', 'generic', 'hp_comware', 'huawei', 'juniper_junos', 'linux', 'nokia_sros']);
    expect(() => PlatformRegistry.shared().get('cisco_ioss')).toThrow(`platform 'cisco_ioss' is unknown; known platforms: ${names.join(', ')}`);
  });

  it('refuses two profiles with one name', () => {
    const [first] = PlatformRegistry.shared().names;
    const Profile = PlatformRegistry.shared().get(first).constructor as new () => never;
    expect(() => new PlatformRegistry([Profile, Profile])).toThrow(`Duplicate platform profile '${first}'`);
  });
});

describe.each(Object.keys(SCRIPTS))('platform %s conformance', (platform) => {
  const script = SCRIPTS[platform];

  it('prints its hostname in the prompt and answers an empty line', () => {
    const { ctx, device } = login(platform);
    expect(device.profile.prompt(ctx)).toContain(device.hostname);
    expect(device.profile.handle('', ctx)).toEqual({});
  });

  it('fails unknown input', () => {
    const { ctx, device } = login(platform);
    expect(device.profile.handle('frobnicate the network', ctx).failed).toBe(true);
  });

  it('turns paging off per session', () => {
    const { ctx, device } = login(platform);
    expect(device.profile.handle(script.pagingOff, ctx).failed).toBeFalsy();
    expect(ctx.terminalLength).toBe(0);
  });

  it('makes a config change visible in its running configuration', () => {
    const { ctx, device } = login(platform);
    run(device, ctx, script.configure);
    expect(ctx.level).toBe('config');
    expect(device.profile.handle(script.change[0], ctx).failed).toBeFalsy();
    run(device, ctx, script.finish);
    expect(ctx.level).not.toBe('config');
    const shown = device.profile.handle(script.show, ctx).output ?? '';
    expect(shown).toContain(script.change[1]);
    expect(device.profile.renderConfig(device.running, device)).toBe(shown);
    expect(device.counters.configLines).toBeGreaterThan(0);
  });
});
