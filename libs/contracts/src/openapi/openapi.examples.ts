import type { ConnectionTestResponse, DriverExecutionResult, JobInResponse, SystemStatsResponse, WorkerInResponse } from '../jobs/job.types';

/**
 * Example bodies of the document. Typed with the wire interfaces, so an example cannot show a field
 * the API does not send. Devices are loopback addresses only.
 */

const T0 = '2026-03-01T10:00:00.123456+00:00';
const T1 = '2026-03-01T10:00:00.200311+00:00';
const T2 = '2026-03-01T10:00:01.034872+00:00';

export const RESULT_EXAMPLE: DriverExecutionResult = {
  command: 'uname -s',
  stdout: 'Linux\n',
  stderr: '',
  exit_status: 0,
  download_url: null,
  metadata: { host: '127.0.0.1', duration_seconds: 0.412, session_reused: false },
  parsed: null,
};

export const JOB_QUEUED_EXAMPLE: JobInResponse = {
  id: '3f2a9c1e-5b7d-4e0a-9c4f-1a2b3c4d5e6f',
  status: 'queued',
  created_at: T0,
  enqueued_at: T0,
  started_at: null,
  ended_at: null,
  queue: 'FifoQ',
  worker: null,
  result: null,
  task_id: null,
  device_name: '127.0.0.1',
  command: ['echo hi', 'uname -s'],
  duration: null,
  queue_time: null,
};

export const JOB_FINISHED_EXAMPLE: JobInResponse = {
  ...JOB_QUEUED_EXAMPLE,
  status: 'finished',
  started_at: T1,
  ended_at: T2,
  worker: 'fifo-worker-1_FifoQ',
  result: { type: 1, retval: [{ ...RESULT_EXAMPLE, command: 'echo hi', stdout: 'hi\n' }, RESULT_EXAMPLE], error: null },
  duration: 0.834561,
  queue_time: 0.076855,
};

export const JOB_PINNED_EXAMPLE: JobInResponse = {
  ...JOB_QUEUED_EXAMPLE,
  id: '7c1d0e2f-3a4b-4c5d-8e9f-0a1b2c3d4e5f',
  queue: 'HostQ_127.0.0.2',
  device_name: '127.0.0.2',
  command: ['interface Loopback0', 'description managed by netpulse'],
};

export const WORKER_EXAMPLE: WorkerInResponse = {
  name: 'node-a_HostQ_127.0.0.2',
  status: 'idle',
  pid: 4242,
  hostname: 'node-a',
  queues: ['HostQ_127.0.0.2'],
  last_heartbeat: T2,
  birth_at: T0,
  successful_job_count: 12,
  failed_job_count: 0,
};

export const STATS_EXAMPLE: SystemStatsResponse = {
  status: 'online',
  workers: { total: 5, pinned: 2, fifo: 1, node: 2, idle: 4, busy: 1 },
  jobs: { succeeded: 120, failed: 3, in_progress: 1, queued: 0, total: 124 },
  nodes: { active: 2, total_capacity: 2048 },
  self_healing: { total_triggers: 0 },
  uptime_seconds: 3600.5,
};

export const CONNECTION_TEST_EXAMPLE: ConnectionTestResponse = {
  success: true,
  latency: 0.231,
  error: null,
  result: { driver: 'paramiko', host: '127.0.0.1', remote_version: 'SSH-2.0-OpenSSH_9.2p1' },
  timestamp: T2,
};

export const EXEC_REQUEST_EXAMPLE = {
  driver: 'paramiko',
  connection_args: { host: '127.0.0.1', port: 22, username: 'netops', password: 'secret' },
  command: ['echo hi', 'uname -s'],
};

export const EXEC_CONFIG_EXAMPLE = {
  driver: 'netmiko',
  connection_args: { device_type: 'cisco_ios', host: '127.0.0.2', username: 'netops', password: 'secret' },
  config: ['interface Loopback0', 'description managed by netpulse'],
  webhook: { url: 'http://127.0.0.1:8080/hooks/netpulse' },
};

export const BULK_REQUEST_EXAMPLE = {
  driver: 'netmiko',
  connection_args: { device_type: 'cisco_ios', username: 'netops', password: 'secret' },
  command: 'show version',
  devices: [{ host: '127.0.0.2' }, { host: '127.0.0.3', command: 'show ip interface brief' }],
};

export const CONNECTION_TEST_REQUEST_EXAMPLE = {
  driver: 'paramiko',
  connection_args: { host: '127.0.0.1', port: 22, username: 'netops', password: 'secret' },
};

export const RENDER_REQUEST_EXAMPLE = {
  name: 'jinja2',
  template: 'hostname {{ name }}\ninterface {{ intf }}\n description uplink',
  context: { name: 'lab-sw1', intf: 'Ethernet1' },
};

export const PARSE_REQUEST_EXAMPLE = {
  name: 'textfsm',
  template: 'Value INTF (\\S+)\nValue STATUS (up|down)\n\nStart\n  ^${INTF}\\s+${STATUS} -> Record\n',
  context: 'Ethernet1 up\nEthernet2 down\n',
};

export const DETACHED_TASK_EXAMPLE = {
  task_id: '1a2b3c4d-5e6',
  status: 'running',
  host: '127.0.0.1',
  driver: 'paramiko',
  worker_id: 'node-a_HostQ_127.0.0.1',
  push_interval: 30,
  webhook: null,
  connection_args: { host: '127.0.0.1', username: 'netops', password: '******' },
  command: ['tail -f /var/log/syslog'],
  last_sync: T2,
  created_at: T0,
};

export const ERROR_EXAMPLES = {
  forbidden: { detail: 'Invalid or missing API key.' },
  badRequest: { detail: '`host` is required in connection_args' },
  notFound: { detail: 'Job 3f2a9c1e-5b7d-4e0a-9c4f-1a2b3c4d5e6f not found' },
  conflict: { detail: 'A request with this Idempotency-Key is still being processed' },
  unavailable: { detail: 'No available FIFO worker to run the job' },
  internal: { detail: 'Internal Server Error: Detached Task query timed out' },
  execString: {
    detail:
      'Invalid JSON request: 1 validation error for ExecutionRequest\nttl\n  Input should be greater than or equal to 1 [type=greater_than_equal, input_value=0, input_type=int]',
  },
  list: {
    detail: [{ type: 'missing', loc: ['body', 'connection_args'], msg: 'Field required', input: { driver: 'paramiko', command: 'uname -a' } }],
  },
};

export const AUDIT_ENTRY_EXAMPLE = {
  time: '2026-01-01T10:00:00.000Z',
  event: 'job.accepted',
  key: 'automation',
  client: '127.0.0.1',
  request_id: '5b7d4e0a-9c4f-4a2b-8c3d-4e5f6a7b8c9d',
  route: 'POST /device/exec',
  job_id: '3f2a9c1e-5b7d-4e0a-9c4f-1a2b3c4d5e6f',
  driver: 'netmiko',
  host: '127.0.0.2',
  lines: ['snmp-server community ****** RO'],
};
