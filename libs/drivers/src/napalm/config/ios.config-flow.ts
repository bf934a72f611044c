import type { ConfigContext, NapalmConfigFlow, NapalmConfigSupport, NapalmConfigTarget } from '../getters/napalm-getter.types';

/** File names on `flash:` as NAPALM's ios driver names them. */
const CANDIDATE = 'flash:candidate_config.txt';
const MERGE = 'flash:merge_config.txt';
const ROLLBACK = 'flash:rollback_config.txt';
/** `copy` asks for the destination file name; RETURN takes the one offered. */
const DESTINATION = [{ pattern: /Destination filename \[[^\]]*\]\?\s*$/, answer: '' }];

/** NAPALM's merge diff: the commands the merge would type, `+` each (`-` for a `no ...` line). */
export function mergeDiff(text: string): string {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^!(List of Commands|No changes were found)/.test(l.trim()) && l.trim() !== 'end')
    .map((l) => (/^\s*no\s+/.test(l) ? `-${l}` : `+${l}`))
    .join('\n');
}

/** NAPALM's replace diff: the device's contextual diff without its banner lines. */
export function replaceDiff(text: string): string {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^!(Contextual Config Diffs|No changes were found)/.test(l.trim()))
    .join('\n');
}

async function save(t: NapalmConfigTarget, ctx: ConfigContext): Promise<void> {
  await t.interact('write memory', ctx, { timeoutS: 60, confirmations: DESTINATION });
}

async function removeFile(t: NapalmConfigTarget, path: string, ctx: ConfigContext): Promise<void> {
  await t.interact(`delete /force ${path}`, ctx).catch(() => undefined);
}

async function pending(t: NapalmConfigTarget, ctx: ConfigContext): Promise<boolean> {
  return /Timer value/i.test(await t.text('show archive config rollback timer', ctx));
}

/**
 * IOS configuration as NAPALM's ios driver does it: the candidate is a file on `flash:`
 * (`merge_config.txt` or `candidate_config.txt`) copied over SCP (`ip scp server enable` must be
 * configured); the diff is `show archive config incremental-diffs` (merge) or `show archive config
 * differences system:running-config <file>` (replace); a commit first saves the running config to
 * `flash:rollback_config.txt`, then `copy <file> running-config` (merge; a refused line rolls back)
 * or `configure replace <file> force revert trigger error` (replace), then `write memory`. With
 * `revert_in` (replace only) the replace is `configure replace <file> force time <minutes>` and is
 * saved by `confirm_commit` (`configure confirm`). `rollback` is `configure replace
 * flash:rollback_config.txt force`. Staged files are deleted after commit or discard.
 */
export function iosConfigFlow(): NapalmConfigFlow {
  let file = MERGE;
  let replace = false;
  return {
    async load(t, lines, asReplace, ctx) {
      replace = asReplace;
      file = replace ? CANDIDATE : MERGE;
      const text = lines.flatMap((l) => l.split('\n')).join('\n');
      await t.upload(file, /\nend\s*$/.test(`\n${text}`) ? `${text}\n` : `${text}\nend\n`, ctx);
      return {};
    },
    async compare(t, ctx) {
      if (replace) return replaceDiff(await t.text(`show archive config differences system:running-config ${file}`, ctx));
      return mergeDiff(await t.text(`show archive config incremental-diffs ${file} ignorecase`, ctx));
    },
    async commit(t, opts, ctx) {
      await t.interact(`copy running-config ${ROLLBACK}`, ctx, { confirmations: DESTINATION });
      try {
        if (!replace) {
          const out = await t.interact(`copy ${file} running-config`, ctx, { timeoutS: 120, confirmations: DESTINATION });
          if (/Invalid input detected|% ?(Incomplete|Ambiguous)/.test(out)) {
            await t.interact(`configure replace ${ROLLBACK} force`, ctx, { timeoutS: 120 });
            const line = /^(.*)\n\s*\^/m.exec(out)?.[1]?.trim();
            throw new Error(`the device refused a line of the merge${line ? ` ('${line}')` : ''}; the configuration before the commit was restored`);
          }
        } else {
          const timer = opts.revertIn !== undefined ? ` time ${Math.ceil(opts.revertIn / 60)}` : ' revert trigger error';
          const out = await t.interact(`configure replace ${file} force${timer}`, ctx, { timeoutS: 300 });
          if (/original configuration has been successfully restored|%\s*Error|not a valid config file|failed/i.test(out)) throw new Error(`configure replace failed: ${out.trim().split('\n').slice(-2).join(' ')}`);
        }
        if (opts.revertIn === undefined) await save(t, ctx);
      } finally {
        await removeFile(t, file, ctx);
      }
    },
    async discard(t, ctx) {
      await removeFile(t, file, ctx);
    },
    async rollback(t, ctx) {
      const out = await t.interact(`configure replace ${ROLLBACK} force`, ctx, { timeoutS: 300 });
      if (/%\s*Error/i.test(out)) throw new Error(`there is no rollback point on the device (${ROLLBACK} is written by a commit through this driver): ${out.trim()}`);
      await save(t, ctx);
    },
    async confirmCommit(t, ctx) {
      if (!(await pending(t, ctx))) throw new Error('there is no pending commit to confirm (no configure replace rollback timer runs)');
      await t.interact('configure confirm', ctx);
      await save(t, ctx);
    },
    hasPendingCommit: pending,
  };
}

export const IOS_CONFIG: NapalmConfigSupport = {
  flow: () => iosConfigFlow(),
  commitMessage: false,
  revertStep: 60,
  revertMax: 7200,
  revertNeedsReplace:
    'commit-confirm on ios is `configure replace <file> time <minutes>`, which confirms a whole configuration: send driver_args.replace: true with the complete configuration, or leave out driver_args.revert_in',
};
