import { DEV_SECRET_KEY_FILE, appConfig, readOrCreateKeyFile } from '@netpulse/config';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { humanLine } from './line-format';
import { ensureLocalRedis } from './redis-probe';
import { Supervisor } from './supervisor';
import { workspaceRoot } from './workspace-root';

/**
 * `npm start`: the whole system on this machine — a local Redis when none answers, then the
 * controller (`launcher.controllers` processes on the one API port), one FIFO worker and two node
 * workers, each its own process.
 */
async function main(): Promise<void> {
  const root = workspaceRoot();
  const stateDir = join(root, '.netpulse');
  mkdirSync(stateDir, { recursive: true });
  const say = (m: string): void => void process.stdout.write(`[netpulse] ${m}\n`);
  const config = appConfig();

  const redisHost = config.redis.host === 'localhost' ? '127.0.0.1' : config.redis.host;
  if (!config.redis.sentinel.enabled) {
    const how = await ensureLocalRedis(redisHost, config.redis.port, stateDir, say);
    say(how === 'existing' ? `using Redis at ${redisHost}:${config.redis.port}` : `started a local Redis on 127.0.0.1:${config.redis.port}`);
  }

  let apiKey = config.server.api_key;
  if (!apiKey) {
    const keyFile = join(stateDir, 'api-key');
    if (existsSync(keyFile)) {
      apiKey = readFileSync(keyFile, 'utf8').trim();
      say(`API key: read from ${keyFile}`);
    } else {
      apiKey = randomBytes(24).toString('base64url');
      writeFileSync(keyFile, apiKey, { mode: 0o600 });
      say(`no server.api_key set: generated one (kept in ${keyFile}):\n\n    ${apiKey}\n`);
    }
  }

  // The key that encrypts queued secrets: shared by every app, never stored in Redis.
  const secretEnv: NodeJS.ProcessEnv = {};
  if (!config.security.secret_key) {
    const keyFile = join(root, DEV_SECRET_KEY_FILE);
    if ((await readOrCreateKeyFile(keyFile)).created) say(`no security.secret_key set: generated one (kept in ${keyFile})`);
    secretEnv.NETPULSE_SECURITY__SECRET_KEY_FILE = keyFile;
  }

  const base: NodeJS.ProcessEnv = { ...process.env, ...secretEnv, NETPULSE_SERVER__API_KEY: apiKey };
  const sup = new Supervisor(say);
  const print = (label: string, line: string): void => void process.stdout.write(`${label.padEnd(13)} | ${humanLine(line)}\n`);
  const host = hostname();
  sup.add({ role: 'controller', label: 'controller', root, env: base, onLine: print });
  sup.add({ role: 'fifo-worker', label: 'fifo-worker', root, env: { ...base, NETPULSE_METRICS__PORT: String(config.server.port + 101) }, onLine: print });
  for (const n of [1, 2]) {
    sup.add({
      role: 'node-worker',
      label: `node-worker-${n}`,
      root,
      env: { ...base, NETPULSE_WORKER__NODE_NAME: `${host}-node-${n}`, NETPULSE_METRICS__PORT: String(config.server.port + 110 + n) },
      onLine: print,
    });
  }
  const controllers = config.launcher.controllers;
  say(`REST API on http://${config.server.host === '0.0.0.0' ? '127.0.0.1' : config.server.host}:${config.server.port}${controllers > 1 ? ` served by ${controllers} controller processes (launcher.controllers)` : ''} (Ctrl-C stops everything)`);

  let stopping = false;
  const stop = (sig: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    say(`${sig}: stopping all processes (they finish the jobs in hand)`);
    void sup.stopAll('SIGTERM').then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`[netpulse] could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
