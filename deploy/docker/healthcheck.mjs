// Container health probe for the NetPulse images (Docker HEALTHCHECK and the chart's `helm test`).
// Usage: node healthcheck.mjs <server|metrics|URL> [path]
//   server  -> http://127.0.0.1:$NETPULSE_SERVER__PORT (default 9000), the controller's own port
//   metrics -> http://127.0.0.1:$NETPULSE_METRICS__PORT, where a worker serves /livez, /readyz, /metrics
//   URL     -> that base URL (e.g. the controller Service from a test pod)
// path defaults to /livez. Exit 0 on a 2xx answer within 4 s, 1 otherwise. Uses Node's built-in fetch
// (no curl/wget in the slim image).
const [target = 'server', path = '/livez'] = process.argv.slice(2);
let base;
if (target === 'server') base = `http://127.0.0.1:${process.env.NETPULSE_SERVER__PORT || 9000}`;
else if (target === 'metrics') {
  const port = process.env.NETPULSE_METRICS__PORT;
  if (!port) {
    process.stderr.write('healthcheck: NETPULSE_METRICS__PORT is not set, the worker serves no probes\n');
    process.exit(1);
  }
  base = `http://127.0.0.1:${port}`;
} else base = target.replace(/\/+$/, '');

try {
  const res = await fetch(base + path, { signal: AbortSignal.timeout(4000) });
  process.stdout.write(`${base}${path} -> ${res.status}\n`);
  process.exit(res.ok ? 0 : 1);
} catch (err) {
  process.stderr.write(`${base}${path} -> ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
