import type { FigureRow, ScenarioReport } from './scenario.report';

/** The row of scenario `id` whose figure starts with `prefix` (trimmed), if this run has it. */
function row(reports: ScenarioReport[], id: string, prefix: string): FigureRow | undefined {
  return reports.find((r) => r.id === id)?.rows.find((f) => f.figure.trim().startsWith(prefix));
}

const v = (r: FigureRow | undefined, col: 'median' | 'throughput' = 'median'): string => r?.[col] ?? 'not measured in this run';

/**
 * NetPulse 0.4's published figures next to what this run measured. Context only:
 * theirs are real devices over real networks, ours a simulator on loopback with the latency we set.
 */
export function originalClaims(reports: ScenarioReport[]): string[] {
  return [
    'The original publishes no benchmark code or data; its figures are real devices over real networks, ours simulated devices (or a local sshd) on loopback with the device time we configure. Read the right-hand column as "what NetPulse itself adds", not as a like-for-like race.',
    '',
    '| the original says | this run |',
    '|---|---|',
    `| a new SSH connection "usually takes 2–5 s" | first pinned job with a 500 ms simulated login: ${v(row(reports, '2', 'pinned: first job'))}; on the local OpenSSH: ${v(row(reports, '2b', 'paramiko: pinned first job'))} (paramiko), ${v(row(reports, '2b', 'netmiko (device_type linux): pinned first job'))} (netmiko) |`,
    `| with a persistent session, later operations 0.5–0.9 s instead of 2–5 s | later pinned job on a device answering in 50 ms: ${v(row(reports, '2', 'pinned: later jobs'))} (a FIFO job on the same device: ${v(row(reports, '2', 'FIFO: every job'))}); zero-latency device: ${v(row(reports, '1', 'end to end'))} |`,
    `| 10 operations on one device 5–9 s instead of 20–50 s | ${v(row(reports, '2', '10 operations on one device, pinned'))} pinned vs ${v(row(reports, '2', '10 operations on one device, FIFO'))} on FIFO (50 ms per command, 500 ms login) |`,
    `| 18 node-worker pods × 128 pinned = 2,304 device slots; \`pinned_per_node\` 32–128 (a process per device) | ${v(row(reports, '4', '5,000 sessions: node RSS per session'))} per session with 5,000 sessions in one node-worker process (pinned in ${v(row(reports, '4', '5,000 sessions: time to pin'))}) |`,
    `| one job at a time per FIFO worker process | 64 at a time: ${v(row(reports, '3', 'FIFO (paramiko, new session per job): finished jobs/s'), 'throughput')} from one fifo-worker process, a new SSH session per job |`,
  ];
}
