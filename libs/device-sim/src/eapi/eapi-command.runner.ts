import type { DeviceState } from '../device/device.state';
import type { CliContext, CommandReply } from '../shell/shell.types';
import { EapiJsonViews } from './eapi-json.views';

/** One entry of `params.cmds`: a command, or a command with the answer to its question (`enable` password). */
export type EapiCommand = string | { readonly cmd: string; readonly input?: string };

export type EapiFormat = 'json' | 'text';

/** What a `runCmds` call yields: one result per command, or the eAPI error object. */
export type EapiOutcome =
  | { readonly kind: 'result'; readonly result: unknown[] }
  | { readonly kind: 'error'; readonly error: { readonly code: number; readonly message: string; readonly data: unknown[] } };

/** eAPI error codes the simulator answers with (EOS's). */
export const EAPI_ERROR = { invalidCommand: 1002, unconvertedCommand: 1003 } as const;

/**
 * Runs one `runCmds` request through the same platform profile as the SSH CLI, so configuration
 * changes land in the same running-config. Like EOS, every request is a fresh CLI session that
 * starts unprivileged, runs the commands in order and stops at the first failure.
 */
export class EapiCommandRunner {
  private readonly views = new EapiJsonViews();

  constructor(private readonly device: DeviceState) {}

  run(cmds: readonly EapiCommand[], format: EapiFormat, username: string): EapiOutcome {
    const profile = this.device.profile;
    const ctx: CliContext = { candidate: undefined, device: this.device, interactive: false, level: profile.loginLevel, promptWidth: 0, sections: [], terminalLength: 0, username };
    const result: unknown[] = [];
    for (const [i, entry] of cmds.entries()) {
      const { cmd, input } = typeof entry === 'string' ? { cmd: entry, input: undefined } : entry;
      const command = cmd.trim();
      const fail = (code: number, reason: string, errors: string[], output?: string): EapiOutcome => ({
        kind: 'error',
        error: {
          code,
          data: [...result, format === 'text' ? { errors, output: output ?? '' } : { errors }],
          message: `CLI command ${i + 1} of ${cmds.length} '${command}' failed: ${reason}`,
        },
      });
      if (command !== '') this.device.counters.recordCommand(command);
      const reply = this.answer(profile.handle(command, ctx), command, input, ctx);
      const text = `${reply.stream ? reply.stream.read(0, reply.stream.size) : ''}${reply.output ?? ''}`;
      if (reply.failed) return fail(EAPI_ERROR.invalidCommand, 'invalid command', errorLines(text), text);
      if (format === 'text') {
        result.push({ output: text });
        continue;
      }
      const view = this.views.render(command, text, ctx);
      if (view) result.push(view);
      else if (text.trim() === '') result.push({});
      else if (/^sh(o|ow)?\s/i.test(command)) return fail(EAPI_ERROR.unconvertedCommand, 'unconverted command', ['This is an unconverted command'], text);
      else result.push({ messages: [text] });
    }
    return { kind: 'result', result };
  }

  /**
   * A question (`enable`'s password) is answered with the command's `input`. Without one, `enable`
   * still succeeds: eAPI users are privilege-15 accounts, which EOS lets into enable mode.
   */
  private answer(reply: CommandReply, command: string, input: string | undefined, ctx: CliContext): CommandReply {
    if (!reply.question) return reply;
    if (input !== undefined) {
      const next = reply.question.answer(input.replace(/\r?\n$/, ''), ctx);
      return next.question ? { failed: true, output: '% Bad secret\n' } : next;
    }
    if (/^en(a|ab|abl|able)?$/i.test(command)) {
      ctx.level = 'privileged';
      return {};
    }
    return { failed: true, output: '% This command needs input\n' };
  }
}

/** `% Invalid input\n` → `Invalid input`, one entry per message line. */
function errorLines(text: string): string[] {
  const lines = text
    .split('\n')
    .map((line) => line.replace(/^%\s*/, '').trim())
    .filter((line) => line !== '' && line !== '^');
  return lines.length > 0 ? lines : ['Invalid input'];
}
