// The chaos suite (`npm run test:chaos`): faults injected into the real system under sustained load
// (apps/e2e/src/chaos/*.chaos-spec.ts). Same environment as `npm test` (global setup: private sshd,
// Redis namespace), one suite at a time on this small machine, and a report of every fault written to
// .netpulse/chaos-report.json and printed at the end.
const { join } = require('node:path');
const base = require('./jest.config.js');

const reportDir = join(__dirname, '.netpulse', 'chaos-run');
// Test workers inherit this: each chaos test records its rows there; the reporter gathers them.
process.env.NETPULSE_CHAOS_REPORT_DIR = reportDir;

module.exports = {
  ...base,
  roots: ['<rootDir>/apps/e2e/src/chaos'],
  testMatch: ['**/*.chaos-spec.ts'],
  testTimeout: 180000,
  maxWorkers: 1,
  reporters: [
    'default',
    ['<rootDir>/tools/chaos/chaos.reporter.js', { rowsDir: reportDir, out: join(__dirname, '.netpulse', 'chaos-report.json') }],
    '<rootDir>/tools/testing/summary.reporter.js',
  ],
};
