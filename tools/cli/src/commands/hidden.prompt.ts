import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CliError } from '../cli.context';

/** Reads a line from the terminal without echoing it (a password). */
export function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError('-p needs a terminal; use --password-env VAR in scripts');
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}
