import { ResultType } from '@netpulse/contracts';
import type { DetachedTaskEntry, JobRecord } from '@netpulse/state';
import { detachedEventPayload } from './detached-event.builder';

const taskStub: DetachedTaskEntry = {
  task_id: 'abc123def456',
  status: 'running',
  host: '127.0.12.1',
  driver: 'paramiko',
  worker_id: null,
  push_interval: 5,
  webhook: null,
  connection_args: { host: '127.0.12.1', device_type: 'linux' },
  command: ['tail -f /var/log/x'],
  last_sync: 0,
  created_at: 0,
  last_offset: 0,
  pid: 7,
  push_job_id: null,
  last_push: 0,
  final_sent: false,
  sealed: 'sealed',
};

const recordStub = (over: Partial<JobRecord> = {}): JobRecord => ({
  id: 'job-1',
  status: 'finished',
  queue: 'HostQ_127.0.12.1',
  createdAt: 1_700_000_000_000_000,
  enqueuedAt: 1_700_000_000_000_000,
  startedAt: 1_700_000_001_000_000,
  endedAt: 1_700_000_003_500_000,
  worker: 'n1_HostQ_127.0.12.1',
  result: { type: ResultType.Successful, retval: [], error: null },
  taskId: null,
  deviceName: '127.0.12.1',
  command: ['query'],
  host: '127.0.12.1',
  resultTtl: 60,
  timeout: 30,
  deadline: null,
  ...over,
});

describe('detachedEventPayload', () => {
  it('is the job webhook body with the task id as id, the push\'s times and the device', () => {
    const p = detachedEventPayload(taskStub, recordStub(), 'detached.log_push', Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(p).toMatchObject({
      id: 'abc123def456',
      task_id: 'abc123def456',
      status: 'finished',
      event_type: 'detached.log_push',
      final: false,
      duration: 2.5,
      result: { type: 'successful', retval: [], error: null },
      device: { host: '127.0.12.1', device_type: 'linux' },
      device_name: '127.0.12.1',
      command: ['tail -f /var/log/x'],
    });
    expect(p.timestamp).toMatch(/^2024-01-02T03:04:05/);
    expect(p.started_at).not.toBeNull();
  });

  it('marks detached.completed final; a failed or unknown record reads failed, with no times', () => {
    const p = detachedEventPayload({ ...taskStub, connection_args: {} }, recordStub({ status: 'failed', startedAt: null, endedAt: null, result: null }), 'detached.completed');
    expect(p).toMatchObject({ final: true, status: 'failed', started_at: null, ended_at: null, duration: null, result: { type: 'failed', retval: null, error: null }, device: { device_type: null } });
  });
});
