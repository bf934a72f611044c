import { NetpulseMetrics } from '../metrics/netpulse.metrics';
import { backgroundFailure } from './background-errors';

describe('backgroundFailure (the catch of work nobody awaits)', () => {
  it('logs the error with what was being done, counts it by source, and never throws', async () => {
    const lines: [string, string, Record<string, unknown>][] = [];
    const logger = { event: (level: string, msg: string, fields: Record<string, unknown> = {}) => void lines.push([level, msg, fields]) };
    const metrics = new NetpulseMetrics('t', { processMetrics: false });
    const handler = backgroundFailure(logger, metrics, 'control_loop', 'worker command failed', { node: 'n1', command: 'unpin' });
    expect(() => handler(new Error('Connection is closed.'))).not.toThrow();
    await Promise.reject(new Error('second')).catch(handler);
    expect(lines[0]).toEqual(['error', 'worker command failed', expect.objectContaining({ node: 'n1', command: 'unpin', source: 'control_loop', err: 'Connection is closed.' })]);
    expect(lines[0][2].stack).toContain('Connection is closed.');
    expect(await metrics.metrics()).toMatch(/^netpulse_background_errors_total\{source="control_loop",app="t"\} 2$/m);
  });
});
