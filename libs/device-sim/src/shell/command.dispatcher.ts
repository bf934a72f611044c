import { CommandArgs, CommandMatch, CommandTree } from './command.tree';
import { OutputFilter } from './output.filter';
import type { CliContext, CliLevel, CommandReply } from './shell.types';

/** Runs one matched command; `pipes` are the modifiers typed after `|`. */
export type CommandRun = (args: CommandArgs, ctx: CliContext, pipes: readonly string[]) => CommandReply;

/** The platform's wording for input it cannot take (`% Invalid input detected at '^' marker.`). */
export interface CliErrors {
  ambiguous(token: string, offset: number, ctx: CliContext): string;
  incomplete(ctx: CliContext): string;
  invalid(offset: number, ctx: CliContext): string;
}

interface CommandSpec {
  readonly levels: readonly CliLevel[];
  /** Pipes the command interprets itself (Junos `| display set`); the rest are generic filters. */
  readonly ownPipes?: RegExp;
  readonly run: CommandRun;
}

/** Which levels offer a command. */
export const ANY_EXEC: readonly CliLevel[] = ['user', 'privileged'];
export const PRIVILEGED: readonly CliLevel[] = ['privileged'];

/**
 * A profile's command table for one CLI: patterns per level, platform error texts, and the generic
 * `|` filters applied to every output. Profiles register commands; matching, abbreviation and error
 * reporting live here once.
 */
export class CommandDispatcher {
  private readonly tree = new CommandTree<CommandSpec>();

  constructor(private readonly errors: CliErrors) {}

  add(levels: readonly CliLevel[], patterns: string | readonly string[], run: CommandRun, ownPipes?: RegExp): this {
    for (const pattern of typeof patterns === 'string' ? [patterns] : patterns) this.tree.add(pattern, { levels, ownPipes, run });
    return this;
  }

  resolve(line: string, ctx: CliContext): CommandMatch<CommandSpec> {
    return this.tree.match(line, (spec) => spec.levels.includes(ctx.level));
  }

  /** Resolves and runs `line`, or answers with the platform's error. */
  run(line: string, ctx: CliContext): CommandReply {
    return this.execute(this.resolve(line, ctx), ctx, line);
  }

  execute(match: CommandMatch<CommandSpec>, ctx: CliContext, line: string): CommandReply {
    switch (match.kind) {
      case 'empty':
        return {};
      case 'invalid':
        return { failed: true, output: this.errors.invalid(match.offset, ctx) };
      case 'ambiguous':
        return { failed: true, output: this.errors.ambiguous(match.token, match.offset, ctx) };
      case 'incomplete':
        return { failed: true, output: this.errors.incomplete(ctx) };
      case 'ok': {
        const reply = match.handler.run(match.args, ctx, match.pipes);
        const generic = match.pipes.filter((pipe) => !match.handler.ownPipes?.test(pipe));
        if (generic.length === 0 || reply.output === undefined) return reply;
        const filtered = OutputFilter.apply(reply.output, generic);
        if (typeof filtered === 'string') return { ...reply, output: filtered };
        // Point the marker at the refused filter, as devices do.
        return { failed: true, output: this.errors.invalid(Math.max(0, line.lastIndexOf(filtered.pipe)), ctx) };
      }
    }
  }
}
