import { ConfigDialect, expandInterface } from '../../config/config.dialect';
import { ConfigEditor } from '../../config/config.editor';
import { ConfigTree } from '../../config/config.tree';
import { BigOutputSource } from '../../shell/big-output.source';
import { ANY_EXEC, CliErrors, CommandDispatcher, PRIVILEGED } from '../../shell/command.dispatcher';
import type { CliContext, CliLevel, CommandReply, DeviceView, PagerStyle, Question } from '../../shell/shell.types';
import { clockParts } from '../common/device.facts';
import type { DeviceSeed, PlatformProfile } from '../platform.profile';

const CONFIG: readonly CliLevel[] = ['config'];

/**
 * Everything Cisco-style CLIs share (IOS, NX-OS, IOS XR, EOS, generic): `>`/`#`/`(config)#`
 * prompts, `enable` with a secret, `configure terminal` with sub-modes, `do`, `end`/`exit`/Ctrl-Z,
 * `terminal length`, `show running-config` rendered from the live config, `write memory`, and
 * IOS-style errors with the `^` marker. A platform adds its own `show` outputs and wording.
 */
export abstract class CiscoFamilyProfile implements PlatformProfile, CliErrors {
  abstract readonly defaultHostname: string;
  abstract readonly name: string;
  abstract readonly sshIdent: string;
  readonly execLevel: CliLevel = 'privileged';
  readonly execNewline = '\r\n';
  readonly loginLevel: CliLevel = 'user';
  readonly pager: PagerStyle = { erase: `${'\b'.repeat(9)}${' '.repeat(9)}${'\b'.repeat(9)}`, prompt: ' --More-- ' };
  readonly suspendCommand: string | undefined = 'end';
  readonly terminalLength: number = 24;

  /** Printed by `configure terminal`. */
  protected readonly configBanner: string = 'Enter configuration commands, one per line.  End with CNTL/Z.\n';
  /** Changes go to a candidate and need `commit` (IOS XR). */
  protected readonly commitRequired: boolean = false;
  protected abstract readonly dialect: ConfigDialect;
  /** Written before the hostname in every prompt (`RP/0/RSP0/CPU0:` on IOS XR). */
  protected readonly promptPrefix: string = '';
  /** `show ...` works in config mode without `do` (NX-OS, EOS, IOS XR). */
  protected readonly showInConfig: boolean = false;

  private tables?: { config: CommandDispatcher; editor: ConfigEditor; exec: CommandDispatcher };

  banner(_device: DeviceView): string {
    return '\n';
  }

  createConfig(seed: DeviceSeed): ConfigTree {
    return ConfigTree.parseIndented(this.initialConfig(seed));
  }

  handle(line: string, ctx: CliContext): CommandReply {
    const { config, editor, exec } = this.build();
    if (ctx.level !== 'config') return exec.run(line, ctx);
    const nav = config.resolve(line, ctx);
    if (nav.kind === 'ok' || nav.kind === 'empty') return config.execute(nav, ctx, line);
    const result = editor.apply(line, ctx, ctx.candidate ?? ctx.device.running);
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
    return config.root.children.map((node) => /^hostname\s+(\S+)/.exec(node.text)?.[1]).find((h) => h !== undefined);
  }

  prompt(ctx: CliContext): string {
    const base = `${this.promptPrefix}${ctx.device.hostname}`;
    switch (ctx.level) {
      case 'user':
        return `${base}>`;
      case 'privileged':
        return `${base}#`;
      case 'config':
        return `${base}(${ctx.sections.at(-1)?.label ?? 'config'})#`;
    }
  }

  renderConfig(config: ConfigTree, device: DeviceView): string {
    const body = `${renderStanzas(config)}${this.configFooter()}`;
    return `${this.configHeader(body, device)}${body}`;
  }

  invalid(offset: number, ctx: CliContext): string {
    return `${' '.repeat(ctx.promptWidth + offset)}^\n% Invalid input detected at '^' marker.\n\n`;
  }

  incomplete(_ctx: CliContext): string {
    return '% Incomplete command.\n\n';
  }

  ambiguous(token: string, _offset: number, _ctx: CliContext): string {
    return `% Ambiguous command:  "${token}"\n`;
  }

  /** Adds the platform's own show commands. */
  protected abstract addShowCommands(exec: CommandDispatcher): void;

  /** Lines before the config body in `show running-config` (IOS counts the body's bytes). */
  protected abstract configHeader(body: string, device: DeviceView): string;

  protected configFooter(): string {
    return 'end\n';
  }

  /** The config a fresh device boots with, indented one space per level. */
  protected abstract initialConfig(seed: DeviceSeed): string;

  /** What `write memory` prints; `copy running-config startup-config` may ask first (`copyQuestion`). */
  protected saveOutput(): string {
    return 'Building configuration...\n[OK]\n';
  }

  protected copyQuestion(): string | undefined {
    return 'Destination filename [startup-config]? ';
  }

  /** `show clock` in the IOS layout `*10:15:01.123 UTC Mon Mar 4 2024`. */
  protected clock(): string {
    const c = clockParts();
    return `*${c.hms}.${c.ms} UTC ${c.day} ${c.mon} ${c.dd} ${c.year}\n`;
  }

  protected expandInterface(name: string): string {
    return expandInterface(name, this.dialect.interfaceTypes);
  }

  private build(): { config: CommandDispatcher; editor: ConfigEditor; exec: CommandDispatcher } {
    if (this.tables) return this.tables;
    const exec = new CommandDispatcher(this);
    const config = new CommandDispatcher(this);
    this.addExecCommands(exec);
    this.addShowCommands(exec);
    this.addConfigCommands(config, exec);
    this.tables = { config, editor: new ConfigEditor(this.dialect), exec };
    return this.tables;
  }

  private addExecCommands(exec: CommandDispatcher): void {
    exec
      .add(ANY_EXEC, 'enable', (_a, ctx) => (ctx.level === 'user' ? this.enable(ctx) : {}))
      .add(ANY_EXEC, 'disable', (_a, ctx) => {
        ctx.level = 'user';
        return {};
      })
      .add(ANY_EXEC, ['exit', 'logout'], () => ({ endSession: true }))
      .add(ANY_EXEC, ['terminal length <lines#>', 'terminal pager <lines#>'], (a, ctx) => {
        ctx.terminalLength = Number(a.lines);
        return {};
      })
      .add(ANY_EXEC, ['terminal width <columns#>', 'terminal monitor', 'terminal no monitor'], () => ({}))
      .add(ANY_EXEC, 'show clock', () => ({ output: this.clock() }))
      .add(ANY_EXEC, 'show privilege', (_a, ctx) => ({ output: `Current privilege level is ${ctx.level === 'user' ? 1 : 15}\n` }))
      .add(ANY_EXEC, 'show bigoutput <bytes#>', (a) => ({ stream: new BigOutputSource(Number(a.bytes)) }))
      .add(PRIVILEGED, ['configure terminal', 'configure'], (_a, ctx) => this.enterConfig(ctx))
      .add(PRIVILEGED, 'show running-config', (_a, ctx) => ({ output: this.renderConfig(ctx.device.running, ctx.device) }))
      .add(PRIVILEGED, 'show running-config interface <name...>', (a, ctx) => this.showInterfaceConfig(a.name, ctx))
      .add(PRIVILEGED, 'show startup-config', (_a, ctx) => ({ output: this.renderConfig(ctx.device.startup, ctx.device) }))
      .add(PRIVILEGED, ['write memory', 'write'], (_a, ctx) => this.save(ctx))
      .add(PRIVILEGED, 'copy running-config startup-config', (_a, ctx) => {
        const prompt = this.copyQuestion();
        return prompt === undefined ? this.save(ctx) : { question: { answer: (_l, c) => this.save(c), echo: true, prompt } };
      });
  }

  private addConfigCommands(config: CommandDispatcher, exec: CommandDispatcher): void {
    const runExec = (cmd: string, line: string, ctx: CliContext): CommandReply => {
      const saved = { level: ctx.level, width: ctx.promptWidth };
      ctx.level = 'privileged';
      ctx.promptWidth += line.indexOf(cmd);
      try {
        return exec.run(cmd, ctx);
      } finally {
        ctx.level = saved.level;
        ctx.promptWidth = saved.width;
      }
    };
    config
      .add(CONFIG, 'end', (_a, ctx) => this.leaveConfig(ctx))
      .add(CONFIG, 'exit', (_a, ctx) => {
        if (ctx.sections.length === 0) return this.leaveConfig(ctx);
        ctx.sections = ctx.sections.slice(0, -1);
        return {};
      })
      .add(CONFIG, 'do <command...>', (a, ctx) => runExec(a.command, `do ${a.command}`, ctx));
    if (this.showInConfig) config.add(CONFIG, 'show <what...>', (a, ctx) => runExec(`show ${a.what}`, `show ${a.what}`, ctx));
    if (this.commitRequired) {
      config
        .add(CONFIG, 'commit', (_a, ctx) => this.commit(ctx))
        .add(CONFIG, 'abort', (_a, ctx) => this.exitConfig(ctx));
    }
  }

  private enable(ctx: CliContext, attempt = 1): CommandReply {
    const grant = (c: CliContext): CommandReply => {
      c.level = 'privileged';
      return {};
    };
    if (ctx.device.secret === '') return grant(ctx);
    const question: Question = {
      answer: (line, c) => {
        if (line === c.device.secret) return grant(c);
        return attempt >= 3 ? { failed: true, output: '% Bad secrets\n\n' } : this.enable(c, attempt + 1);
      },
      echo: false,
      prompt: 'Password: ',
    };
    return { question };
  }

  private enterConfig(ctx: CliContext): CommandReply {
    ctx.level = 'config';
    ctx.sections = [];
    ctx.candidate = this.commitRequired ? ctx.device.running.clone() : undefined;
    return { output: this.configBanner };
  }

  /** `end`: on IOS XR, uncommitted changes are offered for commit first, as the real CLI does. */
  private leaveConfig(ctx: CliContext): CommandReply {
    if (!ctx.candidate || ctx.candidate.equals(ctx.device.running)) return this.exitConfig(ctx);
    const question: Question = {
      answer: (line, c) => {
        const choice = line.trim().toLowerCase();
        if (choice === 'yes') this.commit(c);
        if (choice === 'yes' || choice === 'no') return this.exitConfig(c);
        return {};
      },
      echo: true,
      prompt: 'Uncommitted changes found, commit them before exiting(yes/no/cancel)? [cancel]:',
    };
    return { question };
  }

  private exitConfig(ctx: CliContext): CommandReply {
    ctx.level = 'privileged';
    ctx.sections = [];
    ctx.candidate = undefined;
    return {};
  }

  private commit(ctx: CliContext): CommandReply {
    if (ctx.candidate) ctx.device.running = ctx.candidate.clone();
    return {};
  }

  private save(ctx: CliContext): CommandReply {
    ctx.device.startup = ctx.device.running.clone();
    ctx.device.recordSave();
    return { output: this.saveOutput() };
  }

  private showInterfaceConfig(name: string, ctx: CliContext): CommandReply {
    const header = `interface ${this.expandInterface(name)}`;
    const node = ctx.device.running.find([header]);
    if (!node) return { failed: true, output: this.invalid(0, ctx) };
    const body = [header, ...node.children.map((child) => ` ${child.text}`)].join('\n');
    return { output: `Building configuration...\n\nCurrent configuration : ${body.length + 1} bytes\n!\n${body}\nend\n\n` };
  }
}

/** IOS-style body: stanzas fenced by `!`, children indented one space. */
export function renderStanzas(config: ConfigTree): string {
  const out: string[] = [];
  for (const node of config.root.children) {
    if (node.children.length === 0) {
      out.push(node.text);
      continue;
    }
    if (out.at(-1) !== '!') out.push('!');
    out.push(node.text, ...new ConfigTree(node).lines().map((line) => ` ${line}`), '!');
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
