import { JobResult, ResultType, Utf8Output } from '@netpulse/contracts';
import { JobStore, StateKeys, toJobResponse } from '@netpulse/state';
import { deleteNamespace, readTestEnv } from '@netpulse/testing';
import Redis from 'ioredis';
import { createHmac, randomUUID } from 'node:crypto';
import { Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildWebhookPayload } from '../payload/webhook-payload.builder';
import { WebhookKindRegistry } from '../registry/webhook-kind.registry';
import { SIGNATURE_HEADER, WebhookSender } from '../sender/webhook.sender';
import type { WebhookDeliveryJob } from './webhook-delivery.job';
import type { WebhookDeliveryOutcome } from './webhook-delivery.outcome';
import { WebhookDispatcher, deliveryHorizonMs } from './webhook.dispatcher';

describe('a webhook of a job with a large result (its retval read from the stored result, real Redis)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  const keys = new StateKeys(`${env.namespace}-hookretval-${randomUUID().slice(0, 8)}`);
  const jobs = new JobStore(redis, keys);
  const queued: WebhookDeliveryJob[] = [];
  const outcomes: WebhookDeliveryOutcome[] = [];
  const received: { body: Buffer; signature: string | undefined; chunks: number }[] = [];
  const signingSecret = `sign-${randomUUID()}`;
  const kinds = WebhookKindRegistry.withBuiltins({ sender: new WebhookSender({ allowedTargets: ['127.0.0.1/32'], signingSecret }) });
  const sut = new WebhookDispatcher({ add: (job) => (queued.push(job), Promise.resolve()) }, kinds, { onOutcome: (o) => outcomes.push(o), storedRetvals: jobs });
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks), chunks: chunks.length, signature: req.headers[SIGNATURE_HEADER] as string | undefined });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await deleteNamespace(env.redisHost, env.redisPort, keys.namespace);
    redis.disconnect();
  });

  const finished = async (result: JobResult): Promise<string> => {
    const id = randomUUID();
    await jobs.create({ id, queue: 'FifoQ', ttl: 300, resultTtl: 30, timeout: 30, deviceName: '127.0.0.1', command: ['big'], host: '127.0.0.1', payload: 'sealed' });
    await jobs.start(id, 'w1');
    await jobs.finish(id, 'w1', 'finished', result);
    return id;
  };
  const bigResult = (): JobResult => {
    const stdout = new Utf8Output(Buffer.from(`${'r'.repeat(3 * 1024 * 1024)}\n"quoted" é \\ ${'😀'.repeat(1000)}`, 'utf8'));
    const row = { command: 'big', stderr: 'warn "x"', exit_status: 0, download_url: null, metadata: { host: '127.0.0.1' }, parsed: null };
    return { type: ResultType.Successful, retval: [{ ...row, stdout }, { ...row, command: 'small', stdout: 'ok' }], error: null };
  };

  it('sends the body byte for byte as the whole payload would be, signed over those bytes, read in parts', async () => {
    const result = bigResult();
    const id = await finished(result);
    const webhook = { url, max_retries: 2, retry_intervals: [1], timeout: 5 };
    const ref = await jobs.storedRetval(id, result, deliveryHorizonMs(webhook) + 60_000);
    expect(ref).toEqual({ job: id, from: expect.any(Number), to: expect.any(Number) });
    // Kept past the job's own retention (30 s) for the retry schedule.
    expect(await redis.pttl(keys.jobResult(id))).toBeGreaterThan(60_000);
    const job = toJobResponse((await jobs.get(id))!);
    const input = { device: { device_type: null, host: '127.0.0.1' }, eventType: 'job.completed' as const, job, nowMicros: 1_700_000_000_000_000 };
    const expected = JSON.stringify(buildWebhookPayload({ ...input, result }));
    await sut.enqueue(webhook, buildWebhookPayload({ ...input, result: { ...result, retval: null } }), ref ?? undefined);
    const delivery = queued.pop() as WebhookDeliveryJob;
    // The delivery job holds the reference, not the result.
    expect(JSON.stringify(delivery).length).toBeLessThan(2000);
    expect((await sut.processDelivery(delivery)).result).toBe('delivered');
    const got = received.pop();
    expect(got?.body.toString('utf8')).toBe(expected);
    expect(got?.signature).toBe(`sha256=${createHmac('sha256', signingSecret).update(expected).digest('hex')}`);
    expect(got?.chunks).toBeGreaterThan(1);
  });

  it('keeps a result that is not stored as given, or not large, in the payload', async () => {
    const result = bigResult();
    const id = await finished(result);
    expect(await jobs.storedRetval(id, { ...result, error: { type: 'Other', message: 'not what was stored' } }, 1000)).toBeNull();
    const small = await finished({ type: ResultType.Successful, retval: [], error: null });
    expect(await jobs.storedRetval(small, { type: ResultType.Successful, retval: [], error: null }, 1000)).toBeNull();
  });

  it('fails the delivery, without retrying, when the stored result is gone', async () => {
    const result = bigResult();
    const id = await finished(result);
    const ref = await jobs.storedRetval(id, result, 1000);
    const job = toJobResponse((await jobs.get(id))!);
    await sut.enqueue({ url, max_retries: 3 }, buildWebhookPayload({ device: null, eventType: 'job.completed', job, result: { ...result, retval: null } }), ref ?? undefined);
    await redis.del(keys.jobResult(id));
    const outcome = await sut.processDelivery(queued.pop() as WebhookDeliveryJob);
    expect(outcome).toMatchObject({ result: 'failed', retryInMs: null });
    expect(outcome.error).toContain('no longer stored');
    expect(queued).toHaveLength(0);
  });
});
