import { ConfigDialect, expandInterface, SectionRule } from '../../config/config.dialect';
import { ConfigEditor } from '../../config/config.editor';
import { ConfigTree } from '../../config/config.tree';
import { BigOutputSource } from '../../shell/big-output.source';
import { CliErrors, CommandDispatcher } from '../../shell/command.dispatcher';
import type { CliContext, CliLevel, CommandReply, DeviceView, PagerStyle, Question } from '../../shell/shell.types';
import type { DeviceSeed, PlatformProfile } from '../platform.profile';

const USER: readonly CliLevel[] = ['user'];
const CONFIG: readonly CliLevel[] = ['config'];
const ALL: readonly CliLevel[] = ['user', 'config'];

/** Keywords the system view takes, shared by Huawei VRP and HPE Comware. */
export const VRP_GLOBAL_KEYWORDS = [
  'aaa', 'acl', 'arp', 'bgp', 'clock', 'dhcp', 'dns', 'ftp', 'header', 'http', 'hwtacacs-server', 'info-center', 'interface',
  'ip', 'ipv6', 'isis', 'line', 'lldp', 'local-user', 'mpls', 'netconf', 'ntp-service', 'ospf', 'password-recovery',
  'port-group', 'public-key', 'qos', 'radius-server', 'rip', 'role', 'route-policy', 'rsa', 'sftp', 'snmp-agent', 'ssh',
  'stelnet', 'stp', 'sysname', 'telnet', 'user-interface', 'vlan',
];

const INTERFACE_KEYWORDS = [
  'broadcast-suppression', 'combo-port', 'description', 'dhcp', 'duplex', 'eth-trunk', 'flow-control', 'ip', 'ipv6',
  'jumboframe', 'link-aggregation', 'lldp', 'loopback-detect', 'mac-address', 'mtu', 'negotiation', 'port', 'qos',
  'shutdown', 'speed', 'stp', 'traffic-policy', 'vrrp',
];

/**
 * What Huawei VRP and HPE Comware share: `<host>` user view, `system-view` into `[host]`,
 * `[host-GigabitEthernet0/0/1]` sub-views, `quit`/`return`, `undo`, `display ...` in every view,
 * `display current-configuration` with `#` separators, and `save` with a `[Y/N]` question.
 */
export abstract class VrpFamilyProfile implements PlatformProfile, CliErrors {
  abstract readonly defaultHostname: string;
  readonly execLevel: CliLevel = 'user';
  readonly execNewline = '\r\n';
  readonly loginLevel: CliLevel = 'user';
  abstract readonly name: string;
  readonly pager: PagerStyle = { erase: `\x1b[16D${' '.repeat(16)}\x1b[16D`, prompt: '  ---- More ----' };
  abstract readonly sshIdent: string;
  readonly suspendCommand: string | undefined = 'return';
  readonly terminalLength: number = 24;

  /** The words that turn paging off for this session (`screen-length 0 temporary`). */
  protected abstract readonly pagingOff: readonly string[];
  /** Prefix of error lines: `Error: ` (Huawei) or `% ` (Comware). */
  protected abstract readonly errorPrefix: string;
  protected abstract readonly interfaceTypes: readonly string[];
  private tables?: { commands: CommandDispatcher; editor: ConfigEditor };

  banner(_device: DeviceView): string {
    return '\nInfo: The max number of VTY users is 5, and the number\n      of current VTY users on line is 1.\n';
  }

  createConfig(seed: DeviceSeed): ConfigTree {
    return ConfigTree.parseIndented(this.initialConfig(seed));
  }

  handle(line: string, ctx: CliContext): CommandReply {
    const { commands, editor } = this.build();
    const match = commands.resolve(line, ctx);
    if (ctx.level !== 'config' || match.kind === 'ok' || match.kind === 'empty') return commands.execute(match, ctx, line);
    const result = editor.apply(line, ctx, ctx.device.running);
    switch (result.kind) {
      case 'applied':
        return {};
      case 'incomplete':
        return { failed: true, output: this.incomplete(ctx) };
      case 'invalid':
        return { failed: true, output: this.invalid(result.offset, ctx) };
    }
  }

  hostnameOf(config: ConfigTree): string | undefined {
    return config.root.children.map((node) => /^sysname\s+(\S+)/.exec(node.text)?.[1]).find((h) => h !== undefined);
  }

  prompt(ctx: CliContext): string {
    const host = ctx.device.hostname;
    if (ctx.level !== 'config') return `<${host}>`;
    const section = ctx.sections.at(-1);
    return `[${host}${section ? `-${section.label}` : ''}]`;
  }

  /** `#`-separated stanzas; top-level statements indented one space, as VRP prints them. */
  renderConfig(config: ConfigTree, _device: DeviceView): string {
    const out: string[] = [this.configHeader(), '#'];
    for (const node of config.root.children) {
      // Statements are indented one space; a view header (`interface NULL0`) is not, even when empty.
      if (node.children.length === 0 && !this.build().editor.ruleOf({ label: '', path: [node.text] })) {
        out.push(` ${node.text}`, '#');
        continue;
      }
      out.push(node.text, ...new ConfigTree(node).lines().map((l) => ` ${l}`), '#');
    }
    out.push('return');
    return `${out.join('\n')}\n`;
  }

  invalid(offset: number, ctx: CliContext): string {
    return `${' '.repeat(ctx.promptWidth + offset)}^\n${this.errorPrefix}Unrecognized command found at '^' position.\n`;
  }

  incomplete(_ctx: CliContext): string {
    return `${this.errorPrefix}Incomplete command found at '^' position.\n`;
  }

  ambiguous(_token: string, offset: number, ctx: CliContext): string {
    return `${' '.repeat(ctx.promptWidth + offset)}^\n${this.errorPrefix}Ambiguous command found at '^' position.\n`;
  }

  protected abstract addDisplayCommands(commands: CommandDispatcher, levels: readonly CliLevel[]): void;

  /** First line of `display current-configuration`. */
  protected abstract configHeader(): string;

  protected abstract initialConfig(seed: DeviceSeed): string;

  /** The `save` dialogue; `save force` skips it. */
  protected abstract saveQuestion(done: (ctx: CliContext) => CommandReply): Question;

  protected abstract saveOutput(): string;

  /** Sub-views beyond `interface`, with the labels this platform prints. */
  protected abstract sectionRules(): SectionRule[];

  private build(): { commands: CommandDispatcher; editor: ConfigEditor } {
    if (this.tables) return this.tables;
    const commands = new CommandDispatcher(this);
    this.addDisplayCommands(commands, ALL);
    const save = (ctx: CliContext): CommandReply => {
      ctx.device.startup = ctx.device.running.clone();
      ctx.device.recordSave();
      return { output: this.saveOutput() };
    };
    commands
      .add(ALL, 'display current-configuration', (_a, ctx) => ({ output: this.renderConfig(ctx.device.running, ctx.device) }))
      .add(ALL, 'display saved-configuration', (_a, ctx) => ({ output: this.renderConfig(ctx.device.startup, ctx.device) }))
      .add(ALL, 'display bigoutput <bytes#>', (a) => ({ stream: new BigOutputSource(Number(a.bytes)) }))
      .add(ALL, this.pagingOff, (_a, ctx) => {
        ctx.terminalLength = 0;
        return {};
      })
      .add(ALL, 'screen-length <lines#> temporary', (a, ctx) => {
        ctx.terminalLength = Number(a.lines);
        return {};
      })
      .add(ALL, 'save', () => ({ question: this.saveQuestion(save) }))
      .add(ALL, 'save force', (_a, ctx) => save(ctx))
      .add(USER, 'system-view', (_a, ctx) => {
        ctx.level = 'config';
        ctx.sections = [];
        return { output: 'Enter system view, return user view with Ctrl+Z.\n' };
      })
      .add(USER, 'quit', () => ({ endSession: true }))
      .add(USER, 'return', () => ({}))
      .add(CONFIG, 'quit', (_a, ctx) => {
        if (ctx.sections.length > 0) ctx.sections = ctx.sections.slice(0, -1);
        else ctx.level = 'user';
        return {};
      })
      .add(CONFIG, 'return', (_a, ctx) => {
        ctx.level = 'user';
        ctx.sections = [];
        return {};
      })
      .add(CONFIG, 'display this', (_a, ctx) => ({ output: this.displayThis(ctx) }));
    const interfaceRule: SectionRule = {
      header: (m) => `interface ${expandInterface(m[1], this.interfaceTypes)}`,
      keywords: INTERFACE_KEYWORDS,
      label: (_m, header) => header.slice('interface '.length),
      pattern: /^interface\s+(\S+(?:\s+\d\S*)?)$/i,
    };
    const dialect: ConfigDialect = {
      globalKeywords: VRP_GLOBAL_KEYWORDS,
      interfaceTypes: this.interfaceTypes,
      negation: 'undo',
      sections: [interfaceRule, ...this.sectionRules()],
      singleValued: ['description', 'ip address', 'sysname', 'port link-type', 'port default vlan', 'clock timezone', 'header login'],
    };
    this.tables = { commands, editor: new ConfigEditor(dialect) };
    return this.tables;
  }

  private displayThis(ctx: CliContext): string {
    const path = ctx.sections.at(-1)?.path;
    if (!path) return '#\nreturn\n';
    const node = ctx.device.running.find(path);
    return `#\n${path.at(-1) ?? ''}\n${(node ? new ConfigTree(node).lines() : []).map((l) => ` ${l}`).join('\n')}\n#\nreturn\n`;
  }
}
