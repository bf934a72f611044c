import { AppLogger } from './app.logger';
import { runWithRequestId } from './request.context';
import { forgetSecretValue, redactText, registerSecretValue } from './secret-values';
import { setTimeout as sleep } from 'node:timers/promises';

type Line = Record<string, unknown>;

function capture(level = 'info'): { lines: string[]; records: () => Line[]; sut: AppLogger } {
  const lines: string[] = [];
  const sut = new AppLogger('test', level, (l) => lines.push(l));
  return { lines, sut, records: () => lines.map((l) => JSON.parse(l) as Line) };
}

describe('AppLogger', () => {
  it('writes JSON lines with secrets redacted by key and by value', () => {
    const lines: string[] = [];
    const sut = new AppLogger('test', 'info', (l) => lines.push(l));
    registerSecretValue('s3cr3t-value');
    sut.event('info', 'connecting with s3cr3t-value', { connection_args: { host: '127.0.0.1', password: 'p4ss' } });
    sut.debug('not shown at info');
    expect(lines).toHaveLength(1);
    const rec = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(rec).toMatchObject({ level: 'info', app: 'test', msg: 'connecting with ******', connection_args: { host: '127.0.0.1', password: '******' } });
    expect(lines[0]).not.toContain('p4ss');
    forgetSecretValue('s3cr3t-value');
  });

  it('writes one newline-terminated line per event with an ISO time and the pid', () => {
    const { lines, records, sut } = capture();
    sut.event('info', 'job enqueued', { job_id: 'j-1' });
    expect(lines[0].endsWith('}\n')).toBe(true);
    expect(records()[0]).toMatchObject({ level: 'info', app: 'test', pid: process.pid, msg: 'job enqueued', job_id: 'j-1' });
    expect(records()[0].time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('batched: the lines logged inside (children and nested batches too) go out in one write at its end, also when it throws', () => {
    const { lines, sut } = capture();
    const child = sut.child({ job_id: 'j-1' });
    const value = sut.batched(() => {
      sut.event('info', 'one');
      sut.batched(() => child.event('info', 'two'));
      expect(lines).toEqual([]);
      return 42;
    });
    expect(value).toBe(42);
    expect(lines).toHaveLength(1);
    expect(lines[0].split('\n').filter(Boolean).map((l) => (JSON.parse(l) as Line).msg)).toEqual(['one', 'two']);
    expect(() =>
      sut.batched(() => {
        sut.event('error', 'before the throw');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('before the throw');
    sut.event('info', 'after');
    expect(lines).toHaveLength(3);
  });

  it.each([
    ['trace', ['trace', 'debug', 'info', 'warn', 'error', 'fatal']],
    ['DEBUG', ['debug', 'info', 'warn', 'error', 'fatal']],
    ['INFO', ['info', 'warn', 'error', 'fatal']],
    ['warning', ['warn', 'error', 'fatal']],
    ['error', ['error', 'fatal']],
    ['critical', ['fatal']],
    ['nonsense', ['info', 'warn', 'error', 'fatal']],
  ])('level %s lets through %p', (level, expected) => {
    const { records, sut } = capture(level);
    for (const l of ['trace', 'debug', 'info', 'warning', 'error', 'critical'] as const) sut.event(l, l);
    expect(records().map((r) => r.level)).toEqual(expected);
  });

  it('masks secret keys at any depth and in any case, including header spellings', () => {
    const { lines, records, sut } = capture();
    sut.event('warn', 'request', {
      token: 'tok-1',
      headers: { authorization: 'Bearer abc', 'x-api-key': 'key-1', Cookie: 'X-API-KEY=key-2' },
      job: { payload: { connection_args: { pkey: 'PRIVATE', passphrase: 'pp-1', proxy_password: 'pxy-1', sudo_password: 'sudo-1' } } },
      list: [{ api_key: 'ak-1', Secret: 'sec-1' }],
    });
    for (const s of ['tok-1', 'Bearer abc', 'key-1', 'key-2', 'PRIVATE', 'pp-1', 'pxy-1', 'sudo-1', 'ak-1', 'sec-1']) expect(lines[0]).not.toContain(s);
    expect(records()[0]).toMatchObject({ token: '******', headers: { authorization: '******' }, list: [{ api_key: '******', Secret: '******' }] });
  });

  it('masks secrets in child bindings and in values registered at run time until forgotten', () => {
    const { lines, sut } = capture();
    const child = sut.child({ job_id: 'j-2', connection_args: { password: 'bound-pw' } });
    registerSecretValue('run-time-pw');
    registerSecretValue('run-time-pw');
    child.event('info', 'output: run-time-pw and "quoted"', { stdout: 'x run-time-pw y' });
    forgetSecretValue('run-time-pw');
    child.event('info', 'still masked: run-time-pw');
    forgetSecretValue('run-time-pw');
    child.event('info', 'unmasked: run-time-pw');
    expect(lines[0]).not.toContain('bound-pw');
    expect(lines[0]).not.toContain('run-time-pw');
    expect(lines[1]).not.toContain('run-time-pw');
    expect(lines[2]).toContain('run-time-pw');
    expect(JSON.parse(lines[0])).toMatchObject({ job_id: 'j-2', app: 'test' });
  });

  it('redactText ignores values too short to be secrets', () => {
    registerSecretValue('abc');
    expect(redactText('abc')).toBe('abc');
    forgetSecretValue('abc');
  });

  it('serialises errors, dates and buffers instead of emptying them', () => {
    const { records, sut } = capture();
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:22'), { code: 'ECONNREFUSED' });
    sut.event('error', 'connect failed', { err, at: new Date('2026-03-01T10:00:00Z'), raw: Buffer.from('abcd'), big: BigInt(5) });
    expect(records()[0]).toMatchObject({
      err: { type: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:22', code: 'ECONNREFUSED' },
      at: '2026-03-01T10:00:00.000Z',
      raw: '[4 bytes]',
      big: '5',
    });
  });

  it('speaks Nest LoggerService: context last, error stacks, objects and Error instances', () => {
    const { records, sut } = capture('trace');
    sut.log('Mapped {/jobs, GET} route', 'JobsService');
    sut.log('StateModule dependencies initialized', 'InstanceLoader');
    sut.error('boom', 'Error: boom\n    at x (y.ts:1:1)', 'ExceptionsHandler');
    sut.warn({ msg_detail: 'object message', password: 'obj-pw' });
    sut.fatal(new Error('died'));
    sut.verbose('chatty', 'Ctx');
    const r = records();
    expect(r[0]).toMatchObject({ level: 'info', msg: 'Mapped {/jobs, GET} route', context: 'JobsService' });
    expect(r[1]).toMatchObject({ level: 'debug', msg: 'StateModule dependencies initialized', context: 'InstanceLoader' });
    expect(r[2]).toMatchObject({ level: 'error', msg: 'boom', context: 'ExceptionsHandler', stack: expect.stringContaining('at x') });
    expect(r[3]).toMatchObject({ level: 'warn', msg: 'event', msg_detail: 'object message', password: '******' });
    expect(r[4]).toMatchObject({ level: 'fatal', msg: 'died', err: { type: 'Error', message: 'died' } });
    expect(r[5]).toMatchObject({ level: 'trace', msg: 'chatty', context: 'Ctx' });
  });

  it('adds request_id inside a request context and from withRequestId', async () => {
    const { records, sut } = capture();
    sut.event('info', 'outside');
    await runWithRequestId('req-123', async () => {
      await sleep(1);
      sut.event('info', 'inside, after an await');
    });
    sut.withRequestId('req-456').event('info', 'bound');
    runWithRequestId('req-ctx', () => sut.event('info', 'explicit wins', { request_id: 'req-explicit' }));
    const r = records();
    expect(r[0].request_id).toBeUndefined();
    expect(r[1].request_id).toBe('req-123');
    expect(r[2].request_id).toBe('req-456');
    expect(r[3].request_id).toBe('req-explicit');
    expect(JSON.stringify(r[3]).match(/request_id/g)).toHaveLength(1);
  });

  it('reports the level in force', () => {
    const sut = new AppLogger('test', 'WARNING', () => undefined);
    expect(sut.level).toBe('warn');
    expect(sut.isLevelEnabled('info')).toBe(false);
    expect(sut.isLevelEnabled('critical')).toBe(true);
  });
});
