import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * Runs `body` in a fresh Node process with the built observability package and the policy installed;
 * resolves to its exit code and stdout (the JSON log lines).
 */
function runWithPolicy(body: string): Promise<{ code: number | null; out: string }> {
  const script = `
    const { AppLogger, NetpulseMetrics, installProcessErrorPolicy } = require(${JSON.stringify(join(ROOT, 'libs', 'observability'))});
    const logger = new AppLogger('policy-test', 'info');
    const metrics = new NetpulseMetrics('policy-test', { processMetrics: false });
    installProcessErrorPolicy(logger, metrics);
    ${body}
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('process error policy (a real Node process)', () => {
  it('an unhandled rejection is logged with its stack and counted, and the process goes on', async () => {
    const { code, out } = await runWithPolicy(`
      Promise.reject(new Error('pins.release: Connection is closed.'));
      setTimeout(async () => {
        const text = await metrics.metrics();
        process.stdout.write('METRIC ' + (text.match(/netpulse_background_errors_total\\{source="unhandled_rejection"[^}]*\\} (\\d+)/) || [])[1] + '\\n');
        process.exit(0);
      }, 100);
    `);
    expect(code).toBe(0);
    expect(out).toContain('unhandled promise rejection (logged, process continues)');
    expect(out).toContain('pins.release: Connection is closed.');
    expect(out).toContain('METRIC 1');
  });

  it('an uncaught exception leaves the state unknown: logged, then the process exits 1', async () => {
    const { code, out } = await runWithPolicy(`setTimeout(() => { throw new Error('corrupted'); }, 10); setTimeout(() => process.exit(0), 2000);`);
    expect(code).toBe(1);
    expect(out).toContain('uncaught exception: process state unknown, exiting');
    expect(out).toContain('corrupted');
  });
});
