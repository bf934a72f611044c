import { DeviceFleet, startFleet } from '@netpulse/device-sim';
import type { FleetChildMessage, FleetParentMessage, FleetSpec } from './fleet.messages';

/**
 * The device simulator in a process of its own (forked by `SimFleetProcess`), so its CPU is
 * measured apart from the system and the load generator. Dies with its parent: a lost IPC channel
 * (the bench crashed or was killed) closes every device.
 */
const fleets: DeviceFleet[] = [];
let stopping = false;

function send(msg: FleetChildMessage): void {
  process.send?.(msg);
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(fleets.map((f) => f.stop().catch(() => undefined)));
  if (process.connected) send({ type: 'stopped' });
  process.exit(code);
}

async function main(): Promise<void> {
  const specs = JSON.parse(process.argv[2] ?? '[]') as FleetSpec[];
  const total = specs.reduce((s, f) => s + f.count, 0);
  let started = 0;
  for (const spec of specs) {
    fleets.push(
      await startFleet({
        count: spec.count,
        platform: spec.platform,
        firstHost: spec.firstHost,
        port: 0,
        latencyMs: spec.latencyMs,
        loginDelayMs: spec.loginDelayMs,
        onProgress: () => {
          started++;
          if (started % 1000 === 0) send({ type: 'progress', started, total });
        },
      }),
    );
  }
  send({ type: 'ready', fleets: fleets.map((f) => f.devices.map((d) => ({ host: d.host, port: d.port }))) });
}

process.on('message', (msg: FleetParentMessage) => {
  if (msg.type === 'stop') void stop(0);
});
process.on('disconnect', () => void stop(0));
// Ctrl-C reaches the whole process group: the parent tears down in order and sends `stop`.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => void stop(0));
main().catch((err: unknown) => {
  send({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  void stop(1);
});
