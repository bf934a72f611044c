import type { DriverExecutionResult } from '@netpulse/contracts';
import type { DeviceJobRequest } from './device-job.request';
import type { SessionOperation } from './session-operation';
import { SessionOperationRegistry } from './session-operation.registry';

const requestStub: DeviceJobRequest = {
  driver: 'paramiko',
  connection_args: { host: '127.0.0.1' },
  command: ['uname'],
  config: null,
  driver_args: null,
  file_transfer: null,
  rendering: null,
  parsing: null,
  webhook: null,
  extras: {},
  queue_strategy: 'fifo',
  execution_timeout: 30,
  detach: false,
  task_id: null,
  staged_file_id: null,
};

function operation(name: string, applies: boolean, afterJob?: () => Promise<void>): SessionOperation {
  return { name, appliesTo: () => applies, run: (): Promise<DriverExecutionResult[]> => Promise.resolve([]), afterJob };
}

describe('SessionOperationRegistry', () => {
  it('refuses a duplicate name at start', () => {
    expect(() => new SessionOperationRegistry([operation('a', false), operation('a', true)])).toThrow("Session operation 'a' is registered twice");
  });

  it('finds the first operation that applies, or null for a plain send/config', () => {
    const sut = new SessionOperationRegistry([operation('no', false), operation('first', true), operation('second', true)]);
    expect(sut.find(requestStub)?.name).toBe('first');
    expect(new SessionOperationRegistry([operation('no', false)]).find(requestStub)).toBeNull();
  });

  it('runs every clean-up, and a failing one changes nothing', async () => {
    const ran: string[] = [];
    const sut = new SessionOperationRegistry([
      operation('bad', false, () => Promise.reject(new Error('disk gone'))),
      operation('good', false, () => {
        ran.push('good');
        return Promise.resolve();
      }),
      operation('none', false),
    ]);
    await expect(sut.afterJob('job-1', requestStub)).resolves.toBeUndefined();
    expect(ran).toEqual(['good']);
  });

  it('reports a failed clean-up with the operation and the job, instead of losing it', async () => {
    const reported: [string, string, string][] = [];
    const sut = new SessionOperationRegistry([operation('bad', false, () => Promise.reject(new Error('disk gone'))), operation('fine', false, () => Promise.resolve())], (op, jobId, err) =>
      reported.push([op, jobId, err instanceof Error ? err.message : String(err)]),
    );
    await sut.afterJob('job-2', requestStub);
    expect(reported).toEqual([['bad', 'job-2', 'disk gone']]);
  });
});
