import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { FleetChildMessage, FleetSpec, SimDevice } from './fleet.messages';

/** The simulator child as seen from the bench: its devices, its pid (for CPU), and its stop. */
export class SimFleetProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly fleets: SimDevice[][],
  ) {}

  get pid(): number {
    return this.child.pid ?? 0;
  }

  static start(specs: FleetSpec[], progress: (m: string) => void, timeoutMs = 120_000): Promise<SimFleetProcess> {
    const child = fork(join(__dirname, 'fleet.child.js'), [JSON.stringify(specs)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`simulator not ready after ${timeoutMs} ms`));
      }, timeoutMs);
      const fail = (err: Error): void => {
        clearTimeout(timer);
        reject(err);
      };
      child.on('message', (msg: FleetChildMessage) => {
        if (msg.type === 'progress') progress(`  simulator: ${msg.started}/${msg.total} devices up`);
        else if (msg.type === 'ready') {
          clearTimeout(timer);
          resolve(new SimFleetProcess(child, msg.fleets));
        } else if (msg.type === 'failed') fail(new Error(`simulator failed: ${msg.error}`));
      });
      child.once('exit', (code) => fail(new Error(`simulator exited with ${code} before it was ready`)));
    });
  }

  /** Closes every device; SIGKILL if the child does not exit within `graceMs`. */
  stop(graceMs = 30_000): Promise<void> {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      if (child.connected) child.send({ type: 'stop' });
      else child.kill('SIGTERM');
    });
  }
}
