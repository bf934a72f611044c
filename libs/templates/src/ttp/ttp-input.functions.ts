import type { TtpCall } from './ttp-attributes.parser';
import { pyStr } from './ttp-python.values';
import { TtpError } from './ttp.error';

const PROMPT = /^\S+?[#>]\s*(.*?)\s*$/;

/** Input function `extract_commands("cmd1, cmd2")`: keeps only the output of the named commands. */
function extractCommands(text: string, commands: string[]): string {
  const wanted = new Set(commands.map((c) => c.trim()));
  const out: string[] = [];
  let keep = false;
  for (const line of text.split('\n')) {
    const prompt = PROMPT.exec(line);
    if (prompt && /[#>]/.test(line) && !line.startsWith(' ')) keep = wanted.has(prompt[1]);
    if (keep) out.push(line);
  }
  return `\n${out.join('\n')}\n\n`;
}

/** Runs an input's functions over its text before parsing. */
export function runInputFunctions(text: string, functions: readonly TtpCall[]): string {
  let out = text;
  for (const fn of functions) {
    if (fn.name === 'extract_commands') out = extractCommands(out, fn.args.flatMap((a) => pyStr(a).split(',')));
    else throw new TtpError(`unsupported input function ${JSON.stringify(fn.name)} (supported: extract_commands)`);
  }
  return out;
}
