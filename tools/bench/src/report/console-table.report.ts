import { cpus } from 'node:os';
import { ScenarioReport, cpuVerdict } from './scenario.report';

/** The run's figures as a plain-text table on stdout. */
export function consoleTable(reports: ScenarioReport[]): string {
  const rows: string[][] = [['#', 'figure', 'median', 'p99', 'throughput', 'target']];
  for (const r of reports) {
    if (r.error) rows.push([r.id, `${r.title}: FAILED (${r.error})`, '', '', '', '']);
    for (const f of r.rows) {
      const target = f.target ? `${f.target.met ? 'met' : 'MISSED'}: ${f.target.text}` : '';
      rows.push([r.id, f.figure, f.median ?? '', f.p99 ?? '', f.throughput ?? '', target]);
    }
  }
  const widths = rows[0].map((_, c) => Math.min(72, Math.max(...rows.map((r) => r[c].length))));
  const line = (r: string[]): string => r.map((v, c) => (v.length > widths[c] ? `${v.slice(0, widths[c] - 1)}…` : v.padEnd(widths[c]))).join('  ');
  const cpu = reports.flatMap((r) => r.cpu.map((c) => `${r.id}  CPU ${cpuVerdict(c, cpus().length)}`));
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line), '', ...cpu].join('\n');
}
