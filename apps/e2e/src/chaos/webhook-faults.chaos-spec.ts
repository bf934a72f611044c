import { ChaosReport, JobAudit, LoadLoop, sleep } from '@netpulse/chaos';
import { DeviceFleet, startFleet } from '@netpulse/device-sim';
import { TestSystem, freePort } from '@netpulse/testing';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { alive, fifoJob, pinnedJob, taggedCommand, waitUntil } from './support/chaos.fixtures';

/** "Did not hang": no job of the load waits in its queue longer than this, s. */
const QUEUE_BOUND_S = 10;

describe('chaos: webhook targets that hang or refuse, under load', () => {
  let sys: TestSystem;
  let fleet: DeviceFleet;
  let hang: Server;
  const held: ServerResponse[] = [];
  let hangPort = 0;
  let refusedPort = 0;
  const run = `wh${Date.now().toString(36)}`;

  beforeAll(async () => {
    fleet = await startFleet({ count: 4, firstHost: '127.0.206.1', port: 0, latencyMs: 100 });
    hangPort = await freePort();
    // Reads the request and never answers.
    hang = createServer((_req: IncomingMessage, res: ServerResponse) => void held.push(res));
    await new Promise<void>((r) => hang.listen(hangPort, '127.0.0.1', r));
    // Nothing listens there: connections are refused.
    refusedPort = await freePort();
    sys = await TestSystem.start({ fifoWorkers: 1, nodeWorkers: 1 });
  });
  afterAll(async () => {
    await sys?.stop();
    await fleet?.stop();
    hang?.closeAllConnections();
    await new Promise((r) => hang?.close(r));
  });

  it('every job finishes as if there were no webhook; deliveries are attempted and given up on their own', async () => {
    const devices = fleet.devices;
    const webhook = (n: number): Record<string, unknown> =>
      n % 2 === 0
        ? { url: `http://127.0.0.1:${hangPort}/hook`, timeout: 1, max_retries: 1, retry_intervals: [1] }
        : { url: `http://127.0.0.1:${refusedPort}/hook`, timeout: 1, max_retries: 1, retry_intervals: [1] };
    const load = new LoadLoop({
      clients: [sys.api],
      ratePerSec: 6,
      maxJobs: 100,
      maxDurationMs: 15_000,
      body: (n) => (n % 4 < 2 ? fifoJob : pinnedJob)(devices[n % devices.length], taggedCommand(run, n), { webhook: webhook(n) }),
    });
    const result = await load.start();
    const audit = await JobAudit.run(sys.api, result.accepted.map((a) => a.id), 60_000);
    // Each job to the hanging target got its attempt and its one retry there, and no more: deliveries give up by themselves.
    const hangJobs = result.accepted.filter((a) => a.n % 2 === 0).length;
    await waitUntil(() => held.length >= 2 * hangJobs, 40_000, 'webhook attempts and retries reached the hanging target');
    await sleep(3000);
    ChaosReport.record(ChaosReport.row('webhook targets hang / refuse', result, audit, `${held.length} deliveries (attempt + 1 retry each) held by the hanging target, the others refused; timeout 1 s`));
    expect(held.length).toBe(2 * hangJobs);

    expect(audit.lostStatus).toEqual({});
    expect(audit.accepted).toBe(result.submitted);
    expect(audit.finishedOk).toBe(audit.accepted);
    const waited = [...audit.ended.values()].filter((j) => !((j.queue_time ?? Infinity) <= QUEUE_BOUND_S));
    expect(waited.map((j) => `${j.id}: queued ${String(j.queue_time)} s`)).toEqual([]);
    expect(sys.apps.every(alive)).toBe(true);
  });
});
