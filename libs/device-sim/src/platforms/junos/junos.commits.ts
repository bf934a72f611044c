import { ConfigNode, ConfigTree } from '../../config/config.tree';
import type { CliContext, CommandReply, DeviceView } from '../../shell/shell.types';
import { clockParts } from '../common/device.facts';

/** One committed configuration (`rollback 0` is the newest). */
interface Commit {
  readonly at: Date;
  readonly client: string;
  readonly comment: string;
  readonly config: ConfigTree;
  /** `commit confirmed` minutes while its timer runs. */
  confirmMinutes?: number;
  readonly user: string;
}

interface DeviceCommits {
  history: Commit[];
  pending?: { cancel: () => void; minutes: number };
}

const MAX_ROLLBACKS = 50;

/** `show | compare`: changes grouped under `[edit <parent>]`, `+`/`-` with Junos' indentation, subtrees in curly form. */
export function junosCompare(before: ConfigNode, after: ConfigNode, path: readonly string[] = []): string[] {
  const block = (node: ConfigNode, sign: string, depth: number): string[] => {
    const pad = `${sign}${' '.repeat(depth * 4 - 1)}`;
    if (node.children.length === 0) return [`${pad}${node.text};`];
    return [`${pad}${node.text} {`, ...node.children.flatMap((c) => block(c, sign, depth + 1)), `${pad}}`];
  };
  const here: string[] = [];
  const deeper: string[] = [];
  for (const old of before.children) {
    const now = after.children.find((c) => c.text === old.text);
    if (!now) here.push(...block(old, '-', 1));
    else if (old.children.length > 0 || now.children.length > 0) deeper.push(...junosCompare(old, now, [...path, old.text]));
  }
  for (const now of after.children) if (!before.children.some((c) => c.text === now.text)) here.push(...block(now, '+', 1));
  return [...(here.length > 0 ? [`[edit${path.length > 0 ? ` ${path.join(' ')}` : ''}]`, ...here] : []), ...deeper];
}

/**
 * Junos commits on one device: the rollback history (`rollback 0`..`49`, `show system commit`),
 * `commit [confirmed [N]] [comment "..."]` with the confirmed commit's timer (a later commit
 * confirms it; when it runs out the device goes back to `rollback 1`), and `rollback N` into the
 * candidate.
 */
export class JunosCommits {
  private readonly devices = new WeakMap<DeviceView, DeviceCommits>();

  private of(device: DeviceView): DeviceCommits {
    let d = this.devices.get(device);
    if (!d) {
      d = { history: [{ at: device.bootedAt, client: 'cli', comment: '', config: device.running.clone(), user: 'root' }] };
      this.devices.set(device, d);
    }
    return d;
  }

  /** `commit ...` in configuration mode: `args` is what follows `commit`. */
  commit(args: string, ctx: CliContext): CommandReply {
    const m = /^(?:(confirmed)(?:\s+(\d+))?)?\s*(?:comment\s+"((?:[^"\\]|\\.)*)"|comment\s+(\S+))?\s*(and-quit)?$/.exec(args.trim());
    if (!m) return { failed: true, output: `syntax error, expecting <command>.\n` };
    const [, confirmed, minutesText, quoted, bare, quit] = m;
    const minutes = confirmed ? Number(minutesText ?? 10) : undefined;
    if (minutes !== undefined && (minutes < 1 || minutes > 65535)) return { failed: true, output: 'error: value is not within range (1..65535)\n' };
    const d = this.of(ctx.device);
    const device = ctx.device;
    const comment = (quoted ?? bare ?? '').replace(/\\(.)/g, '$1');
    // Any commit confirms a commit-confirmed whose timer runs.
    d.pending?.cancel();
    d.pending = undefined;
    if (d.history[0]) d.history[0].confirmMinutes = undefined;
    const config = (ctx.candidate ?? device.running).clone();
    device.running = config.clone();
    device.startup = config.clone();
    device.recordSave();
    d.history.unshift({ at: new Date(), client: 'cli', comment, config, confirmMinutes: minutes, user: ctx.username });
    d.history.length = Math.min(d.history.length, MAX_ROLLBACKS);
    const lines: string[] = [];
    if (minutes !== undefined) {
      const cancel = device.schedule(minutes * 60, () => {
        if (d.pending?.cancel !== cancel) return;
        d.pending = undefined;
        const previous = d.history[1]?.config ?? config;
        device.running = previous.clone();
        device.startup = previous.clone();
        if (d.history[0]) d.history[0].confirmMinutes = undefined;
        d.history.unshift({ at: new Date(), client: 'other', comment: 'automatic rollback of a commit confirmed', config: previous.clone(), user: 'root' });
        d.history.length = Math.min(d.history.length, MAX_ROLLBACKS);
      });
      d.pending = { cancel, minutes };
      lines.push(`commit confirmed will be automatically rolled back in ${minutes} minutes unless confirmed`);
    }
    lines.push('commit complete');
    if (quit) {
      ctx.level = 'user';
      ctx.sections = [];
      ctx.candidate = undefined;
      lines.push('Exiting configuration mode');
    } else {
      ctx.candidate = device.running.clone();
    }
    return { output: `${lines.join('\n')}\n` };
  }

  /** `rollback [N]`: the candidate becomes committed configuration N. */
  rollback(n: number, ctx: CliContext): CommandReply {
    const entry = this.of(ctx.device).history[n];
    if (!entry) return { failed: true, output: 'error: Requested rollback configuration does not exist\n' };
    ctx.candidate = entry.config.clone();
    return { output: 'load complete\n' };
  }

  /** `show system commit`. */
  show(device: DeviceView): string {
    const d = this.of(device);
    const rows = d.history.flatMap((c, i) => {
      const t = clockParts(c.at);
      const stamp = `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.dd).padStart(2, '0')} ${t.hms} UTC`;
      const confirm = c.confirmMinutes !== undefined && i === 0 && d.pending ? ` commit confirmed, rollback in ${c.confirmMinutes}mins` : '';
      return [`${String(i).padEnd(4)}${stamp} by ${c.user} via ${c.client}${confirm}`, ...(c.comment ? [`    ${c.comment}`] : [])];
    });
    return `${rows.join('\n')}\n`;
  }
}
