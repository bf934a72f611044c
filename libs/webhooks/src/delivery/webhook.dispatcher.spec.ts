import { SecretBox } from '@netpulse/state';
import { WebhookKindRegistry } from '../registry/webhook-kind.registry';
import type { WebhookKind } from '../registry/webhook-kind.types';
import { WebhookDeliveryError, WebhookFailure } from '../sender/webhook-delivery.error';
import type { WebhookConfig } from '../sender/webhook.config';
import type { DeliveryQueue, WebhookDeliveryJob } from './webhook-delivery.job';
import type { WebhookDeliveryOutcome } from './webhook-delivery.outcome';
import { WebhookDispatcher, retryDelayMs } from './webhook.dispatcher';

/** Keeps what was enqueued, with its delay. */
class MemoryQueue implements DeliveryQueue {
  readonly added: { job: WebhookDeliveryJob; delayMs: number }[] = [];
  async add(job: WebhookDeliveryJob, delayMs: number): Promise<void> {
    this.added.push({ delayMs, job });
  }
}

/** A kind whose attempts fail with the given reasons in turn, then succeed. */
class ScriptedKind implements WebhookKind {
  readonly name = 'basic';
  readonly seen: WebhookConfig[] = [];
  constructor(private readonly failures: WebhookFailure[]) {}
  async deliver(webhook: WebhookConfig): Promise<{ status: number; durationMs: number }> {
    this.seen.push(webhook);
    const reason = this.failures.shift();
    if (reason) throw new WebhookDeliveryError(reason, `attempt failed: ${reason}`, webhook, reason === 'http_status' ? 503 : null);
    return { durationMs: 1, status: 200 };
  }
}

const webhookStub: WebhookConfig = { auth: ['u', 'pw-s3cret'], max_retries: 3, retry_intervals: [1, 5], url: 'http://127.0.0.1:9/hook' };
const payload = { id: 'job-1', status: 'finished' };

function setup(failures: WebhookFailure[], options: ConstructorParameters<typeof WebhookDispatcher>[2] = {}) {
  const queue = new MemoryQueue();
  const kind = new ScriptedKind(failures);
  const kinds = new WebhookKindRegistry();
  kinds.register(kind);
  const outcomes: WebhookDeliveryOutcome[] = [];
  const sut = new WebhookDispatcher(queue, kinds, { ...options, onOutcome: (o) => outcomes.push(o) });
  /** Runs queued attempts in order, like the WebhookQ worker would. */
  const drain = async (): Promise<void> => {
    for (let i = 0; i < queue.added.length; i++) {
      const item = queue.added[i];
      if (item) await sut.processDelivery(item.job);
    }
  };
  return { drain, kind, kinds, outcomes, queue, sut };
}

describe('WebhookDispatcher', () => {
  it('enqueues the first attempt as a job without delay', async () => {
    const { queue, sut } = setup([]);
    const id = await sut.enqueue(webhookStub, payload);
    expect(queue.added).toEqual([{ delayMs: 0, job: { attempt: 1, id, payload, webhook: webhookStub } }]);
  });

  it('schedules retry n after retry_intervals[n-1] s, reusing the last value, until delivered', async () => {
    const { drain, outcomes, queue, sut } = setup(['http_status', 'network', 'timeout']);
    await sut.enqueue(webhookStub, payload);
    await drain();
    expect(queue.added.map((a) => [a.job.attempt, a.delayMs])).toEqual([[1, 0], [2, 1000], [3, 5000], [4, 5000]]);
    expect(outcomes.map((o) => o.result)).toEqual(['retrying', 'retrying', 'retrying', 'delivered']);
    expect(outcomes[0]).toMatchObject({ error: 'attempt failed: http_status', retryInMs: 1000, status: 503, target: 'http://127.0.0.1:9/hook' });
  });

  it('stops after max_retries retries', async () => {
    const { drain, kind, outcomes, sut } = setup(['network', 'network', 'network', 'network', 'network']);
    await sut.enqueue({ ...webhookStub, max_retries: 2 }, payload);
    await drain();
    expect(kind.seen).toHaveLength(3);
    expect(outcomes.map((o) => o.result)).toEqual(['retrying', 'retrying', 'failed']);
  });

  it('never retries with max_retries 0, a refused target or a bad config', async () => {
    for (const [failure, max] of [['network', 0], ['refused', 3], ['bad_config', 3]] as const) {
      const { drain, outcomes, queue, sut } = setup([failure]);
      await sut.enqueue({ ...webhookStub, max_retries: max }, payload);
      await drain();
      expect(queue.added).toHaveLength(1);
      expect(outcomes.map((o) => o.result)).toEqual(['failed']);
    }
  });

  it('uses the contract defaults: 3 retries after 10, 30 and 120 s', async () => {
    const { drain, queue, sut } = setup(['network', 'network', 'network', 'network']);
    await sut.enqueue({ url: 'http://127.0.0.1:9/hook' }, payload);
    await drain();
    expect(queue.added.map((a) => a.delayMs)).toEqual([0, 10_000, 30_000, 120_000]);
    expect(retryDelayMs([], 1)).toBe(0);
  });

  it('seals the webhook config in job data and opens it for the attempt', async () => {
    const box = new SecretBox('test-key');
    const { drain, kind, queue, sut } = setup(['network'], { sealer: box });
    await sut.enqueue(webhookStub, payload);
    await drain();
    for (const { job } of queue.added) {
      expect(JSON.stringify(job)).not.toContain('pw-s3cret');
      expect(job.webhook).toEqual({ sealed: expect.stringMatching(/^v1\./) });
    }
    expect(kind.seen[1]).toEqual(webhookStub);
  });

  it('reports a sealed job it cannot open, and an unknown kind, without throwing', async () => {
    const { sut } = setup([]);
    await expect(sut.processDelivery({ attempt: 1, id: 'd1', payload, webhook: { sealed: 'v1.x.y.z' } })).resolves.toMatchObject({ result: 'failed', target: '<sealed>' });
    await expect(sut.processDelivery({ attempt: 1, id: 'd2', payload, webhook: { ...webhookStub, name: 'slack' } })).resolves.toMatchObject({
      error: 'Webhook slack not found (known: basic)',
      result: 'failed',
    });
    await expect(sut.enqueue({ ...webhookStub, name: 'slack' }, payload)).rejects.toThrow('Webhook slack not found');
  });

  it('gives up when the retry cannot be queued', async () => {
    const { kinds, outcomes } = setup(['network']);
    const failing = new WebhookDispatcher({ add: async () => Promise.reject(new Error('redis down')) }, kinds, { onOutcome: (o) => outcomes.push(o) });
    await failing.processDelivery({ attempt: 1, id: 'd3', payload, webhook: webhookStub });
    expect(outcomes[0]).toMatchObject({ error: 'attempt failed: network; the retry could not be scheduled: redis down', result: 'failed' });
  });
});
