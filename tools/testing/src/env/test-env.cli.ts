import { prepare } from './test-env';

// `node dist/tools/testing/src/env/test-env.cli.js prepare`: install and start what the tests need.
async function main(): Promise<void> {
  const cmd = process.argv[2] ?? 'prepare';
  if (cmd !== 'prepare') throw new Error(`unknown command ${cmd}; known: prepare`);
  const { redisHost, redisPort } = await prepare();
  process.stdout.write(`test environment ready: Redis ${redisHost}:${redisPort}, OpenSSH server, FRRouting and test users installed\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
