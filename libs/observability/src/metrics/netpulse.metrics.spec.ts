import { queueDepthSamples } from './metric.labels';
import { NetpulseMetrics } from './netpulse.metrics';
import { sshFailureReason } from './ssh-failure.classifier';

/** Expected metric → its label names (besides the registry-wide `app`). */
const CATALOGUE: Record<string, string[]> = {
  netpulse_http_requests_total: ['method', 'route', 'status'],
  netpulse_http_request_duration_seconds: ['method', 'route', 'status'],
  netpulse_jobs_enqueued_total: ['strategy', 'driver'],
  netpulse_jobs_completed_total: ['strategy', 'driver', 'status'],
  netpulse_job_queue_wait_seconds: ['strategy'],
  netpulse_job_execution_seconds: ['strategy', 'driver'],
  netpulse_queue_jobs: ['queue', 'state'],
  netpulse_ssh_sessions_open: [],
  netpulse_ssh_sessions_opened_total: ['driver'],
  netpulse_ssh_sessions_reused_total: ['driver'],
  netpulse_ssh_session_failures_total: ['driver', 'reason'],
  netpulse_keepalive_probes_total: ['result'],
  netpulse_device_protection_events_total: ['guard', 'event'],
  netpulse_self_healing_total: [],
  netpulse_pinned_evictions_total: [],
  netpulse_node_capacity: [],
  netpulse_node_pinned: [],
  netpulse_webhook_deliveries_total: ['result'],
  netpulse_metrics_source_errors_total: ['source'],
  netpulse_jobs_ran_late_total: ['strategy'],
  netpulse_background_errors_total: ['source'],
};

interface Sample {
  labels: Record<string, string>;
  name: string;
  value: number;
}

/** A strict reader of the Prometheus text format (0.0.4): fails the test on any malformed line. */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|[+-]?Inf|NaN))( \d+)?$/i;
  const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/g;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const help = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+$/.exec(line);
    if (help) continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1], type[2]);
      continue;
    }
    const m = sampleLine.exec(line);
    if (!m) throw new Error(`malformed exposition line: ${line}`);
    const labels: Record<string, string> = {};
    const body = m[3] ?? '';
    let consumed = 0;
    for (const p of body.matchAll(labelPair)) {
      labels[p[1]] = p[2];
      consumed += p[0].length;
    }
    if (consumed !== body.length) throw new Error(`malformed labels: ${line}`);
    samples.push({ name: m[1], labels, value: Number(m[4].replace(/inf/i, 'Infinity').replace(/^nan$/i, 'NaN')) });
  }
  return { samples, types };
}

describe('NetpulseMetrics', () => {
  let sut: NetpulseMetrics;

  beforeEach(() => {
    sut = new NetpulseMetrics('test-app', { processMetrics: false });
  });

  it('registers every metric of the catalogue with exactly its labels', () => {
    sut.setNodeSource(() => ({ capacity: 8, pinned: 0 }));
    const got = new Map(sut.registry.getMetricsAsArray().map((m) => [m.name, m]));
    for (const [name, labels] of Object.entries(CATALOGUE)) {
      const metric = got.get(name) as unknown as { labelNames: string[] } | undefined;
      expect(metric).toBeDefined();
      expect([...(metric?.labelNames ?? [])].sort()).toEqual([...labels].sort());
    }
    expect([...got.keys()].sort()).toEqual(Object.keys(CATALOGUE).sort());
  });

  it('follows Prometheus naming: prefix, _total counters, _seconds durations', () => {
    for (const m of sut.registry.getMetricsAsArray()) {
      const type = String(m.type);
      expect(m.name).toMatch(/^netpulse_[a-z_]+$/);
      if (type === 'counter') expect(m.name.endsWith('_total')).toBe(true);
      if (type === 'histogram') expect(m.name.endsWith('_seconds')).toBe(true);
    }
  });

  it('adds process metrics with the netpulse_ prefix when asked', async () => {
    const withProcess = new NetpulseMetrics('proc');
    const text = await withProcess.metrics();
    expect(text).toContain('netpulse_process_cpu_seconds_total');
    expect(text).toContain('netpulse_nodejs_eventloop_lag_seconds');
    expect(() => parseExposition(text)).not.toThrow();
  });

  it('produces exposition text that parses, with the recorded values', async () => {
    sut.observeHttpRequest('get', '/jobs/:id', 200, 0.02);
    sut.jobEnqueued('pinned', 'netmiko');
    sut.jobStarted('pinned', 1.5);
    sut.jobCompleted({ strategy: 'pinned', driver: 'netmiko', status: 'finished', executionSeconds: 3 });
    sut.jobCompleted({ strategy: 'fifo', driver: 'paramiko', status: 'failed' });
    const close = sut.sessionOpened('netmiko');
    sut.sessionReused('netmiko');
    sut.sessionFailed('paramiko', 'auth');
    sut.keepaliveProbe('ok');
    sut.deviceGuard('breaker', 'opened');
    sut.deviceGuard('lockout', 'refused');
    sut.deviceGuard('lockout', 'refused');
    sut.selfHealingTriggered(2);
    sut.pinnedEvicted();
    sut.webhookDelivery('retrying');
    close();
    const { samples, types } = parseExposition(await sut.metrics());
    const value = (name: string, labels: Record<string, string> = {}): number | undefined =>
      samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

    expect(types.get('netpulse_http_request_duration_seconds')).toBe('histogram');
    expect(value('netpulse_http_requests_total', { method: 'GET', route: '/jobs/:id', status: '200', app: 'test-app' })).toBe(1);
    expect(value('netpulse_jobs_enqueued_total', { strategy: 'pinned', driver: 'netmiko' })).toBe(1);
    expect(value('netpulse_job_queue_wait_seconds_count', { strategy: 'pinned' })).toBe(1);
    expect(value('netpulse_jobs_completed_total', { strategy: 'fifo', driver: 'paramiko', status: 'failed' })).toBe(1);
    expect(value('netpulse_job_execution_seconds_count', { strategy: 'pinned', driver: 'netmiko' })).toBe(1);
    // A job that never ran is counted but not timed.
    expect(value('netpulse_job_execution_seconds_count', { strategy: 'fifo', driver: 'paramiko' })).toBeUndefined();
    expect(value('netpulse_ssh_sessions_opened_total', { driver: 'netmiko' })).toBe(1);
    expect(value('netpulse_ssh_sessions_open')).toBe(0);
    expect(value('netpulse_ssh_session_failures_total', { driver: 'paramiko', reason: 'auth' })).toBe(1);
    expect(value('netpulse_device_protection_events_total', { guard: 'breaker', event: 'opened' })).toBe(1);
    expect(value('netpulse_device_protection_events_total', { guard: 'lockout', event: 'refused' })).toBe(2);
    expect(value('netpulse_self_healing_total')).toBe(2);
    expect(value('netpulse_pinned_evictions_total')).toBe(1);
    expect(value('netpulse_webhook_deliveries_total', { result: 'retrying' })).toBe(1);
  });

  it('closes a session once however often its release is called', async () => {
    const a = sut.sessionOpened('paramiko');
    sut.sessionOpened('paramiko');
    a();
    a();
    expect(await sut.metrics()).toMatch(/^netpulse_ssh_sessions_open\{app="test-app"\} 1$/m);
  });

  it('keeps every label bounded whatever the input', async () => {
    for (let i = 0; i < 2000; i++) {
      sut.observeHttpRequest(`M${i}`, `/raw/url/${i}?q=${i}`, i, 0.001);
      sut.jobEnqueued('pinned', `driver_${i}`);
      sut.sessionFailed(`Drv-${i}`, `reason-${i}` as never);
      sut.jobCompleted({ strategy: `s${i}` as never, driver: 'netmiko', status: `x${i}` as never });
    }
    const { samples } = parseExposition(await sut.metrics());
    const distinct = (name: string, label: string): number => new Set(samples.filter((s) => s.name === name).map((s) => s.labels[label])).size;
    expect(distinct('netpulse_http_requests_total', 'method')).toBe(1);
    // 128 admitted route patterns + `unmatched`; raw URLs with a query never qualify.
    expect(distinct('netpulse_http_requests_total', 'route')).toBeLessThanOrEqual(129);
    expect(distinct('netpulse_http_requests_total', 'status')).toBeLessThanOrEqual(501);
    expect(distinct('netpulse_jobs_enqueued_total', 'driver')).toBe(17);
    expect(distinct('netpulse_ssh_session_failures_total', 'reason')).toBe(1);
    expect(distinct('netpulse_jobs_completed_total', 'status')).toBe(1);
    expect(distinct('netpulse_jobs_completed_total', 'strategy')).toBe(1);
    expect(samples.some((s) => Object.values(s.labels).some((v) => v.includes('?')))).toBe(false);
  });

  it('keeps drivers allowed at start even after the newcomer budget is spent', async () => {
    for (let i = 0; i < 50; i++) sut.jobEnqueued('fifo', `d${i}`);
    sut.allowDrivers(['acme_cli']);
    sut.jobEnqueued('fifo', 'acme_cli');
    expect(await sut.metrics()).toContain('driver="acme_cli"');
  });

  it('reads queue depths at scrape time, summing HostQ samples and dropping bad ones', async () => {
    let hostQueues = 3;
    sut.setQueueDepthSource(async () => [
      { queue: 'FifoQ', state: 'waiting', count: 4 },
      ...Array.from({ length: hostQueues }, () => ({ queue: 'HostQ' as const, state: 'active' as const, count: 1 })),
      { queue: 'HostQ_127.0.0.1' as never, state: 'waiting', count: 9 },
      { queue: 'WebhookQ', state: 'bogus' as never, count: 9 },
      { queue: 'WebhookQ', state: 'delayed', count: Number.NaN },
    ]);
    let text = await sut.metrics();
    expect(text).toMatch(/^netpulse_queue_jobs\{queue="FifoQ",state="waiting",app="test-app"\} 4$/m);
    expect(text).toMatch(/^netpulse_queue_jobs\{queue="HostQ",state="active",app="test-app"\} 3$/m);
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain('bogus');
    hostQueues = 0;
    text = await sut.metrics();
    expect(text).not.toMatch(/queue="HostQ"/);
  });

  it('turns BullMQ job counts into samples, dropping unknown states', async () => {
    const counts = { waiting: 2, active: 1, delayed: 0, prioritized: 0, failed: 5, completed: 9, 'waiting-children': 3 };
    expect(queueDepthSamples('FifoQ', counts)).toHaveLength(6);
    sut.setQueueDepthSource(() => [...queueDepthSamples('FifoQ', counts), { queue: 'HostQ', state: 'waiting', count: 4 }]);
    const text = await sut.metrics();
    expect(text).toMatch(/^netpulse_queue_jobs\{queue="FifoQ",state="failed",app="test-app"\} 5$/m);
    expect(text).toMatch(/^netpulse_queue_jobs\{queue="HostQ",state="waiting",app="test-app"\} 4$/m);
    expect(text).not.toContain('waiting-children');
  });

  it('answers a scrape when the queue source fails or hangs, counting the error', async () => {
    const fast = new NetpulseMetrics('t', { processMetrics: false, sourceTimeoutMs: 50 });
    fast.setQueueDepthSource(() => {
      throw new Error('redis down');
    });
    expect(await fast.metrics()).toMatch(/^netpulse_metrics_source_errors_total\{source="queue_depth",app="t"\} 1$/m);
    fast.setQueueDepthSource(() => new Promise(() => undefined));
    const text = await fast.metrics();
    expect(text).toMatch(/^netpulse_metrics_source_errors_total\{source="queue_depth",app="t"\} 2$/m);
    expect(text).not.toMatch(/^netpulse_queue_jobs\{/m);
  });

  it('reports node capacity only where a node source is set', async () => {
    expect(await sut.metrics()).not.toContain('netpulse_node_capacity');
    sut.setNodeSource(() => ({ capacity: 1024, pinned: 7 }));
    const text = await sut.metrics();
    expect(text).toMatch(/^netpulse_node_capacity\{app="test-app"\} 1024$/m);
    expect(text).toMatch(/^netpulse_node_pinned\{app="test-app"\} 7$/m);
    sut.setNodeSource(() => {
      throw new Error('pool gone');
    });
    expect(await sut.metrics()).toMatch(/^netpulse_node_capacity\{app="test-app"\} 0$/m);
  });

  it('rejects a bad option by name', () => {
    expect(() => new NetpulseMetrics('x', { processMetrics: false, sourceTimeoutMs: 0 })).toThrow('sourceTimeoutMs must be a number greater than 0');
  });
});

describe('sshFailureReason', () => {
  it.each([
    [Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' }), 'auth'],
    [new Error('Permission denied (publickey,password)'), 'auth'],
    [Object.assign(new Error('Timed out while waiting for handshake'), { level: 'client-timeout' }), 'timeout'],
    [Object.assign(new Error('connect ETIMEDOUT 127.0.0.1:22'), { code: 'ETIMEDOUT' }), 'timeout'],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:22'), { code: 'ECONNREFUSED' }), 'refused'],
    [Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'closed'],
    [new Error('Connection closed by remote host'), 'closed'],
    [new Error('Unexpected prompt'), 'other'],
    [Object.assign(new Error('wrong password for netops'), { kind: 'auth' }), 'auth'],
    [Object.assign(new Error('Host key for 127.0.0.1:22 changed (connection closed)'), { kind: 'hostkey' }), 'other'],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2222'), { kind: 'connect' }), 'refused'],
    [Object.assign(new Error('session closed'), { kind: 'closed' }), 'closed'],
    ['a string', 'other'],
    [null, 'other'],
  ])('%p → %s', (err, reason) => {
    expect(sshFailureReason(err)).toBe(reason);
  });
});
