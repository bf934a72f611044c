import type { ConfigContext, NapalmConfigFlow, NapalmConfigSupport, NapalmConfigTarget } from '../getters/napalm-getter.types';

/** The `[edit ...]` banner Junos prints before each configuration-mode prompt. */
function withoutBanner(text: string): string {
  return text.replace(/\n*\[edit[^\]\n]*\]\s*$/, '').replace(/\n+$/, '');
}

/** A commit comment in CLI quotes. */
function quoted(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

async function enter(t: NapalmConfigTarget, ctx: ConfigContext): Promise<void> {
  const out = await t.interact('configure exclusive', ctx, { anyPrompt: true });
  if (/error:/i.test(out)) throw new Error(`configure exclusive failed: ${out.trim()}`);
}

async function leave(t: NapalmConfigTarget, ctx: ConfigContext): Promise<void> {
  await t.interact('exit configuration-mode', ctx, { anyPrompt: true, confirmations: [{ pattern: /Exit with uncommitted changes\? \[yes,no\] \(yes\)\s*$/, answer: 'yes' }] });
}

async function commitAndQuit(t: NapalmConfigTarget, args: string, ctx: ConfigContext): Promise<void> {
  const out = await t.interact(`commit${args} and-quit`, ctx, { anyPrompt: true, timeoutS: 300 });
  if (!/commit complete/.test(out)) {
    await leave(t, ctx).catch(() => undefined);
    throw new Error(out.trim().split('\n').filter(Boolean).slice(-2).join(' ') || 'the device did not complete the commit');
  }
}

async function pending(t: NapalmConfigTarget, ctx: ConfigContext): Promise<boolean> {
  const first = (await t.text('show system commit', ctx)).split('\n').find((l) => /^\d+\s/.test(l)) ?? '';
  return /commit confirmed, rollback in/.test(first);
}

/**
 * Junos configuration over the CLI, as NAPALM's junos driver does it over NETCONF: `configure
 * exclusive` (the candidate locked), the lines as `set`/`delete` statements (after a bare `delete`
 * of everything for a replace), `show | compare` for the diff, `commit [confirmed <minutes>]
 * [comment "<message>"] and-quit` or `rollback 0` and leaving to discard. `rollback` loads `rollback
 * 1` and commits; `confirm_commit` commits again while a `commit confirmed` timer runs
 * (`show system commit` tells).
 */
export function junosConfigFlow(): NapalmConfigFlow {
  return {
    async load(t, lines, replace, ctx) {
      const statements = lines.flatMap((l) => l.split('\n')).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
      const curly = statements.find((l) => /[{};]$/.test(l));
      if (curly !== undefined) return { refused: `'${curly}': junos configuration is taken as set-style statements (set ..., delete ...); curly-brace text is not supported by this server` };
      await enter(t, ctx);
      if (replace) await t.interact('delete', ctx, { confirmations: [{ pattern: /Delete everything under this level\? \[yes,no\] \(no\)\s*$/, answer: 'yes' }] });
      for (const line of statements) {
        if (ctx.signal.aborted) break;
        const out = withoutBanner(await t.interact(line, ctx, { anyPrompt: true }));
        if (t.configErrorPattern.test(out)) {
          await t.interact('rollback 0', ctx).catch(() => undefined);
          await leave(t, ctx).catch(() => undefined);
          return { refused: `'${line}': ${out.trim().split('\n').filter(Boolean).pop() ?? out.trim()}` };
        }
      }
      return {};
    },
    async compare(t, ctx) {
      return withoutBanner(await t.interact('show | compare', ctx, { anyPrompt: true }));
    },
    async commit(t, opts, ctx) {
      const confirmed = opts.revertIn !== undefined ? ` confirmed ${Math.ceil(opts.revertIn / 60)}` : '';
      const comment = opts.message !== undefined ? ` comment ${quoted(opts.message)}` : '';
      await commitAndQuit(t, `${confirmed}${comment}`, ctx);
    },
    async discard(t, ctx) {
      await t.interact('rollback 0', ctx, { anyPrompt: true });
      await leave(t, ctx);
    },
    async rollback(t, ctx) {
      await enter(t, ctx);
      const out = await t.interact('rollback 1', ctx, { anyPrompt: true });
      if (!/load complete/.test(out)) {
        await leave(t, ctx).catch(() => undefined);
        throw new Error(`rollback 1 failed: ${withoutBanner(out).trim()}`);
      }
      await commitAndQuit(t, '', ctx);
    },
    async confirmCommit(t, ctx) {
      if (!(await pending(t, ctx))) throw new Error('there is no pending commit to confirm (no commit confirmed timer runs)');
      await enter(t, ctx);
      await commitAndQuit(t, '', ctx);
    },
    hasPendingCommit: pending,
  };
}

export const JUNOS_CONFIG: NapalmConfigSupport = { flow: () => junosConfigFlow(), commitMessage: true, revertStep: 60, revertMax: 65535 * 60 };
