// The chart's PrometheusRule against the metrics the apps export: every netpulse_* series an alert
// reads must be defined in libs/observability/src/metrics/netpulse.metrics.ts, with the labels it
// matches on, and label values drawn from the closed sets of metric.labels.ts; job/namespace matchers
// must select the Services the chart's ServiceMonitor scrapes. Catches drift between the alerts and
// the code (a renamed metric or label would leave an alert that never fires).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, must, ROOT } from './report.mjs';

const METRICS_DIR = join(ROOT, 'libs/observability/src/metrics');

// Labels Prometheus (Operator) puts on every scraped series of a ServiceMonitor target.
const TARGET_LABELS = ['namespace', 'job', 'service', 'pod', 'container', 'endpoint', 'instance'];

// Which closed set of metric.labels.ts each (metric, label) draws its values from.
const VALUE_SETS = {
  netpulse_queue_jobs: { queue: 'QUEUE_FAMILIES', state: 'QUEUE_STATES' },
  netpulse_webhook_deliveries_total: { result: 'WEBHOOK_RESULTS' },
  netpulse_keepalive_probes_total: { result: 'KEEPALIVE_RESULTS' },
  netpulse_jobs_completed_total: { status: 'JOB_END_STATUSES', strategy: 'QUEUE_STRATEGIES' },
  netpulse_jobs_enqueued_total: { strategy: 'QUEUE_STRATEGIES' },
  netpulse_ssh_session_failures_total: { reason: 'SSH_FAILURE_REASONS' },
  netpulse_device_protection_events_total: { guard: 'DEVICE_GUARDS', event: 'DEVICE_GUARD_EVENTS' },
  netpulse_http_requests_total: { method: 'HTTP_METHODS' },
};

/** Metric name -> label names, read from the source; null when the source is not there. */
export function exportedMetrics() {
  const file = join(METRICS_DIR, 'netpulse.metrics.ts');
  if (!existsSync(file)) return null;
  const src = readFileSync(file, 'utf8');
  const prefix = /export const METRIC_PREFIX = '([a-z_]+)'/.exec(src)?.[1];
  if (!prefix) return null;
  const defaults = [...(/setDefaultLabels\(\{([^}]*)\}\)/.exec(src)?.[1] ?? '').matchAll(/(\w+)/g)].map((m) => m[1]);
  const list = (s) => [...(s ?? '').matchAll(/'(\w+)'/g)].map((m) => m[1]);
  const metrics = new Map();
  const add = (name, labels, histogram) => {
    const all = [...labels, ...defaults];
    if (histogram) {
      metrics.set(`${prefix}${name}_bucket`, [...all, 'le']);
      metrics.set(`${prefix}${name}_sum`, all);
      metrics.set(`${prefix}${name}_count`, all);
    } else metrics.set(`${prefix}${name}`, all);
  };
  // counter('name', 'help', ['label', ...]) and histogram('name', 'help', [...], BUCKETS)
  for (const m of src.matchAll(/\b(counter|histogram)\('(\w+)',\s*'(?:[^'\\]|\\.)*'(?:,\s*\[([^\]]*)\])?/g)) add(m[2], list(m[3]), m[1] === 'histogram');
  // new Gauge({ name: `${METRIC_PREFIX}name`, ..., labelNames: [...], ... })
  for (const m of src.matchAll(/new (Gauge|Counter|Histogram)(?:<[^>]*>)?\(\{\s*name: `\$\{METRIC_PREFIX\}(\w+)`/g)) {
    const rest = src.slice(m.index, src.indexOf('})', m.index));
    add(m[2], list(/labelNames: \[([^\]]*)\]/.exec(rest)?.[1]), m[1] === 'Histogram');
  }
  return metrics.size >= 10 ? metrics : null;
}

/** The closed label value sets of metric.labels.ts: const name -> values. */
function labelValueSets() {
  const file = join(METRICS_DIR, 'metric.labels.ts');
  if (!existsSync(file)) return null;
  const src = readFileSync(file, 'utf8');
  const sets = {};
  for (const m of src.matchAll(/export const (\w+) = \[([^\]]*)\] as const/g)) sets[m[1]] = [...m[2].matchAll(/'([^']*)'/g)].map((v) => v[1]);
  return sets;
}

/** Quotes, parentheses, braces and brackets balance (PromQL strings are "..." or '...' here). */
function balanced(expr) {
  const stack = [];
  const pairs = { ')': '(', '}': '{', ']': '[' };
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '"' || c === "'") {
      const end = expr.indexOf(c, i + 1);
      if (end < 0) return false;
      i = end;
    } else if ('({['.includes(c)) stack.push(c);
    else if (pairs[c] && stack.pop() !== pairs[c]) return false;
  }
  return stack.length === 0;
}

/**
 * Checks every alert of the rendered PrometheusRules. `metricServices` are the names of the rendered
 * Services the ServiceMonitor scrapes (job = Service name); `namespace` is the release namespace.
 */
export function checkAlerts(ctx, rules, { metricServices, namespace }) {
  const { expect, variant } = ctx;
  const metrics = exportedMetrics();
  const sets = labelValueSets();
  if (!must(metrics && sets, variant, 'cannot read the metric definitions in libs/observability/src/metrics (netpulse.metrics.ts, metric.labels.ts)')) return;
  const alerts = [];
  for (const pr of rules) {
    for (const g of pr.spec?.groups ?? []) {
      for (const r of g.rules ?? []) {
        if (!r.alert) continue;
        const id = `PrometheusRule/${pr.metadata.name} alert ${r.alert}`;
        alerts.push(r.alert);
        const expr = String(r.expr);
        must(balanced(expr), id, `expr has unbalanced quotes, parentheses or braces: ${expr}`);
        must(r.labels?.severity, id, 'has no severity label');
        must(r.annotations?.summary && r.annotations?.description, id, 'needs summary and description annotations');
        const selectors = [...expr.matchAll(/\b(netpulse_[a-z0-9_]+)\s*(\{([^}]*)\})?/g)];
        must(selectors.length > 0, id, 'reads no netpulse_* metric');
        for (const [, name, , body] of selectors) {
          const labels = metrics.get(name);
          if (!must(labels, id, `metric ${name} is not exported by libs/observability (netpulse.metrics.ts)`)) continue;
          for (const [, label, op, value] of (body ?? '').matchAll(/([a-zA-Z_]\w*)\s*(=~|!~|!=|=)\s*"([^"]*)"/g)) {
            if (!must(labels.includes(label) || TARGET_LABELS.includes(label), id, `${name} has no label ${label} (it has ${labels.join(', ')}; targets add ${TARGET_LABELS.join(', ')})`)) continue;
            const setName = VALUE_SETS[name]?.[label];
            if (setName && op === '=') {
              if (must(sets[setName], id, `${setName} is not in metric.labels.ts`)) must(sets[setName].includes(value), id, `${name}{${label}="${value}"}: ${value} is not one of ${setName} (${sets[setName].join(', ')})`);
            }
            if (label === 'namespace') must(op === '=' && value === namespace, id, `${name}: namespace matcher ${op}"${value}", want ="${namespace}" (the release namespace)`);
            if (label === 'job') {
              const selected = op === '=' ? metricServices.filter((s) => s === value) : op === '=~' ? metricServices.filter((s) => new RegExp(`^(?:${value})$`).test(s)) : [];
              must(selected.length > 0, id, `${name}: job${op}"${value}" selects none of the scraped Services (${metricServices.join(', ')})`);
            }
          }
          must(/\bnamespace\s*=/.test(body ?? '') && /\bjob\s*=/.test(body ?? ''), id, `${name} is not scoped to the release (namespace and job matchers)`);
        }
      }
    }
  }
  for (const want of expect.alerts ?? []) must(alerts.includes(want), variant, `alert ${want} is not rendered`);
  for (const a of alerts) must((expect.alerts ?? []).includes(a), variant, `unexpected alert ${a}`);
  if (new Set(alerts).size !== alerts.length) fail(variant, `an alert name is rendered twice: ${alerts.join(', ')}`);
}
