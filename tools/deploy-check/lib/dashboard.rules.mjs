// The chart's Grafana dashboard against the metrics the apps export: every netpulse_* series a panel
// reads must be defined in libs/observability/src/metrics/netpulse.metrics.ts, and every label a panel
// matches on or groups by must be one of that metric's labels or a label the scrape adds. Catches
// drift between the dashboard and the code (a renamed metric or label leaves an empty panel).
import { must } from './report.mjs';
import { exportedMetrics } from './alerts.rules.mjs';

const TARGET_LABELS = ['namespace', 'job', 'service', 'pod', 'container', 'endpoint', 'instance'];

/** `configMaps`: the rendered ConfigMaps; `enabled`: whether the variant turns the dashboard on. */
export function checkDashboard(ctx, configMaps, { enabled }) {
  const { variant } = ctx;
  const cm = configMaps.find((c) => c.data?.['netpulse.json'] !== undefined);
  if (!enabled) {
    must(!cm, variant, 'the dashboard ConfigMap is rendered although grafanaDashboard.enabled is false');
    return;
  }
  if (!must(cm, variant, 'grafanaDashboard.enabled but no ConfigMap carries netpulse.json')) return;
  const id = `ConfigMap/${cm.metadata.name}`;
  must(cm.metadata.labels?.grafana_dashboard === '1', id, 'lacks the grafana_dashboard: "1" label the sidecar looks for');
  let dash;
  try {
    dash = JSON.parse(cm.data['netpulse.json']);
  } catch (err) {
    must(false, id, `netpulse.json is not JSON: ${err.message}`);
    return;
  }
  const metrics = exportedMetrics();
  if (!must(metrics, variant, 'cannot read the metric definitions in libs/observability/src/metrics')) return;
  must(Array.isArray(dash.panels) && dash.panels.length >= 10, id, 'has fewer than 10 panels');
  const ids = new Set();
  for (const p of dash.panels ?? []) {
    const pid = `${id} panel "${p.title}"`;
    must(!ids.has(p.id), pid, `panel id ${p.id} is used twice`);
    ids.add(p.id);
    must(Array.isArray(p.targets) && p.targets.length > 0, pid, 'has no query');
    for (const t of p.targets ?? []) {
      const expr = String(t.expr ?? '');
      const selectors = [...expr.matchAll(/\b(netpulse_[a-z0-9_]+)\s*(\{([^}]*)\})?/g)];
      if (!must(selectors.length > 0, pid, `query ${t.refId} reads no netpulse_* metric`)) continue;
      const grouped = [...expr.matchAll(/\bby\s*\(([^)]*)\)/g)].flatMap((m) => m[1].split(',').map((s) => s.trim()).filter((s) => s !== ''));
      for (const [, name, , body] of selectors) {
        const labels = metrics.get(name);
        if (!must(labels, pid, `metric ${name} is not exported by libs/observability (netpulse.metrics.ts)`)) continue;
        for (const [, label] of (body ?? '').matchAll(/([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)/g)) {
          must(labels.includes(label) || TARGET_LABELS.includes(label), pid, `${name} has no label ${label} (it has ${labels.join(', ')})`);
        }
        must(/\bnamespace\s*=\s*"\$namespace"/.test(body ?? ''), pid, `${name} is not scoped to the dashboard's $namespace`);
        for (const label of grouped) must(labels.includes(label) || TARGET_LABELS.includes(label), pid, `groups by ${label}, which ${name} does not have (it has ${labels.join(', ')})`);
      }
    }
  }
}
