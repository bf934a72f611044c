import { ConfigTree } from '../../config/config.tree';
import type { CliContext, CommandReply, DeviceView } from '../../shell/shell.types';
import { renderStanzas } from './cisco-family.profile';

/**
 * EOS configuration sessions: `configure session <name>` edits a private copy of the running
 * config (`rollback clean-config` empties it, for a whole-config replace); `commit` applies it,
 * `abort` drops it, `end` leaves it pending for a later `configure session <name>` (exec: `...
 * commit` / `... abort`); `commit timer hh:mm:ss` applies it and rolls it back when the timer ends
 * unless the session is committed again (`abort` rolls back at once); `show session-config named
 * <name> diffs` prints a unified-style diff against the running config; `show configuration
 * sessions` lists pending sessions and running commit timers. Sessions are device-wide.
 */
export class EosConfigSessions {
  private readonly pending = new WeakMap<DeviceView, Map<string, ConfigTree>>();
  /** Sessions committed with `commit timer`: the config to return to, and the timer. */
  private readonly timed = new WeakMap<DeviceView, Map<string, { cancel: () => void; previous: ConfigTree }>>();
  private readonly active = new WeakMap<CliContext, string>();

  /** The session the shell is editing, if any. */
  activeName(ctx: CliContext): string | undefined {
    return ctx.level === 'config' ? this.active.get(ctx) : undefined;
  }

  /** Answers the line when it is a session command; undefined lets the profile handle it. */
  handle(line: string, ctx: CliContext): CommandReply | undefined {
    const text = line.trim();
    const name = this.activeName(ctx);
    if (name !== undefined && ctx.sections.length === 0) {
      if (text === 'commit') return this.commit(name, ctx);
      const timer = /^commit timer (\d+):(\d\d):(\d\d)$/.exec(text);
      if (timer) return this.commitTimer(name, Number(timer[1]) * 3600 + Number(timer[2]) * 60 + Number(timer[3]), ctx);
      if (text === 'rollback clean-config') {
        // The session starts from an empty configuration: what follows is the whole config.
        ctx.candidate = new ConfigTree();
        this.sessionsOf(ctx.device).set(name, ctx.candidate);
        return {};
      }
      if (text === 'abort') return this.abort(name, ctx);
      if (text === 'end' || text === 'exit') return this.leave(name, ctx);
    }
    if (name !== undefined && text === 'end') return this.leave(name, ctx);
    if (ctx.level !== 'privileged') return undefined;
    let m = /^configure session (\S+) commit timer (\d+):(\d\d):(\d\d)$/.exec(text);
    if (m) return this.commitTimer(m[1], Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]), ctx);
    m = /^configure session (\S+)(?: (commit|abort))?$/.exec(text);
    if (m) {
      const [, session, action] = m;
      if (action === 'commit') return this.commit(session, ctx);
      if (action === 'abort') return this.abort(session, ctx);
      const sessions = this.sessionsOf(ctx.device);
      ctx.level = 'config';
      ctx.sections = [];
      ctx.candidate = sessions.get(session) ?? ctx.device.running.clone();
      sessions.set(session, ctx.candidate);
      this.active.set(ctx, session);
      return {};
    }
    m = /^show session-config named (\S+) diffs$/.exec(text);
    if (m) {
      const tree = this.sessionsOf(ctx.device).get(m[1]);
      if (!tree) return { failed: true, output: `% Session ${m[1]} does not exist\n` };
      return { output: diff(renderStanzas(ctx.device.running), renderStanzas(tree), m[1]) };
    }
    if (text === 'show configuration sessions' || text === 'show configuration sessions detail') {
      const rows = [
        ...[...this.sessionsOf(ctx.device).keys()].map((n) => `  ${n.padEnd(21)}pending\n`),
        ...[...this.timersOf(ctx.device).keys()].map((n) => `  ${n.padEnd(21)}pendingCommitTimer\n`),
      ];
      return { output: `Maximum number of completed sessions: 1\nMaximum number of pending sessions: 5\n\n  Name                 State                 User    Terminal\n  -------------------- --------------------- ------- --------\n${rows.join('')}` };
    }
    return undefined;
  }

  private sessionsOf(device: DeviceView): Map<string, ConfigTree> {
    let map = this.pending.get(device);
    if (!map) {
      map = new Map();
      this.pending.set(device, map);
    }
    return map;
  }

  private timersOf(device: DeviceView): Map<string, { cancel: () => void; previous: ConfigTree }> {
    let map = this.timed.get(device);
    if (!map) {
      map = new Map();
      this.timed.set(device, map);
    }
    return map;
  }

  /** `commit timer`: the session's config runs now and is rolled back when the timer ends unless committed again. */
  private commitTimer(name: string, seconds: number, ctx: CliContext): CommandReply {
    const tree = this.sessionsOf(ctx.device).get(name);
    if (!tree) return { failed: true, output: `% Session ${name} does not exist\n` };
    if (seconds < 1) return { failed: true, output: '% Invalid commit timer\n' };
    const device = ctx.device;
    const previous = device.running.clone();
    device.running = tree.clone();
    this.sessionsOf(device).delete(name);
    const timers = this.timersOf(device);
    const cancel = device.schedule(seconds, () => {
      if (timers.get(name)?.cancel !== cancel) return;
      timers.delete(name);
      device.running = previous;
    });
    timers.set(name, { cancel, previous });
    return this.exit(ctx);
  }

  private commit(name: string, ctx: CliContext): CommandReply {
    const timed = this.timersOf(ctx.device).get(name);
    if (timed) {
      // Committing a session whose commit timer runs confirms it.
      timed.cancel();
      this.timersOf(ctx.device).delete(name);
      return this.exit(ctx);
    }
    const tree = this.sessionsOf(ctx.device).get(name);
    if (!tree) return { failed: true, output: `% Session ${name} does not exist\n` };
    ctx.device.running = tree.clone();
    this.sessionsOf(ctx.device).delete(name);
    return this.exit(ctx);
  }

  private abort(name: string, ctx: CliContext): CommandReply {
    const timed = this.timersOf(ctx.device).get(name);
    if (timed) {
      // Aborting a session whose commit timer runs rolls it back now.
      timed.cancel();
      this.timersOf(ctx.device).delete(name);
      ctx.device.running = timed.previous;
    }
    this.sessionsOf(ctx.device).delete(name);
    return this.exit(ctx);
  }

  private leave(name: string, ctx: CliContext): CommandReply {
    if (ctx.candidate) this.sessionsOf(ctx.device).set(name, ctx.candidate);
    return this.exit(ctx);
  }

  private exit(ctx: CliContext): CommandReply {
    this.active.delete(ctx);
    ctx.level = 'privileged';
    ctx.sections = [];
    ctx.candidate = undefined;
    return {};
  }
}

/** Lines only in `before` as `-`, only in `after` as `+`, in order (longest common subsequence). */
function diff(before: string, after: string, name: string): string {
  const a = before.split('\n').filter((l) => l !== '');
  const b = after.split('\n').filter((l) => l !== '');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < a.length && (j >= b.length || lcs[i + 1][j] >= lcs[i][j + 1])) out.push(`-${a[i++]}`);
    else out.push(`+${b[j++]}`);
  }
  if (out.length === 0) return '';
  return `--- system:/running-config\n+++ session:/${name}-session-config\n${out.join('\n')}\n`;
}
