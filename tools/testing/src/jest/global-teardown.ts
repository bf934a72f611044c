import { stopFrrDevice } from '../env/frr-device';
import type { RedisCluster } from '../env/redis-cluster';
import { deleteNamespace } from '../env/redis-namespace';

export default async function globalTeardown(): Promise<void> {
  const pid = Number(process.env.NETPULSE_TEST_SSHD_PID ?? 0);
  if (pid > 0) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const frrPids = (process.env.NETPULSE_TEST_FRR_PIDS ?? '').split(',').filter(Boolean).map(Number);
  stopFrrDevice(frrPids, process.env.NETPULSE_TEST_FRR_DIR);
  await (globalThis as { netpulseRedisCluster?: RedisCluster }).netpulseRedisCluster?.stop();
  const ns = process.env.NETPULSE_TEST_NAMESPACE;
  if (ns) await deleteNamespace(process.env.NETPULSE_TEST_REDIS_HOST ?? '127.0.0.1', Number(process.env.NETPULSE_TEST_REDIS_PORT ?? 6379), ns);
}
