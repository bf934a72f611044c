import type { AppConfigValue } from '@netpulse/config';
import cluster, { Worker } from 'node:cluster';

/** A worker that dies sooner than this after its start is not restarted in a loop more than RESTART_LIMIT times. */
const EARLY_EXIT_MS = 10_000;
const RESTART_LIMIT = 5;

/**
 * `launcher.controllers` > 1: this process becomes the primary of a Node cluster and forks that many
 * controller workers, which share the API port (the primary accepts connections and hands them out
 * in turn). A worker that dies is replaced; SIGTERM/SIGINT stop every worker (each drains) and then
 * the primary. Returns false when this process should run a controller itself.
 */
export function runControllerCluster(config: AppConfigValue, log: (msg: string) => void): boolean {
  const count = config.launcher.controllers;
  if (count <= 1 || !cluster.isPrimary) return false;
  let stopping = false;
  let earlyExits = 0;
  const started = new Map<number, number>();
  const fork = (): Worker => {
    const w = cluster.fork();
    started.set(w.id, Date.now());
    return w;
  };
  cluster.on('exit', (worker, code, signal) => {
    const early = Date.now() - (started.get(worker.id) ?? 0) < EARLY_EXIT_MS;
    started.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log(`controller worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
    if (early && ++earlyExits > RESTART_LIMIT) {
      log('controller workers keep failing at start; stopping');
      process.exit(1);
    }
    fork();
  });
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      if (workers.length === 0) process.exit(0);
      for (const w of workers) w.process.kill('SIGTERM');
    });
  }
  for (let i = 0; i < count; i++) fork();
  log(`controller cluster: ${count} workers on port ${config.server.port}`);
  return true;
}
