import type { ConfigContext, NapalmConfigFlow, NapalmConfigSupport, NapalmConfigTarget } from '../getters/napalm-getter.types';
import { candidateLines, hhmmss } from './candidate-lines';

/** Where the configuration before a commit is kept, as NAPALM's eos driver keeps it. */
const ROLLBACK_FILE = 'flash:rollback-0';

/** The session running a commit timer, from `show configuration sessions`. */
async function pendingSession(t: NapalmConfigTarget, ctx: ConfigContext): Promise<string | undefined> {
  const out = await t.text('show configuration sessions detail', ctx);
  return /^\s+(\S+)\s+pendingCommitTimer\b/m.exec(out)?.[1];
}

/**
 * EOS configuration through a configuration session named per job: `configure session <name>`
 * (after `rollback clean-config` for a replace) takes the lines, `show session-config named <name>
 * diffs` is the diff, `configure session <name> abort` discards. A commit first copies the running
 * config to `flash:rollback-0`, then `configure session <name> commit` and `write memory`; with
 * `revert_in` it is `commit timer hh:mm:ss` and nothing is saved until `confirm_commit` commits the
 * session again. `rollback` aborts a session whose timer runs, else replaces the running config with
 * `flash:rollback-0` and saves.
 */
export function eosConfigFlow(name: string): NapalmConfigFlow {
  return {
    async load(t, lines, replace, ctx) {
      const applied = await t.configLines([...(replace ? ['rollback clean-config'] : []), ...candidateLines(lines)], `configure session ${name}`, ctx);
      const refused = applied.find((r) => r.exit_status !== 0);
      if (!refused) return {};
      await t.text(`configure session ${name} abort`, ctx).catch(() => undefined);
      return { refused: `'${refused.command}': ${String(refused.stderr).replace(/^Device reported configuration error: /, '')}` };
    },
    async compare(t, ctx) {
      return (await t.text(`show session-config named ${name} diffs`, ctx)).replace(/\n+$/, '');
    },
    async commit(t, opts, ctx) {
      await t.text(`copy running-config ${ROLLBACK_FILE}`, ctx);
      if (opts.revertIn !== undefined) {
        await t.text(`configure session ${name} commit timer ${hhmmss(opts.revertIn)}`, ctx);
        return;
      }
      await t.text(`configure session ${name} commit`, ctx);
      await t.text('write memory', ctx);
    },
    async discard(t, ctx) {
      await t.text(`configure session ${name} abort`, ctx);
    },
    async rollback(t, ctx) {
      const pending = await pendingSession(t, ctx);
      if (pending) {
        await t.text(`configure session ${pending} abort`, ctx);
        return;
      }
      const out = await t.text(`configure replace ${ROLLBACK_FILE}`, ctx);
      if (/%\s*Error/i.test(out)) throw new Error(`there is no rollback point on the device (${ROLLBACK_FILE} is written by a commit through this driver): ${out.trim()}`);
      await t.text('write memory', ctx);
    },
    async confirmCommit(t, ctx) {
      const pending = await pendingSession(t, ctx);
      if (!pending) throw new Error('there is no pending commit to confirm (no configuration session runs a commit timer)');
      await t.text(`configure session ${pending} commit`, ctx);
      await t.text('write memory', ctx);
    },
    async hasPendingCommit(t, ctx) {
      return (await pendingSession(t, ctx)) !== undefined;
    },
  };
}

export const EOS_CONFIG: NapalmConfigSupport = { flow: eosConfigFlow, commitMessage: false, revertStep: 1, revertMax: 86399 };
