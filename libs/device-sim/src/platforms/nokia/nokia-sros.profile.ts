import { ConfigTree } from '../../config/config.tree';
import { BigOutputSource } from '../../shell/big-output.source';
import { CliErrors, CommandDispatcher } from '../../shell/command.dispatcher';
import type { CliContext, CliLevel, CommandReply, DeviceView, PagerStyle } from '../../shell/shell.types';
import { clockParts, macOf, uptimeOf } from '../common/device.facts';
import type { DeviceSeed, PlatformProfile } from '../platform.profile';
import { parseStatement, renderTree, splitWords } from './sros.schema';

const EXEC: readonly CliLevel[] = ['privileged'];
const TIMOS = 'TiMOS-B-20.10.R1 both/x86_64 Nokia 7750 SR Copyright (c) 2000-2020 Nokia.';
/** Commands the classic CLI takes in any context (they run as from the root). */
const GLOBAL = /^(show|admin|environment|info)\b/;

/**
 * Nokia SR OS, classic CLI: `A:host#` (`*A:host#` with unsaved changes), `configure` into contexts
 * shown in the prompt (`A:host>config>router>if#`), a context and a setting on one line
 * (`router interface "lo1" description "x"`), `exit` / `exit all`, `info`, `admin save`,
 * `environment no more`. Errors: `Error: Bad command.` under a `^`, `Error: Missing parameter.`, and
 * `MINOR: CLI ...` for values the device refuses.
 */
export class NokiaSrosProfile implements PlatformProfile, CliErrors {
  readonly defaultHostname = 'sros';
  readonly execLevel: CliLevel = 'privileged';
  readonly execNewline = '\r\n';
  readonly loginLevel: CliLevel = 'privileged';
  readonly name = 'nokia_sros';
  readonly pager: PagerStyle = { erase: `\r${' '.repeat(38)}\r`, prompt: 'Press any key to continue (Q to quit)' };
  readonly sshIdent = 'OpenSSH_7.4';
  readonly suspendCommand = 'exit all';
  readonly terminalLength = 24;

  private readonly exec = this.buildExec();

  banner(_device: DeviceView): string {
    return `\n\n${TIMOS}\nAll rights reserved. All use subject to applicable license agreements.\n\n`;
  }

  createConfig(seed: DeviceSeed): ConfigTree {
    const tree = new ConfigTree();
    tree.set(['system'], `name "${seed.hostname}"`, 'name');
    tree.set(['system', 'time'], 'zone UTC');
    for (let i = 1; i <= 4; i++) tree.set([`port 1/1/${i}`], 'shutdown');
    tree.set(['router', 'interface "system"'], 'address 10.255.0.1/32');
    tree.set(['router', `interface "management"`], `address ${seed.host}/24`);
    return tree;
  }

  handle(line: string, ctx: CliContext): CommandReply {
    const text = line.trim();
    if (text === '') return {};
    if (ctx.level !== 'config') return this.exec.run(text, ctx);
    if (text === 'info') return { output: this.info(ctx) };
    if (GLOBAL.test(text)) return this.fromRoot(text, ctx);
    if (text === 'exit all') return this.leave(ctx);
    if (text === 'exit' || text === 'back') {
      if (ctx.sections.length === 0) return this.leave(ctx);
      ctx.sections = ctx.sections.slice(0, -1);
      return {};
    }
    const absolute = /^\/?configure(\s|$)/.exec(text);
    if (absolute) {
      ctx.sections = [];
      const at = line.indexOf(absolute[0].trim()) + absolute[0].trim().length;
      const rest = line.slice(at);
      return rest.trim() === '' ? {} : this.statement(rest, ctx, at);
    }
    return this.statement(line, ctx, 0);
  }

  hostnameOf(config: ConfigTree): string | undefined {
    const system = config.find(['system']);
    return system?.children.map((c) => /^name\s+"?([^"\s]+)"?/.exec(c.text)?.[1]).find((h) => h !== undefined);
  }

  prompt(ctx: CliContext): string {
    const unsaved = ctx.device.running.equals(ctx.device.startup) ? '' : '*';
    const context = ctx.level === 'config' ? `>config${ctx.sections.map((s) => `>${s.label}`).join('')}` : '';
    return `${unsaved}A:${ctx.device.hostname}${context}# `;
  }

  renderConfig(config: ConfigTree, device: DeviceView): string {
    const c = clockParts(device.bootedAt);
    return [
      `# ${TIMOS}`,
      '# All rights reserved. All use subject to applicable license agreements.',
      `# Generated ${c.day.toUpperCase()} ${c.mon.toUpperCase()} ${String(c.dd).padStart(2, '0')} ${c.hms} ${c.year} UTC`,
      '',
      'exit all',
      'configure',
      `${renderTree(config)}exit all`,
      '',
      '# Finished',
      '',
    ].join('\n');
  }

  invalid(offset: number, ctx: CliContext): string {
    return `${' '.repeat(ctx.promptWidth + offset)}^\nError: Bad command.\n`;
  }

  incomplete(_ctx: CliContext): string {
    return 'Error: Missing parameter.\n';
  }

  ambiguous(_token: string, offset: number, ctx: CliContext): string {
    return `${' '.repeat(ctx.promptWidth + offset)}^\nError: Ambiguous command.\n`;
  }

  /** A config statement typed in the current context (`base` = offset of `line` within the typed line). */
  private statement(line: string, ctx: CliContext, base: number): CommandReply {
    const all = splitWords(line).map((w) => ({ text: w.text, offset: w.offset + base }));
    const negated = all[0]?.text === 'no';
    const words = negated ? all.slice(1) : all;
    if (words.length === 0) return { failed: true, output: this.incomplete(ctx) };
    const path = ctx.sections.at(-1)?.path ?? [];
    const parsed = parseStatement(words, path, negated);
    if (parsed.kind === 'bad') return { failed: true, output: this.invalid(parsed.offset, ctx) };
    if (parsed.kind === 'missing') return { failed: true, output: this.incomplete(ctx) };
    const refusal = parsed.leaf === undefined ? undefined : refusalOf(parsed.leaf);
    if (refusal) return { failed: true, output: `${refusal}\n` };
    const target = [...path, ...parsed.contexts.map((c) => c.header)];
    const tree = ctx.device.running;
    ctx.device.recordConfigLine();
    if (parsed.leaf === undefined) {
      if (negated) {
        tree.remove(target.slice(0, -1), target[target.length - 1] ?? '');
        return {};
      }
      tree.ensure(target);
      ctx.sections = [...ctx.sections, ...parsed.contexts.map((c, i) => ({ label: c.label, path: [...path, ...parsed.contexts.slice(0, i + 1).map((x) => x.header)] }))];
      return {};
    }
    const keyword = parsed.leaf.split(' ')[0] ?? '';
    if (keyword === 'shutdown') {
      tree.remove(target, 'shutdown');
      tree.remove(target, 'no shutdown');
      tree.set(target, negated ? 'no shutdown' : 'shutdown');
    } else if (negated) {
      tree.remove(target, parsed.leaf);
    } else {
      tree.set(target, parsed.leaf, keyword);
    }
    return {};
  }

  /** A global command (`show`, `admin`, `environment`) typed in a config context runs as from the root. */
  private fromRoot(text: string, ctx: CliContext): CommandReply {
    ctx.level = 'privileged';
    try {
      return this.exec.run(text, ctx);
    } finally {
      ctx.level = 'config';
    }
  }

  private leave(ctx: CliContext): CommandReply {
    ctx.level = 'privileged';
    ctx.sections = [];
    return {};
  }

  private info(ctx: CliContext): string {
    const path = ctx.sections.at(-1)?.path ?? [];
    const node = ctx.device.running.find(path);
    const sub = new ConfigTree(node ? { children: node.children, text: '' } : undefined);
    return `----------------------------------------------\n${renderTree(sub).replace(/^ {4}/gm, '')}----------------------------------------------\n`;
  }

  private buildExec(): CommandDispatcher {
    const d = new CommandDispatcher(this);
    d.add(EXEC, 'show version', () => ({ output: `${TIMOS}\nAll rights reserved. All use subject to applicable license agreements.\nBuilt on Thu Oct 22 12:00:00 PDT 2020 by builder in /builds/c/2010B/R1/panos/main/sros\n` }))
      .add(EXEC, 'show system information', (_a, ctx) => ({ output: systemInformation(ctx) }))
      .add(EXEC, 'show router interface', (_a, ctx) => ({ output: routerInterfaces(ctx) }))
      .add(EXEC, 'show bigoutput <bytes#>', (a) => ({ stream: new BigOutputSource(Number(a.bytes)) }))
      .add(EXEC, 'environment no more', (_a, ctx) => {
        ctx.terminalLength = 0;
        return {};
      })
      .add(EXEC, 'environment more', (_a, ctx) => {
        ctx.terminalLength = this.terminalLength;
        return {};
      })
      .add(EXEC, 'environment console width <columns#>', () => ({}))
      .add(EXEC, 'admin display-config', (_a, ctx) => ({ output: this.renderConfig(ctx.device.running, ctx.device) }))
      .add(EXEC, 'admin save', (_a, ctx) => {
        ctx.device.startup = ctx.device.running.clone();
        ctx.device.recordSave();
        return { output: 'Writing configuration to cf3:\\config.cfg\nSaving configuration ... OK\nCompleted.\n' };
      })
      .add(EXEC, 'configure', (_a, ctx) => this.enter(ctx))
      .add(EXEC, 'configure <path...>', (a, ctx) => {
        this.enter(ctx);
        return this.statement(a.path, ctx, 'configure '.length);
      })
      .add(EXEC, 'exit all', () => ({}))
      .add(EXEC, ['logout', 'exit'], () => ({ endSession: true }));
    return d;
  }

  private enter(ctx: CliContext): CommandReply {
    ctx.level = 'config';
    ctx.sections = [];
    return {};
  }
}

/** Values the device refuses with a `MINOR:` message. */
function refusalOf(leaf: string): string | undefined {
  const address = /^address\s+(\S+)/.exec(leaf);
  if (address) {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(address[1]);
    if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) return `MINOR: CLI Invalid IP prefix "${address[1]}".`;
  }
  return undefined;
}

function systemInformation(ctx: CliContext): string {
  const up = uptimeOf(ctx.device.bootedAt);
  return [
    '',
    '===============================================================================',
    'System Information',
    '===============================================================================',
    `System Name            : ${ctx.device.hostname}`,
    'System Type            : 7750 SR-1',
    'Chassis Topology       : Standalone',
    `System Version         : B-20.10.R1`,
    `System Up Time         : ${up.weeks * 7 + up.days} days, ${String(up.hours).padStart(2, '0')}:${String(up.minutes).padStart(2, '0')}:${String(up.seconds).padStart(2, '0')}.00 (hr:min:sec)`,
    `Base MAC Address       : ${macOf(ctx.device.host)}`,
    '===============================================================================',
    '',
  ].join('\n');
}

function routerInterfaces(ctx: CliContext): string {
  const router = ctx.device.running.find(['router']);
  const rows = (router?.children ?? [])
    .filter((c) => c.text.startsWith('interface '))
    .map((c) => {
      const name = c.text.replace(/^interface\s+"?([^"]*)"?$/, '$1');
      const up = !c.children.some((x) => x.text === 'shutdown');
      const address = c.children.map((x) => /^address\s+(\S+)/.exec(x.text)?.[1]).find((a) => a !== undefined) ?? '-';
      return `${name.padEnd(33)}${(up ? 'Up' : 'Down').padEnd(10)}${(up ? 'Up/Down' : 'Down/Down').padEnd(11)}Network ${name === 'system' ? 'system' : 'n/a'}\n   ${address}${' '.repeat(Math.max(1, 66 - address.length))}n/a`;
    });
  return `\n===============================================================================\nInterface Table (Router: Base)\n===============================================================================\nInterface-Name                   Adm       Opr(v4/v6)  Mode    Port/SapId\n   IP-Address                                                      PfxState\n-------------------------------------------------------------------------------\n${rows.join('\n')}\n-------------------------------------------------------------------------------\nInterfaces : ${rows.length}\n===============================================================================\n`;
}
