/** One sample of a Prometheus text exposition. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (-?(?:[0-9.eE+-]+|NaN|\+Inf|-Inf))( -?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * A strict parser of the Prometheus text format (0.0.4): every line is a comment (`# HELP`,
 * `# TYPE`) or a sample; anything else throws, naming the line.
 */
export function parseExposition(text: string): MetricSample[] {
  const out: MetricSample[] = [];
  const types = new Map<string, string>();
  text.split('\n').forEach((line, i) => {
    if (line === '') return;
    if (line.startsWith('# HELP ')) return;
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(type)) throw new Error(`line ${i + 1}: bad TYPE ${type}`);
      if (types.has(name)) throw new Error(`line ${i + 1}: TYPE for ${name} given twice`);
      types.set(name, type);
      return;
    }
    if (line.startsWith('#')) throw new Error(`line ${i + 1}: unknown comment`);
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`line ${i + 1}: not a sample: ${line}`);
    const labels: Record<string, string> = {};
    if (m[3]) {
      const rest = m[3].replace(LABEL, (_all, k: string, v: string) => {
        labels[k] = v;
        return '';
      });
      if (rest.replace(/,/g, '').trim() !== '') throw new Error(`line ${i + 1}: bad labels: ${m[3]}`);
    }
    out.push({ name: m[1], labels, value: Number(m[4]) });
  });
  return out;
}
