import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { delimiter, resolve } from 'node:path';
import { prepare } from './test-env';
import { SHARED_SESSION_VAR, startTestSession } from './test-session';

const USAGE = `usage: test-env.cli.js prepare             install what the tests need (idempotent)
       test-env.cli.js run -- <command...>  start one test session (Redis namespace, sshd, FRR), run the
                                            command with it in its environment, stop the session`;

/** Runs `argv` with the session's variables; stops the session however the command ends. */
async function runWithSession(argv: string[]): Promise<number> {
  if (argv.length === 0) throw new Error(USAGE);
  process.stderr.write('[test-env] starting the test session (Redis namespace, sshd, FRR)\n');
  const session = await startTestSession();
  // The workspace's own tools (nx, jest) as under `npm run`, also when called directly.
  const PATH = [resolve('node_modules/.bin'), process.env.PATH ?? ''].join(delimiter);
  const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit', env: { ...process.env, ...session.vars, PATH, [SHARED_SESSION_VAR]: '1' } });
  // Ctrl-C reaches the child through the terminal's process group; the wrapper stays to clean up.
  const forward = (sig: NodeJS.Signals): void => {
    child.kill(sig);
  };
  process.on('SIGINT', forward).on('SIGTERM', forward);
  const code = await new Promise<number>((resolve) => {
    child.once('error', (err) => {
      process.stderr.write(`[test-env] could not run ${argv[0]}: ${err.message}\n`);
      resolve(127);
    });
    child.once('exit', (c, sig) => resolve(c ?? 128 + (sig ? (constants.signals[sig] ?? 15) : 0)));
  });
  await session.stop();
  process.stderr.write('[test-env] test session stopped\n');
  return code;
}

// `node dist/tools/testing/src/env/test-env.cli.js prepare|run -- <command>`.
async function main(): Promise<number> {
  const [cmd = 'prepare', ...rest] = process.argv.slice(2);
  if (cmd === 'prepare') {
    const { redisHost, redisPort } = await prepare();
    process.stdout.write(`test environment ready: Redis ${redisHost}:${redisPort}, OpenSSH server, FRRouting and test users installed\n`);
    return 0;
  }
  if (cmd === 'run') return runWithSession(rest[0] === '--' ? rest.slice(1) : rest);
  throw new Error(`unknown command ${cmd}\n${USAGE}`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
