import { ResultType } from '@netpulse/contracts';
import { buildWebhookPayload, WebhookJobInfo } from './webhook-payload.builder';

const jobStub: WebhookJobInfo = {
  command: ['show version'],
  device_name: '127.0.0.1',
  duration: 1.25,
  ended_at: '2026-01-02T03:04:06.250000+00:00',
  id: 'job-1',
  started_at: '2026-01-02T03:04:05+00:00',
};
const retval = [{ command: 'show version', download_url: null, exit_status: 0, metadata: {}, parsed: null, stderr: '', stdout: 'v1\n' }];

describe('buildWebhookPayload', () => {
  it('builds the 0.4.2+ shape, keys in the contract’s order', () => {
    const sut = buildWebhookPayload({
      device: { device_type: 'cisco_ios', host: '127.0.0.1' },
      eventType: 'job.completed',
      job: jobStub,
      nowMicros: Date.UTC(2026, 0, 2, 3, 4, 7) * 1000 + 123456,
      result: { error: null, retval, type: ResultType.Successful },
    });
    expect(Object.keys(sut)).toEqual(['id', 'status', 'event_type', 'final', 'timestamp', 'started_at', 'ended_at', 'duration', 'result', 'device', 'task_id', 'device_name', 'command']);
    expect(Object.keys(sut.result ?? {})).toEqual(['type', 'retval', 'error']);
    expect(sut).toEqual({
      command: ['show version'],
      device: { device_type: 'cisco_ios', host: '127.0.0.1' },
      device_name: '127.0.0.1',
      duration: 1.25,
      ended_at: '2026-01-02T03:04:06.250000+00:00',
      event_type: 'job.completed',
      final: true,
      id: 'job-1',
      result: { error: null, retval, type: 'successful' },
      started_at: '2026-01-02T03:04:05+00:00',
      status: 'finished',
      task_id: null,
      timestamp: '2026-01-02T03:04:07.123456+00:00',
    });
  });

  it('names every result type and marks job.failed as failed', () => {
    const names = [ResultType.Successful, ResultType.Failed, ResultType.Stopped, ResultType.Retried].map(
      (type) => buildWebhookPayload({ device: null, eventType: 'job.failed', job: jobStub, result: { error: { message: 'm', type: 'T' }, retval: null, type } }).result?.type,
    );
    expect(names).toEqual(['successful', 'failed', 'stopped', 'retried']);
    const failed = buildWebhookPayload({ device: null, eventType: 'job.failed', job: jobStub, result: { error: { message: 'boom', type: 'TemplateRenderError' }, retval: null, type: ResultType.Failed } });
    expect(failed).toMatchObject({ device: null, result: { error: { message: 'boom', type: 'TemplateRenderError' }, retval: null }, status: 'failed' });
  });

  it('writes the timestamp in UTC with +00:00 whatever TZ is', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      const sut = buildWebhookPayload({ device: null, eventType: 'job.completed', job: jobStub, nowMicros: Date.UTC(2026, 5, 1, 12, 0, 0) * 1000, result: null });
      expect(sut.timestamp).toBe('2026-06-01T12:00:00+00:00');
      expect(buildWebhookPayload({ device: null, eventType: 'job.completed', job: jobStub, result: null }).timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
    } finally {
      process.env.TZ = saved;
    }
  });

  it('uses the task id for detached events, and final=false only for log pushes', () => {
    const push = buildWebhookPayload({ device: null, eventType: 'detached.log_push', job: jobStub, result: null, taskId: 'task-9' });
    expect(push).toMatchObject({ final: false, id: 'task-9', task_id: 'task-9' });
    expect(buildWebhookPayload({ device: null, eventType: 'detached.completed', job: jobStub, result: null, taskId: 'task-9' }).final).toBe(true);
  });
});
