import { SecretBox } from '@netpulse/state';
import { deleteNamespace, readTestEnv, waitUntil } from '@netpulse/testing';
import { Queue, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebhookKindRegistry } from '../registry/webhook-kind.registry';
import { WebhookSender } from '../sender/webhook.sender';
import { DeliveryQueue, WebhookDeliveryJob, deliveryJobId } from './webhook-delivery.job';
import type { WebhookDeliveryOutcome } from './webhook-delivery.outcome';
import { WebhookDispatcher } from './webhook.dispatcher';
import { setTimeout as sleep } from 'node:timers/promises';

/** The DeliveryQueue as the apps will have it: BullMQ, a delayed job per retry, job id per attempt. */
class BullDeliveryQueue implements DeliveryQueue {
  constructor(private readonly queue: Queue<WebhookDeliveryJob>) {}

  async add(job: WebhookDeliveryJob, delayMs: number): Promise<void> {
    await this.queue.add('delivery', job, { attempts: 1, delay: delayMs, jobId: deliveryJobId(job), removeOnComplete: true, removeOnFail: true });
  }
}

describe('WebhookDispatcher on real BullMQ (delayed retries)', () => {
  const env = readTestEnv();
  const prefix = `test-${randomUUID()}`;
  const connection = { host: env.redisHost, maxRetriesPerRequest: null, port: env.redisPort };
  const queue = new Queue<WebhookDeliveryJob>('WebhookQ', { connection, prefix });
  const box = new SecretBox(`key-${randomUUID()}`);
  const outcomes: WebhookDeliveryOutcome[] = [];
  const hits: { path: string; at: number }[] = [];
  let server: Server;
  let base: string;
  let worker: Worker<WebhookDeliveryJob>;
  let failFirst = new Set<string>();
  let dispatcher: WebhookDispatcher;

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const path = req.url ?? '';
        hits.push({ at: Date.now(), path });
        // /flaky fails its first call only; /down always fails.
        const fail = path === '/down' || failFirst.delete(path);
        res.writeHead(fail ? 500 : 200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const kinds = WebhookKindRegistry.withBuiltins({ sender: new WebhookSender({ allowedTargets: ['127.0.0.1/32'] }) });
    const sut = new WebhookDispatcher(new BullDeliveryQueue(queue), kinds, { onOutcome: (o) => outcomes.push(o), sealer: box });
    worker = new Worker<WebhookDeliveryJob>(
      'WebhookQ',
      async (job) => {
        await sut.processDelivery(job.data);
      },
      { connection, prefix },
    );
    dispatcher = sut;
  });

  afterAll(async () => {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await deleteNamespace(env.redisHost, env.redisPort, prefix);
  });


  it('delivers on the 2nd attempt, from a delayed BullMQ job that runs by itself, with the config sealed in Redis', async () => {
    failFirst = new Set(['/flaky']);
    const id = await dispatcher.enqueue({ auth: ['u', 'pw-s3cret'], max_retries: 3, retry_intervals: [1], url: `${base}/flaky` }, { id: 'job-1' });
    await waitUntil('the first attempt has an outcome', () => outcomes.some((o) => o.deliveryId === id), { timeoutMs: 5000, intervalMs: 25 });
    expect(outcomes.find((o) => o.deliveryId === id)).toMatchObject({ attempt: 1, result: 'retrying', retryInMs: 1000, status: 500 });
    const delayed = await queue.getJob(deliveryJobId({ attempt: 2, id }));
    expect(await delayed?.isDelayed()).toBe(true);
    expect(JSON.stringify(delayed?.data)).not.toContain('pw-s3cret');

    await waitUntil('the delivery succeeded', () => outcomes.some((o) => o.deliveryId === id && o.result === 'delivered'), { timeoutMs: 8000, intervalMs: 25 });
    const mine = outcomes.filter((o) => o.deliveryId === id);
    expect(mine.map((o) => [o.attempt, o.result])).toEqual([[1, 'retrying'], [2, 'delivered']]);
    const times = hits.filter((h) => h.path === '/flaky').map((h) => h.at);
    expect(times).toHaveLength(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it('respects max_retries: one retry, then it gives up', async () => {
    const id = await dispatcher.enqueue({ max_retries: 1, retry_intervals: [1], url: `${base}/down` }, { id: 'job-2' });
    await waitUntil('the delivery failed for good', () => outcomes.some((o) => o.deliveryId === id && o.result === 'failed'), { timeoutMs: 8000, intervalMs: 25 });
    await sleep(1500);
    expect(outcomes.filter((o) => o.deliveryId === id).map((o) => [o.attempt, o.result])).toEqual([[1, 'retrying'], [2, 'failed']]);
    expect(hits.filter((h) => h.path === '/down')).toHaveLength(2);
  });
});
