import { ConfigTree } from '../../config/config.tree';
import { BigOutputSource } from '../../shell/big-output.source';
import { ANY_EXEC, CliErrors, CommandDispatcher } from '../../shell/command.dispatcher';
import type { CliContext, CliLevel, CommandReply, DeviceView, PagerStyle, Question } from '../../shell/shell.types';
import { addressNumber, clockParts } from '../common/device.facts';
import type { DeviceSeed, PlatformProfile } from '../platform.profile';
import { JunosCommits, junosCompare } from './junos.commits';
import { junosOutputs } from './junos.outputs';
import { JunosSyntax, TOP_LEVEL } from './junos.syntax';

const CONFIG: readonly CliLevel[] = ['config'];

/** The upstream BGP peer on the management subnet: `.254` (`.1` when the device is `.254`). */
function peerOf(host: string): string {
  const own = host.split('.');
  return [...own.slice(0, 3), own[3] === '254' ? '1' : '254'].join('.');
}
const DISPLAY_SET = /^d\S*\s+s\S*$/i;

/**
 * Juniper Junos: `user@host>` operational mode, `configure` into a private candidate with `[edit]`
 * banners, `set`/`delete`/`edit`/`up`/`top`, `commit` ("commit complete"), `show configuration` in
 * curly or `| display set` form, and `exit` that warns about uncommitted changes.
 */
export class JuniperJunosProfile implements PlatformProfile, CliErrors {
  readonly defaultHostname = 'vmx';
  readonly execLevel: CliLevel = 'user';
  readonly execNewline = '\r\n';
  readonly loginLevel: CliLevel = 'user';
  readonly name = 'juniper_junos';
  readonly pager: PagerStyle = { erase: `\r${' '.repeat(12)}\r`, prompt: '---(more)---' };
  readonly sshIdent = 'OpenSSH_7.5';
  readonly suspendCommand = undefined;
  readonly terminalLength = 24;

  private readonly commits = new JunosCommits();
  private readonly commands = this.buildCommands();

  banner(_device: DeviceView): string {
    return '--- JUNOS 21.4R3-S1.6 Kernel 64-bit  JNPR-12.1-20220801.b7f6f1f_buil\n';
  }

  createConfig(seed: DeviceSeed): ConfigTree {
    const tree = new ConfigTree();
    const statements = [
      'version 21.4R3-S1.6',
      `system host-name ${seed.hostname}`,
      'system root-authentication encrypted-password "$6$sim$sim"',
      `system login user ${seed.username} class super-user`,
      'system services ssh',
      'system services netconf ssh',
      'system syslog file messages any notice',
      'interfaces ge-0/0/0 description uplink',
      'interfaces ge-0/0/0 unit 0 family inet',
      'interfaces ge-0/0/1 unit 0 family ethernet-switching interface-mode access',
      'interfaces ge-0/0/1 unit 0 family ethernet-switching vlan members USERS',
      'interfaces ge-0/0/2 disable',
      `interfaces fxp0 unit 0 family inet address ${seed.host}/24`,
      'snmp location lab-row-4',
      'snmp contact noc-team',
      'snmp community public authorization read-only',
      'snmp community ops authorization read-write',
      'snmp community ops client-list-name MGMT-HOSTS',
      `routing-options router-id ${seed.host}`,
      `routing-options autonomous-system ${65000 + (addressNumber(seed.host) % 500)}`,
      'protocols bgp group upstream type external',
      `protocols bgp group upstream neighbor ${peerOf(seed.host)} peer-as 65100`,
      `protocols bgp group upstream neighbor ${peerOf(seed.host)} description core-uplink`,
      'protocols bgp group transit type external',
      'protocols bgp group transit peer-as 65200',
      'protocols bgp group transit neighbor 127.0.253.9 description "backup transit"',
      'protocols lldp interface all',
      'vlans default vlan-id 1',
      'vlans USERS vlan-id 10',
    ];
    for (const line of statements) JunosSyntax.set(tree, JunosSyntax.parse(line.split(' '), []));
    return tree;
  }

  handle(line: string, ctx: CliContext): CommandReply {
    return this.commands.run(line, ctx);
  }

  hostnameOf(config: ConfigTree): string | undefined {
    const system = config.find(['system']);
    return system?.children.map((c) => /^host-name\s+(\S+)/.exec(c.text)?.[1]).find((h) => h !== undefined);
  }

  prompt(ctx: CliContext): string {
    const who = `${ctx.username}@${ctx.device.hostname}`;
    if (ctx.level !== 'config') return `${who}> `;
    const section = ctx.sections.at(-1);
    return `\n[edit${section ? ` ${section.label}` : ''}]\n${who}# `;
  }

  renderConfig(config: ConfigTree, device: DeviceView): string {
    const c = clockParts(device.bootedAt);
    return `## Last commit: ${c.year}-${String(c.month).padStart(2, '0')}-${String(c.dd).padStart(2, '0')} ${c.hms} UTC by admin\n${JunosSyntax.curly(config.root)}`;
  }

  invalid(offset: number, ctx: CliContext): string {
    return `${' '.repeat(ctx.promptWidth + offset)}^\n${offset === 0 ? 'unknown command.' : 'syntax error, expecting <command>.'}\n`;
  }

  incomplete(_ctx: CliContext): string {
    return 'error: command is not complete\n';
  }

  ambiguous(token: string, offset: number, ctx: CliContext): string {
    return `${' '.repeat(ctx.promptWidth + offset)}^\n'${token}' is ambiguous.\n`;
  }

  private buildCommands(): CommandDispatcher {
    const d = new CommandDispatcher(this);
    junosOutputs(d);
    d.add(ANY_EXEC, ['configure', 'configure private', 'configure exclusive', 'edit'], (_a, ctx) => this.enterConfig(ctx))
      .add(ANY_EXEC, ['exit', 'quit'], () => ({ endSession: true }))
      .add(ANY_EXEC, ['set cli screen-length <lines#>'], (a, ctx) => {
        ctx.terminalLength = Number(a.lines);
        return { output: `Screen length set to ${a.lines}\n` };
      })
      .add(ANY_EXEC, ['set cli screen-width <columns#>'], (a) => ({ output: `Screen width set to ${a.columns}\n` }))
      .add(ANY_EXEC, ['set cli <setting...>'], () => ({}))
      .add(ANY_EXEC, 'show bigoutput <bytes#>', (a) => ({ stream: new BigOutputSource(Number(a.bytes)) }))
      .add(ANY_EXEC, 'show configuration', (_a, ctx, pipes) => ({ output: this.show(ctx.device.running, [], pipes, ctx.device) }), DISPLAY_SET)
      .add(ANY_EXEC, 'show configuration <path...>', (a, ctx, pipes) => ({ output: this.show(ctx.device.running, JunosSyntax.parse(a.path.split(/\s+/), []).path, pipes, ctx.device) }), DISPLAY_SET)
      .add(ANY_EXEC, 'show system commit', (_a, ctx) => ({ output: this.commits.show(ctx.device) }))
      .add(CONFIG, 'set <statement...>', (a, ctx) => this.edit('set', a.statement, ctx))
      .add(CONFIG, 'delete <statement...>', (a, ctx) => this.edit('delete', a.statement, ctx))
      .add(CONFIG, 'edit <path...>', (a, ctx) => this.enterSection(a.path, ctx))
      .add(CONFIG, 'up', (_a, ctx) => this.pop(ctx, 1))
      .add(CONFIG, 'top', (_a, ctx) => this.pop(ctx, ctx.sections.length))
      .add(CONFIG, ['exit', 'quit'], (_a, ctx) => (ctx.sections.length > 0 ? this.pop(ctx, 1) : this.leaveConfig(ctx)))
      .add(CONFIG, 'exit configuration-mode', (_a, ctx) => this.leaveConfig(ctx))
      .add(CONFIG, 'commit', (_a, ctx) => this.commits.commit('', ctx))
      .add(CONFIG, 'commit <args...>', (a, ctx) => this.commits.commit(a.args, ctx))
      .add(CONFIG, 'commit check', () => ({ output: 'configuration check succeeds\n' }))
      .add(CONFIG, 'rollback', (_a, ctx) => this.commits.rollback(0, ctx))
      .add(CONFIG, 'rollback <n#>', (a, ctx) => this.commits.rollback(Number(a.n), ctx))
      .add(CONFIG, 'delete', () => this.deleteAll())
      .add(CONFIG, 'show', (_a, ctx, pipes) => this.showCandidate(ctx, pipes), /^(d\S*\s+s\S*|c\S*)$/i)
      .add(CONFIG, 'run <command...>', (a, ctx) => this.runOperational(a.command, ctx));
    return d;
  }

  private show(tree: ConfigTree, path: readonly string[], pipes: readonly string[], device: DeviceView): string {
    const node = tree.find(path) ?? { children: [], text: '' };
    if (pipes.some((p) => DISPLAY_SET.test(p))) return `${JunosSyntax.setLines(node, path).join('\n')}\n`;
    return path.length === 0 ? this.renderConfig(new ConfigTree(node), device) : JunosSyntax.curly(node);
  }

  private showCandidate(ctx: CliContext, pipes: readonly string[]): CommandReply {
    const candidate = ctx.candidate ?? ctx.device.running;
    if (!pipes.some((p) => /^c/i.test(p))) return { output: this.show(candidate, ctx.sections.at(-1)?.path ?? [], pipes, ctx.device) };
    // `| compare`: what the candidate adds (+) and removes (-) against the committed configuration.
    const lines = junosCompare(ctx.device.running.root, candidate.root);
    return { output: lines.length === 0 ? '' : `${lines.join('\n')}\n` };
  }

  private enterConfig(ctx: CliContext): CommandReply {
    ctx.level = 'config';
    ctx.sections = [];
    ctx.candidate = ctx.device.running.clone();
    return { output: 'Entering configuration mode\n' };
  }

  private edit(verb: 'delete' | 'set', statement: string, ctx: CliContext): CommandReply {
    const words = statement.split(/\s+/);
    const base = ctx.sections.at(-1)?.path ?? [];
    if (base.length === 0 && !TOP_LEVEL.includes(words[0])) {
      const offset = verb.length + 1;
      return { failed: true, output: `${' '.repeat(ctx.promptWidth + offset)}^\nsyntax error.\n` };
    }
    const parsed = JunosSyntax.parse(words, base);
    const candidate = (ctx.candidate ??= ctx.device.running.clone());
    if (verb === 'set') JunosSyntax.set(candidate, parsed);
    else if (JunosSyntax.delete(candidate, parsed) === 0) return { output: 'warning: statement not found\n' };
    ctx.device.recordConfigLine();
    return {};
  }

  private enterSection(path: string, ctx: CliContext): CommandReply {
    const base = ctx.sections.at(-1)?.path ?? [];
    const parsed = JunosSyntax.parse(path.split(/\s+/), base);
    const full = parsed.leaf === undefined ? parsed.path : [...parsed.path, parsed.leaf];
    (ctx.candidate ??= ctx.device.running.clone()).ensure(full);
    ctx.sections = [...ctx.sections, { label: full.join(' '), path: full }];
    return {};
  }

  private pop(ctx: CliContext, levels: number): CommandReply {
    ctx.sections = ctx.sections.slice(0, Math.max(0, ctx.sections.length - levels));
    return {};
  }

  private leaveConfig(ctx: CliContext): CommandReply {
    const exit = (c: CliContext): CommandReply => {
      c.level = 'user';
      c.sections = [];
      c.candidate = undefined;
      return { output: 'Exiting configuration mode\n' };
    };
    if (!ctx.candidate || ctx.candidate.equals(ctx.device.running)) return exit(ctx);
    const question: Question = {
      answer: (line, c) => (/^(y|yes)?$/i.test(line.trim()) ? exit(c) : {}),
      echo: true,
      prompt: 'The configuration has been changed but not committed\nExit with uncommitted changes? [yes,no] (yes) ',
    };
    return { question };
  }

  /** Bare `delete`: everything under the current edit level goes, after a question. */
  private deleteAll(): CommandReply {
    const question: Question = {
      answer: (line, c) => {
        if (!/^y(es)?$/i.test(line.trim())) return {};
        const candidate = (c.candidate ??= c.device.running.clone());
        const node = candidate.find(c.sections.at(-1)?.path ?? []);
        if (node) node.children = [];
        c.device.recordConfigLine();
        return {};
      },
      echo: true,
      prompt: 'Delete everything under this level? [yes,no] (no) ',
    };
    return { question };
  }

  private runOperational(command: string, ctx: CliContext): CommandReply {
    const saved = { level: ctx.level, width: ctx.promptWidth };
    ctx.level = 'user';
    ctx.promptWidth += 4;
    try {
      return this.commands.run(command, ctx);
    } finally {
      ctx.level = saved.level;
      ctx.promptWidth = saved.width;
    }
  }
}
