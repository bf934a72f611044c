import { ConfigNode, ConfigTree } from '../../config/config.tree';
import type { CliContext, CommandReply, DeviceView, Question } from '../../shell/shell.types';
import { clockParts } from '../common/device.facts';

/** What the archive needs of the platform it runs on. */
export interface ArchiveHost {
  /** Top-level keywords the platform's config accepts (a replace file's statements are checked against them). */
  readonly globalKeywords: readonly string[];
  /** Applies one configuration line in config mode (as typed); false when the device refused it. */
  applyLine(line: string, ctx: CliContext): boolean;
  renderConfig(tree: ConfigTree, device: DeviceView): string;
  /** EOS copies and replaces without asking and answers tersely; IOS asks and counts bytes. */
  readonly style: 'eos' | 'ios';
}

/** A rollback timer armed by `configure replace ... time N`: the config to return to unless confirmed. */
interface PendingReplace {
  readonly cancel: () => void;
  readonly configuredAt: Date;
  readonly minutes: number;
  readonly previous: ConfigTree;
  readonly user: string;
}

const FILE = /^(flash|bootflash|nvram|disk0):\/?(\S+)$/i;

/** `flash:/x.txt` and `flash:x.txt` name one file. */
export function flashPath(path: string): string | undefined {
  const m = FILE.exec(path.trim());
  return m ? `${m[1].toLowerCase()}:${m[2]}` : undefined;
}

/** Statements of a configuration file, without the lines `show running-config` adds around them. */
export function configFileTree(text: string): ConfigTree {
  const body = text
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => !/^\s*!/.test(l) && !/^(end|Building configuration\.\.\.|Current configuration : \d+ bytes)\s*$/.test(l.trim()))
    .join('\n');
  return ConfigTree.parseIndented(body);
}

/** Lines of a file in order, without comments and the `end` marker (what `copy <file> running-config` types). */
function fileLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '' && !/^\s*!/.test(l) && l.trim() !== 'end');
}

/** IOS contextual diff (`show archive config differences`): `+`/`-` statements under their unchanged parents. */
export function contextualDiff(before: ConfigNode, after: ConfigNode, depth = 0): string[] {
  const pad = ' '.repeat(depth);
  const all = (node: ConfigNode, sign: string, d: number): string[] => [`${' '.repeat(d)}${sign}${node.text}`, ...node.children.flatMap((c) => all(c, sign, d + 1))];
  const out: string[] = [];
  for (const old of before.children) {
    const now = after.children.find((c) => c.text === old.text);
    if (!now) out.push(...all(old, '-', depth));
    else {
      const inner = contextualDiff(old, now, depth + 1);
      if (inner.length > 0) out.push(`${pad}${old.text}`, ...inner);
    }
  }
  for (const now of after.children) if (!before.children.some((c) => c.text === now.text)) out.push(...all(now, '+', depth));
  return out;
}

/** Statements of `file` the running config lacks, under their parents (`show archive config incremental-diffs`). */
function incremental(running: ConfigNode, file: ConfigNode, depth = 0): string[] {
  const out: string[] = [];
  for (const node of file.children) {
    const have = running.children.find((c) => c.text.toLowerCase() === node.text.toLowerCase());
    if (!have) {
      out.push(...new ConfigTree({ text: '', children: [node] }).lines().map((l) => `${' '.repeat(depth)}${l}`));
      continue;
    }
    const inner = incremental(have, node, depth + 1);
    if (inner.length > 0) out.push(`${' '.repeat(depth)}${node.text}`, ...inner);
  }
  return out;
}

/**
 * The IOS configuration archive and file system, as NAPALM's ios driver uses them: files on
 * `flash:` (`dir`, `more`, `delete`, `copy running-config flash:x`, `copy flash:x running-config`),
 * `show archive config differences` and `incremental-diffs`, `configure replace <file> [force]
 * [revert trigger error] [time N]` with its rollback timer, `configure confirm`, and `show archive
 * config rollback timer`. Copies ask for the destination unless `file prompt quiet` is configured.
 * Files live on the device (shared by its sessions).
 */
export class CiscoConfigArchive {
  private readonly pending = new WeakMap<DeviceView, PendingReplace>();

  constructor(private readonly host: ArchiveHost) {}

  /** Answers the line when it is an archive or file command; undefined lets the profile handle it. */
  handle(line: string, ctx: CliContext): CommandReply | undefined {
    if (ctx.level !== 'privileged') return undefined;
    const text = line.trim().replace(/\s+/g, ' ');
    let m = /^dir (\S+)$/i.exec(text);
    if (m) return this.dir(m[1], ctx);
    if ((m = /^more (\S+)$/i.exec(text))) return this.more(m[1], ctx);
    if ((m = /^delete (?:\/force )?(\S+)$/i.exec(text))) return this.delete(m[1], ctx, !/\/force/i.test(text));
    if ((m = /^copy (running-config|startup-config|system:running-config|nvram:startup-config) (\S+)$/i.exec(text)) && flashPath(m[2])) return this.copyOut(m[1], m[2], ctx);
    if ((m = /^copy (\S+) (running-config|system:running-config)$/i.exec(text)) && flashPath(m[1])) return this.copyIn(m[1], ctx);
    if ((m = /^show archive config differences (?:(\S+) )?(\S+)$/i.exec(text))) return this.differences(m[1], m[2], ctx);
    if ((m = /^show archive config incremental-diffs (\S+)(?: ignorecase)?$/i.exec(text))) return this.incrementalDiffs(m[1], ctx);
    if (/^show archive config rollback timer$/i.test(text)) return this.timer(ctx);
    if ((m = /^configure replace (\S+)((?: \S+)*)$/i.exec(text))) return this.replace(m[1], m[2], ctx);
    if (/^configure confirm$/i.test(text)) return this.confirm(ctx);
    return undefined;
  }

  private quiet(ctx: CliContext): boolean {
    return this.host.style === 'eos' || ctx.device.running.root.children.some((n) => n.text === 'file prompt quiet');
  }

  /** Runs `act` at once with `file prompt quiet`, else after the destination question (any answer but a new name keeps it). */
  private confirmDestination(name: string, ctx: CliContext, act: (c: CliContext) => CommandReply): CommandReply {
    if (this.quiet(ctx)) return act(ctx);
    const question: Question = { answer: (_l, c) => act(c), echo: true, prompt: `Destination filename [${name}]? ` };
    return { question };
  }

  private file(path: string, ctx: CliContext): { name: string; text: string } | CommandReply {
    const name = flashPath(path);
    const text = name === undefined ? undefined : ctx.device.files.get(name);
    if (name === undefined || text === undefined) return { failed: true, output: `%Error opening ${path} (No such file or directory)\n` };
    return { name, text };
  }

  private dir(path: string, ctx: CliContext): CommandReply {
    const f = this.file(path, ctx);
    if (!('text' in f)) return f;
    const [fs, base] = f.name.split(':');
    const c = clockParts();
    const stamp = `${c.mon} ${c.dd} ${c.year} ${c.hms} +00:00`;
    return { output: `Directory of ${fs}:/${base}\n\n   33  -rw-  ${String(Buffer.byteLength(f.text)).padStart(9)}  ${stamp}  ${base}\n\n122185728 bytes total (83456000 bytes free)\n` };
  }

  private more(path: string, ctx: CliContext): CommandReply {
    const f = this.file(path, ctx);
    return 'text' in f ? { output: f.text.endsWith('\n') ? f.text : `${f.text}\n` } : f;
  }

  private delete(path: string, ctx: CliContext, ask: boolean): CommandReply {
    const f = this.file(path, ctx);
    if (!('text' in f)) return f;
    const remove = (c: CliContext): CommandReply => {
      c.device.files.delete(f.name);
      return {};
    };
    if (!ask) return remove(ctx);
    const base = f.name.split(':')[1];
    const confirm: Question = { answer: (l, c) => (/^(y|yes)?$/i.test(l.trim()) ? remove(c) : {}), echo: true, prompt: `Delete ${f.name.replace(':', ':/')}? [confirm]` };
    return { question: { answer: () => ({ question: confirm }), echo: true, prompt: `Delete filename [${base}]? ` } };
  }

  private copyOut(source: string, destination: string, ctx: CliContext): CommandReply {
    const name = flashPath(destination) as string;
    return this.confirmDestination(name.split(':')[1], ctx, (c) => {
      const tree = /startup/i.test(source) ? c.device.startup : c.device.running;
      const text = this.host.renderConfig(tree, c.device);
      c.device.files.set(name, text);
      if (this.host.style === 'eos') return { output: 'Copy completed successfully.\n' };
      return { output: `${Buffer.byteLength(text)} bytes copied in 0.129 secs (${Math.round(Buffer.byteLength(text) / 0.129)} bytes/sec)\n` };
    });
  }

  private copyIn(source: string, ctx: CliContext): CommandReply {
    const f = this.file(source, ctx);
    if (!('text' in f)) return f;
    return this.confirmDestination('running-config', ctx, (c) => {
      const errors: string[] = [];
      const saved = { level: c.level, sections: c.sections, candidate: c.candidate };
      c.level = 'config';
      c.sections = [];
      c.candidate = undefined;
      try {
        for (const line of fileLines(f.text)) if (!this.host.applyLine(line.trim(), c)) errors.push(`${line.trim()}\n ^\n% Invalid input detected at '^' marker.\n`);
      } finally {
        c.level = saved.level;
        c.sections = saved.sections;
        c.candidate = saved.candidate;
      }
      const bytes = Buffer.byteLength(f.text);
      return { output: `${errors.join('')}${bytes} bytes copied in 0.211 secs (${Math.round(bytes / 0.211)} bytes/sec)\n` };
    });
  }

  private differences(first: string | undefined, second: string, ctx: CliContext): CommandReply {
    const tree = (path: string): ConfigTree | CommandReply => {
      if (/^(system:)?running-config$/i.test(path)) return ctx.device.running;
      if (/^(nvram:)?startup-config$/i.test(path)) return ctx.device.startup;
      const f = this.file(path, ctx);
      return 'text' in f ? configFileTree(f.text) : f;
    };
    const before = first === undefined ? ctx.device.running : tree(first);
    const after = tree(second);
    if (!(before instanceof ConfigTree)) return before;
    if (!(after instanceof ConfigTree)) return after;
    const lines = contextualDiff(before.root, after.root);
    return { output: `\n!Contextual Config Diffs:\n${lines.length === 0 ? '!No changes were found\n' : `${lines.join('\n')}\n`}\n` };
  }

  private incrementalDiffs(path: string, ctx: CliContext): CommandReply {
    const f = this.file(path, ctx);
    if (!('text' in f)) return f;
    const lines = incremental(ctx.device.running.root, configFileTree(f.text).root);
    return { output: `!List of Commands:\n${lines.length === 0 ? 'end\n!No changes were found\n' : `${lines.join('\n')}\nend\n`}` };
  }

  private timer(ctx: CliContext): CommandReply {
    const p = this.pending.get(ctx.device);
    if (!p) return { output: '%No Rollback Confirmed Change pending\n' };
    const c = clockParts(p.configuredAt);
    return { output: `Time configured(or reset): ${c.hms} UTC ${c.day} ${c.mon} ${c.dd} ${c.year}\nTimer type: rollback timer\nTimer value: ${p.minutes} min\nUser: ${p.user}\n` };
  }

  private confirm(ctx: CliContext): CommandReply {
    const p = this.pending.get(ctx.device);
    if (!p) return { output: '%No Rollback Confirmed Change pending\n' };
    p.cancel();
    this.pending.delete(ctx.device);
    return {};
  }

  private replace(path: string, options: string, ctx: CliContext): CommandReply {
    const f = this.file(path, ctx);
    if (!('text' in f)) return f;
    const opts = options.trim().toLowerCase();
    const time = /(?:^| )time (\d+)$/.exec(opts);
    const minutes = time ? Number(time[1]) : undefined;
    if (minutes !== undefined && (minutes < 1 || minutes > 120)) return { failed: true, output: '% Invalid input detected at \'^\' marker.\n' };
    const run = (c: CliContext): CommandReply => {
      const target = configFileTree(f.text);
      const bad = target.root.children.find((n) => {
        const word = n.text.split(' ')[0].toLowerCase();
        const body = word === 'no' ? (n.text.split(' ')[1] ?? '').toLowerCase() : word;
        return !this.host.globalKeywords.some((k) => k === body || (body.length > 0 && k.startsWith(body)));
      });
      if (bad) {
        const restored = /revert trigger/.test(opts) ? '\nThe original configuration has been successfully restored.\n' : '\n';
        return { failed: true, output: `Total number of passes: 0\n%Error: invalid configuration in ${f.name} at '${bad.text}'${restored}` };
      }
      const previous = c.device.running.clone();
      // A new replace settles any pending timer: its config is the new base.
      this.pending.get(c.device)?.cancel();
      this.pending.delete(c.device);
      c.device.running = target;
      c.device.recordConfigLine();
      if (minutes !== undefined) {
        const device = c.device;
        const cancel = device.schedule(minutes * 60, () => {
          if (this.pending.get(device)?.cancel !== cancel) return;
          this.pending.delete(device);
          device.running = previous;
        });
        this.pending.set(device, { cancel, configuredAt: new Date(), minutes, previous, user: c.username });
      }
      return { output: this.host.style === 'eos' ? '' : 'Total number of passes: 1\nRollback Done\n\n' };
    };
    if (/(^| )force( |$)/.test(opts) || this.host.style === 'eos') return run(ctx);
    const question: Question = {
      answer: (l, c) => (/^(y|yes)$/i.test(l.trim()) ? run(c) : { output: '' }),
      echo: true,
      prompt:
        'This will apply all necessary additions and deletions\nto replace the current running configuration with the\ncontents of the specified configuration file, which is\nassumed to be a complete configuration, not a partial\nconfiguration. Enter Y if you are sure you want to proceed. ? [no]: ',
    };
    return { question };
  }
}
