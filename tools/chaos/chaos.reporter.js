// Gathers the rows the chaos tests recorded (one JSON file each in `rowsDir`) into one report at
// `out` and prints it as a table: fault, load held, accepted, finished, failed (with reasons), lost.
const { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');

function reasons(map) {
  const parts = Object.entries(map || {}).map(([k, v]) => `${k}:${v}`);
  return parts.length > 0 ? parts.join(' ') : '-';
}

function table(rows) {
  const head = ['fault', 'load (jobs/s x s)', 'accepted', 'finished', 'failed (reason:n)', 'lost', 'refused (status:n)', 'slowest req'];
  const lines = rows.map((r) => [
    r.fault,
    `${r.jobsPerSec} x ${r.durationS}`,
    String(r.accepted),
    String(r.finished),
    `${r.failed} ${reasons(r.failedBy)}`,
    String(r.lost),
    reasons(r.refusedBy),
    `${(r.slowestMs / 1000).toFixed(1)} s`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const sep = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [fmt(head), sep, ...lines.map(fmt)].join('\n');
}

class ChaosReporter {
  constructor(_globalConfig, options) {
    this.rowsDir = options.rowsDir;
    this.out = options.out;
  }

  onRunStart() {
    rmSync(this.rowsDir, { recursive: true, force: true });
    mkdirSync(this.rowsDir, { recursive: true });
  }

  onRunComplete(_contexts, results) {
    let files = [];
    try {
      files = readdirSync(this.rowsDir).filter((f) => f.endsWith('.json')).sort();
    } catch {
      files = [];
    }
    const rows = files.map((f) => JSON.parse(readFileSync(`${this.rowsDir}/${f}`, 'utf8')));
    const totals = rows.reduce((t, r) => ({ accepted: t.accepted + r.accepted, lost: t.lost + r.lost }), { accepted: 0, lost: 0 });
    const report = {
      generatedAt: new Date().toISOString(),
      passed: results.numFailedTests === 0 && results.numRuntimeErrorTestSuites === 0,
      tests: { passed: results.numPassedTests, failed: results.numFailedTests },
      totals,
      rows,
    };
    mkdirSync(dirname(this.out), { recursive: true });
    writeFileSync(this.out, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`\nChaos report (${this.out})\n${table(rows)}\n`);
    process.stdout.write(`total accepted ${totals.accepted}, lost ${totals.lost}\n`);
    for (const r of rows) if (r.notes) process.stdout.write(`  ${r.fault}: ${r.notes}\n`);
  }
}

module.exports = ChaosReporter;
