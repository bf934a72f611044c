import { randomBytes } from 'node:crypto';
import { stopFrrDevice } from './frr-device';
import { RedisCluster } from './redis-cluster';
import { deleteNamespace } from './redis-namespace';
import { startTestEnv, toProcessEnv } from './test-env';

/**
 * One test session: the environment every test of a run shares (a Redis namespace, a private sshd,
 * the FRR device and, with `NETPULSE_TEST_REDIS=cluster`, a private Redis Cluster), published to the
 * tests through `process.env`. Started by the jest global setup when jest runs alone, or once by
 * `test-env.cli.js run -- <command>` around a whole `nx run-many -t test` (every project's jest then
 * finds it in its environment and starts nothing of its own).
 */
export interface TestSession {
  /** The variables the tests read (`readTestEnv`), plus what `stop` needs. */
  vars: Record<string, string>;
  stop(): Promise<void>;
}

/** Set by `test-env.cli.js run`: the session in the environment belongs to the wrapper, not to this jest. */
export const SHARED_SESSION_VAR = 'NETPULSE_TEST_SESSION_SHARED';

export async function startTestSession(): Promise<TestSession> {
  const { env, sshdPid, frrPids, frrDir } = await startTestEnv();
  const vars: Record<string, string> = {
    ...toProcessEnv(env),
    // A key for anything a test runs in-process (apps spawned by TestSystem get their own): nothing
    // falls back to a generated development key file.
    NETPULSE_SECURITY__SECRET_KEY: process.env.NETPULSE_SECURITY__SECRET_KEY ?? `jest-${randomBytes(16).toString('hex')}`,
  };
  let cluster: RedisCluster | undefined;
  // `NETPULSE_TEST_REDIS=cluster`: every TestSystem of this run uses a private Redis Cluster (3 masters).
  if (process.env.NETPULSE_TEST_REDIS === 'cluster') {
    cluster = await RedisCluster.start();
    vars.NETPULSE_TEST_REDIS_CLUSTER = cluster.seeds.join(',');
  }
  return {
    vars,
    async stop(): Promise<void> {
      try {
        process.kill(sshdPid, 'SIGTERM');
      } catch {
        // already gone
      }
      stopFrrDevice(frrPids, frrDir);
      await cluster?.stop();
      await deleteNamespace(env.redisHost, env.redisPort, env.namespace);
    },
  };
}
