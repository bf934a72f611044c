#!/usr/bin/env node
// Offline checks of what deploy/ ships, called by check.sh (no cluster, no Docker daemon needed):
//   node validate.mjs manifests <variant> <rendered.yaml>   rules for `helm template` output
//   node validate.mjs compose <docker-compose.yml>          the compose file
//   node validate.mjs docker <deploy/docker>                the Dockerfiles and their .dockerignore
// Prints one line per check group and every problem; exits 1 when any check fails.
// YAML comes from the `yaml` package the project depends on (root node_modules).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let YAML;
try {
  YAML = createRequire(join(ROOT, 'package.json'))('yaml');
} catch {
  console.error(`validate: the 'yaml' package is missing under ${ROOT}/node_modules: run npm ci first`);
  process.exit(2);
}

const problems = [];
const fail = (where, msg) => problems.push(`${where}: ${msg}`);
const ok = (msg) => console.log(`  ok  ${msg}`);
const must = (cond, where, msg) => {
  if (!cond) fail(where, msg);
  return Boolean(cond);
};

// ---------------------------------------------------------------------------------------------
// Config keys the apps know (libs/config/src/config.schema.ts, CONFIG_RULES), to catch drift between
// the env vars / config.yaml that deploy/ sets and what the apps read.
function knownConfigKeys() {
  const file = join(ROOT, 'libs/config/src/config.schema.ts');
  if (!existsSync(file)) return null;
  const src = readFileSync(file, 'utf8');
  const block = src.slice(src.indexOf('CONFIG_RULES'));
  const keys = new Set([...block.matchAll(/^\s*'([a-z0-9_]+(?:\.[a-z0-9_]+)+)'\s*:/gm)].map((m) => m[1]));
  const ignored = [...(src.match(/IGNORED_PREFIXES\s*=\s*\[([^\]]*)\]/)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]);
  return keys.size >= 10 ? { keys, ignored } : null;
}
const CONFIG = knownConfigKeys();
if (!CONFIG) console.log('  warn could not read CONFIG_RULES from libs/config/src/config.schema.ts: config key names not cross-checked');

function envToKey(name) {
  return name.slice('NETPULSE_'.length).toLowerCase().split('__').join('.');
}
function checkConfigKey(where, key) {
  if (!CONFIG) return;
  if (CONFIG.keys.has(key) || CONFIG.ignored.some((p) => key === p || key.startsWith(`${p}.`))) return;
  fail(where, `config key ${key} is not one the apps read (libs/config CONFIG_RULES)`);
}
function checkEnvName(where, name) {
  if (!name.startsWith('NETPULSE_')) return;
  if (name === 'NETPULSE_CONFIG_FILE') return;
  if (!name.includes('__')) return fail(where, `${name} is not of the form NETPULSE_<SECTION>__<KEY>`);
  checkConfigKey(where, envToKey(name));
}
function flattenKeys(tree, prefix = '', out = []) {
  for (const [k, v] of Object.entries(tree ?? {})) {
    const key = prefix ? `${prefix}.${k}` : k;
    // Leaves, and lists (allowed_targets, packages) are values.
    if (v && typeof v === 'object' && !Array.isArray(v) && !(CONFIG?.keys.has(key))) flattenKeys(v, key, out);
    else out.push(key);
  }
  return out;
}

// Only loopback addresses in anything we ship as an example.
const PRIVATE_IP = /\b(10\.\d{1,3}\.\d{1,3}\.\d{1,3}|192\.168\.\d{1,3}\.\d{1,3}|172\.(1[6-9]|2\d|3[01])\.\d{1,3}\.\d{1,3})\b/;

// ---------------------------------------------------------------------------------------------
// Rendered manifests
const API_VERSIONS = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  Service: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  ServiceAccount: 'v1',
  Pod: 'v1',
  PodDisruptionBudget: 'policy/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  ServiceMonitor: 'monitoring.coreos.com/v1',
};
const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

// What each values variant must render (check.sh renders tools/deploy-check/values-<variant>.yaml).
const VARIANTS = {
  default: {
    kinds: { Deployment: 2, StatefulSet: 1, Service: 3, ConfigMap: 1, Secret: 1, PodDisruptionBudget: 3, ServiceAccount: 1, Pod: 1 },
    env: { NETPULSE_REDIS__HOST: 'redis', NETPULSE_REDIS__PORT: '6379', NETPULSE_REDIS__DB: '0' },
    absentEnv: ['NETPULSE_REDIS__PASSWORD', 'NETPULSE_REDIS__TLS__ENABLED', 'NETPULSE_REDIS__SENTINEL__ENABLED'],
    externalSecrets: {},
    nodeWorkers: 2,
  },
  full: {
    kinds: { Deployment: 2, StatefulSet: 2, Service: 5, ConfigMap: 2, Secret: 1, PodDisruptionBudget: 3, ServiceAccount: 1, Pod: 1, HorizontalPodAutoscaler: 1, ServiceMonitor: 1 },
    env: { NETPULSE_REDIS__HOST: 'release-netpulse-redis', NETPULSE_REDIS__PORT: '6379' },
    secretEnv: ['NETPULSE_REDIS__PASSWORD'],
    externalSecrets: {},
    bundledRedis: true,
    nodeWorkers: 2,
  },
  'external-url': {
    kinds: { Deployment: 2, StatefulSet: 1, Service: 3, ConfigMap: 1, Secret: 1, PodDisruptionBudget: 2, ServiceAccount: 1, Pod: 1 },
    env: {
      NETPULSE_REDIS__HOST: 'redis.example.internal',
      NETPULSE_REDIS__PORT: '6380',
      NETPULSE_REDIS__DB: '2',
      NETPULSE_REDIS__USERNAME: 'netpulse',
      NETPULSE_REDIS__TLS__ENABLED: 'true',
      NETPULSE_REDIS__TLS__CA: '/etc/netpulse-redis-tls/ca.crt',
      NETPULSE_REDIS__TLS__CERT: '/etc/netpulse-redis-tls/tls.crt',
    },
    secretEnv: ['NETPULSE_REDIS__PASSWORD'],
    externalSecrets: { 'netpulse-api-key': ['key'] },
    externalSecretVolumes: ['netpulse-redis-tls'],
    nodeWorkers: 4,
  },
  sentinel: {
    kinds: { Deployment: 2, StatefulSet: 1, Service: 3, ConfigMap: 1, Secret: 1, PodDisruptionBudget: 3, ServiceAccount: 1, Pod: 1 },
    env: {
      NETPULSE_REDIS__SENTINEL__ENABLED: 'true',
      NETPULSE_REDIS__SENTINEL__HOST: 'redis-sentinel.redis.svc',
      NETPULSE_REDIS__SENTINEL__PORT: '26379',
      NETPULSE_REDIS__SENTINEL__MASTER_NAME: 'netpulse',
    },
    absentEnv: ['NETPULSE_REDIS__HOST'],
    secretEnv: ['NETPULSE_REDIS__PASSWORD', 'NETPULSE_REDIS__SENTINEL__PASSWORD'],
    externalSecrets: { 'netpulse-redis': ['password', 'sentinel-password'] },
    nodeWorkers: 2,
  },
};

const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);

function podSpecOf(doc) {
  if (doc.kind === 'Pod') return { spec: doc.spec, labels: doc.metadata?.labels ?? {}, annotations: doc.metadata?.annotations ?? {} };
  const t = doc.spec?.template;
  return t ? { spec: t.spec, labels: t.metadata?.labels ?? {}, annotations: t.metadata?.annotations ?? {} } : null;
}

function checkManifests(variant, file) {
  const expect = VARIANTS[variant];
  if (!expect) return fail(variant, `unknown variant (known: ${Object.keys(VARIANTS).join(', ')})`);
  const text = readFileSync(file, 'utf8');
  let docs;
  try {
    docs = YAML.parseAllDocuments(text).map((d, i) => {
      if (d.errors.length) throw new Error(`document ${i + 1}: ${d.errors[0].message}`);
      return d.toJS();
    });
  } catch (err) {
    return fail(variant, `rendered manifests are not valid YAML: ${err.message}`);
  }
  docs = docs.filter((d) => d !== null && d !== undefined);
  ok(`${variant}: ${docs.length} manifests parse as YAML`);
  const before = problems.length;

  // Identity, apiVersion, unique names, labels, no private addresses.
  const seen = new Set();
  const byKind = {};
  for (const d of docs) {
    const id = `${d?.kind ?? '?'}/${d?.metadata?.name ?? '?'}`;
    if (!must(d && typeof d === 'object' && d.kind && d.metadata?.name, variant, `a document without kind or metadata.name: ${JSON.stringify(d).slice(0, 80)}`)) continue;
    (byKind[d.kind] ??= []).push(d);
    must(API_VERSIONS[d.kind], id, `unexpected kind ${d.kind}`);
    must(!API_VERSIONS[d.kind] || d.apiVersion === API_VERSIONS[d.kind], id, `apiVersion ${d.apiVersion}, want ${API_VERSIONS[d.kind]}`);
    must(!seen.has(id), id, 'rendered twice');
    seen.add(id);
    must(DNS1123.test(d.metadata.name) && d.metadata.name.length <= (d.kind === 'Service' ? 63 : 253), id, 'name is not a DNS-1123 label');
    must(d.metadata.labels?.['app.kubernetes.io/instance'] && d.metadata.labels?.['app.kubernetes.io/name'], id, 'missing app.kubernetes.io/name or instance label');
  }
  must(!PRIVATE_IP.test(text), variant, 'a private (non-loopback) IP address appears in the rendered manifests');
  for (const [kind, n] of Object.entries(expect.kinds)) {
    must((byKind[kind] ?? []).length === n, variant, `expected ${n} ${kind}, rendered ${(byKind[kind] ?? []).length}`);
  }
  for (const kind of Object.keys(byKind)) must(expect.kinds[kind], variant, `unexpected ${kind} rendered: ${byKind[kind].map((d) => d.metadata.name).join(', ')}`);

  const secrets = new Map();
  for (const s of byKind.Secret ?? []) {
    const data = s.data ?? {};
    for (const [k, v] of Object.entries(data)) {
      must(typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v) && v.length % 4 === 0, `Secret/${s.metadata.name}`, `data.${k} is not base64`);
    }
    secrets.set(s.metadata.name, new Set([...Object.keys(data), ...Object.keys(s.stringData ?? {})]));
  }
  for (const [name, keys] of Object.entries(expect.externalSecrets)) secrets.set(name, new Set(keys));
  const configMaps = new Map((byKind.ConfigMap ?? []).map((c) => [c.metadata.name, c]));

  // The app config.yaml: parses, only known keys, and the timeout the grace periods must cover.
  let jobTimeout = 300;
  const appConfigMap = (byKind.ConfigMap ?? []).find((c) => c.data?.['config.yaml'] !== undefined);
  if (must(appConfigMap, variant, 'no ConfigMap with config.yaml')) {
    try {
      const cfg = YAML.parse(appConfigMap.data['config.yaml']) ?? {};
      for (const key of flattenKeys(cfg)) checkConfigKey(`ConfigMap/${appConfigMap.metadata.name} config.yaml`, key);
      jobTimeout = cfg.job?.timeout ?? 300;
    } catch (err) {
      fail(`ConfigMap/${appConfigMap.metadata.name}`, `config.yaml is not valid YAML: ${err.message}`);
    }
  }

  // Workloads: pod security, probes, resources, env, volumes.
  const workloads = [...(byKind.Deployment ?? []), ...(byKind.StatefulSet ?? []), ...(byKind.Pod ?? [])];
  const pods = [];
  for (const w of workloads) {
    const id = `${w.kind}/${w.metadata.name}`;
    const pod = podSpecOf(w);
    if (!must(pod?.spec, id, 'no pod spec')) continue;
    pods.push({ w, ...pod });
    const component = w.metadata.labels?.['app.kubernetes.io/component'];
    const isHook = w.kind === 'Pod';
    if (w.kind !== 'Pod') {
      must(w.spec.selector?.matchLabels && matches(w.spec.selector.matchLabels, pod.labels), id, 'selector.matchLabels do not match the pod template labels');
    }
    const psc = pod.spec.securityContext ?? {};
    const containers = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])];
    must(containers.length > 0, id, 'no containers');
    must(pod.spec.automountServiceAccountToken === false, id, 'automountServiceAccountToken is not false (the apps never call the Kubernetes API)');
    const volumes = new Map((pod.spec.volumes ?? []).map((v) => [v.name, v]));
    for (const t of w.spec?.volumeClaimTemplates ?? []) volumes.set(t.metadata.name, { pvc: true });
    for (const v of pod.spec.volumes ?? []) {
      if (v.configMap) must(configMaps.has(v.configMap.name), id, `volume ${v.name}: ConfigMap ${v.configMap.name} is not rendered`);
      if (v.secret) must(secrets.has(v.secret.secretName) || (expect.externalSecretVolumes ?? []).includes(v.secret.secretName), id, `volume ${v.name}: Secret ${v.secret.secretName} is neither rendered nor an expected existing Secret`);
    }
    for (const c of containers) {
      const cid = `${id} container ${c.name}`;
      const sc = c.securityContext ?? {};
      const runAsNonRoot = sc.runAsNonRoot ?? psc.runAsNonRoot;
      const runAsUser = sc.runAsUser ?? psc.runAsUser;
      must(runAsNonRoot === true, cid, 'does not set runAsNonRoot: true');
      must(Number.isInteger(runAsUser) && runAsUser > 0, cid, `runs as uid ${runAsUser} (want a non-zero runAsUser)`);
      must(sc.allowPrivilegeEscalation === false, cid, 'allowPrivilegeEscalation is not false');
      must(sc.privileged !== true, cid, 'is privileged');
      must(sc.readOnlyRootFilesystem === true, cid, 'readOnlyRootFilesystem is not true');
      must((sc.capabilities?.drop ?? []).includes('ALL'), cid, 'does not drop ALL capabilities');
      must(psc.seccompProfile?.type === 'RuntimeDefault' || sc.seccompProfile?.type === 'RuntimeDefault', cid, 'no RuntimeDefault seccomp profile');
      must(typeof c.image === 'string' && /:[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(c.image) && !c.image.endsWith(':latest'), cid, `image ${c.image} has no pinned tag`);
      for (const kind of ['requests', 'limits']) {
        must(c.resources?.[kind]?.cpu !== undefined && c.resources?.[kind]?.memory !== undefined, cid, `resources.${kind} needs cpu and memory`);
      }
      const ports = new Map((c.ports ?? []).map((p) => [p.name, p.containerPort]));
      if (!isHook) {
        for (const probe of ['livenessProbe', 'readinessProbe']) {
          if (!must(c[probe], cid, `no ${probe}`)) continue;
          const port = c[probe].httpGet?.port;
          if (typeof port === 'string') must(ports.has(port), cid, `${probe} uses port ${port}, which the container does not declare`);
        }
        if (component !== 'redis') {
          must(c.livenessProbe?.httpGet?.path === '/livez', cid, 'liveness probe is not GET /livez');
          must(c.readinessProbe?.httpGet?.path === '/readyz', cid, 'readiness probe is not GET /readyz');
          must(c.startupProbe?.httpGet?.path === '/livez', cid, 'startup probe is not GET /livez');
        }
      }
      const names = new Set();
      for (const e of c.env ?? []) {
        must(!names.has(e.name), cid, `env ${e.name} is set twice`);
        names.add(e.name);
        checkEnvName(cid, e.name);
        const ref = e.valueFrom?.secretKeyRef;
        if (ref) must(secrets.get(ref.name)?.has(ref.key), cid, `env ${e.name} reads Secret ${ref.name} key ${ref.key}, which is not rendered or expected`);
        must(e.value === undefined || typeof e.value === 'string', cid, `env ${e.name} value is not a string`);
      }
      const mounts = new Map((c.volumeMounts ?? []).map((m) => [m.mountPath, m]));
      for (const m of c.volumeMounts ?? []) must(volumes.has(m.name), cid, `volumeMount ${m.name} has no volume`);
      if (component && component !== 'redis' && !isHook) {
        // The app containers: the config file is mounted where NETPULSE_CONFIG_FILE points, writable /tmp and staging.
        const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom]));
        const cfgPath = env.NETPULSE_CONFIG_FILE;
        const cfgMount = [...mounts.values()].find((m) => typeof cfgPath === 'string' && cfgPath.startsWith(`${m.mountPath}/`));
        if (must(cfgMount, cid, `NETPULSE_CONFIG_FILE (${cfgPath}) is not under a volume mount`)) {
          const cm = volumes.get(cfgMount.name)?.configMap;
          must(cm && configMaps.get(cm.name)?.data?.[cfgPath.slice(cfgMount.mountPath.length + 1)] !== undefined, cid, `${cfgPath} is not a key of the mounted ConfigMap`);
        }
        must(mounts.get('/tmp') && !mounts.get('/tmp').readOnly, cid, 'no writable /tmp mount (the root filesystem is read-only)');
        must(mounts.get('/app/.netpulse') && !mounts.get('/app/.netpulse').readOnly, cid, 'no writable /app/.netpulse mount (storage.staging)');
        must(env.NETPULSE_SERVER__API_KEY?.secretKeyRef, cid, 'NETPULSE_SERVER__API_KEY does not come from a Secret');
        for (const [name, want] of Object.entries(expect.env ?? {})) must(env[name] === want, cid, `env ${name} = ${JSON.stringify(env[name])}, want ${JSON.stringify(want)}`);
        for (const name of expect.absentEnv ?? []) must(env[name] === undefined, cid, `env ${name} should not be set in this variant`);
        for (const name of expect.secretEnv ?? []) must(env[name]?.secretKeyRef, cid, `env ${name} should come from a Secret`);
        const tgps = pod.spec.terminationGracePeriodSeconds;
        if (component === 'controller') {
          must(env.NETPULSE_SERVER__PORT === String(ports.get('http')), cid, 'NETPULSE_SERVER__PORT differs from the http container port');
          must(c.lifecycle?.preStop, cid, 'no preStop hook (endpoint removal must reach proxies before shutdown)');
          must(tgps > (Number(c.lifecycle?.preStop?.exec?.command?.[1]) || 0), cid, 'terminationGracePeriodSeconds does not exceed the preStop sleep');
        } else {
          must(env.NETPULSE_METRICS__PORT === String(ports.get('metrics')), cid, 'NETPULSE_METRICS__PORT differs from the metrics container port');
          must(tgps >= jobTimeout + 10, cid, `terminationGracePeriodSeconds ${tgps} does not cover job.timeout ${jobTimeout} s plus shutdown`);
        }
        if (component === 'node-worker') {
          must(w.kind === 'StatefulSet', id, 'the node worker must be a StatefulSet (stable node names)');
          must(env.NETPULSE_WORKER__NODE_NAME?.fieldRef?.fieldPath === 'metadata.name', cid, 'NETPULSE_WORKER__NODE_NAME must come from the pod name (fieldRef metadata.name)');
          must(w.spec.replicas === expect.nodeWorkers, id, `replicas ${w.spec.replicas}, want ${expect.nodeWorkers}`);
          const gov = (byKind.Service ?? []).find((s) => s.metadata.name === w.spec.serviceName);
          must(gov && gov.spec.clusterIP === 'None', id, `serviceName ${w.spec.serviceName} is not a rendered headless Service`);
        } else {
          must(!env.NETPULSE_WORKER__NODE_NAME, cid, 'only node workers set NETPULSE_WORKER__NODE_NAME');
        }
      }
    }
  }
  const comp = (c) => workloads.filter((w) => w.metadata.labels?.['app.kubernetes.io/component'] === c);
  must(comp('controller').length === 1 && comp('controller')[0].kind === 'Deployment', variant, 'want exactly one controller Deployment');
  must(comp('fifo-worker').length === 1 && comp('fifo-worker')[0].kind === 'Deployment', variant, 'want exactly one fifo-worker Deployment');
  must(comp('node-worker').length === 1 && comp('node-worker')[0].kind === 'StatefulSet', variant, 'want exactly one node-worker StatefulSet');

  // Services select pods and target declared ports.
  for (const s of byKind.Service ?? []) {
    const id = `Service/${s.metadata.name}`;
    const selected = pods.filter((p) => p.w.kind !== 'Pod' && matches(s.spec.selector, p.labels));
    if (!must(s.spec.selector && selected.length > 0, id, 'selects no pods')) continue;
    for (const port of s.spec.ports ?? []) {
      if (typeof port.targetPort !== 'string') continue;
      must(selected.every((p) => p.spec.containers.some((c) => (c.ports ?? []).some((cp) => cp.name === port.targetPort))), id, `targetPort ${port.targetPort} is not a container port of the selected pods`);
    }
  }
  for (const pdb of byKind.PodDisruptionBudget ?? []) {
    must(pods.some((p) => p.w.kind !== 'Pod' && matches(pdb.spec.selector?.matchLabels, p.labels)), `PodDisruptionBudget/${pdb.metadata.name}`, 'selects no pods');
    must((pdb.spec.maxUnavailable === undefined) !== (pdb.spec.minAvailable === undefined), `PodDisruptionBudget/${pdb.metadata.name}`, 'needs exactly one of maxUnavailable/minAvailable');
  }
  for (const hpa of byKind.HorizontalPodAutoscaler ?? []) {
    const id = `HorizontalPodAutoscaler/${hpa.metadata.name}`;
    const target = (byKind[hpa.spec.scaleTargetRef?.kind] ?? []).find((d) => d.metadata.name === hpa.spec.scaleTargetRef?.name);
    if (must(target, id, 'scaleTargetRef is not rendered')) must(target.spec.replicas === undefined, id, `${target.metadata.name} sets replicas although an HPA scales it`);
    must(hpa.spec.minReplicas <= hpa.spec.maxReplicas && (hpa.spec.metrics ?? []).length > 0, id, 'bad min/max replicas or no metrics');
  }
  for (const sm of byKind.ServiceMonitor ?? []) {
    const id = `ServiceMonitor/${sm.metadata.name}`;
    const selected = (byKind.Service ?? []).filter((s) => matches(sm.spec.selector?.matchLabels, s.metadata.labels));
    const comps = new Set(selected.map((s) => s.metadata.labels['app.kubernetes.io/component']));
    must(['controller', 'fifo-worker', 'node-worker'].every((c) => comps.has(c)), id, `selects Services of ${[...comps].join(', ') || 'nothing'}; want controller, fifo-worker and node-worker`);
    for (const ep of sm.spec.endpoints ?? []) must(selected.some((s) => s.spec.ports.some((p) => p.name === ep.port)), id, `endpoint port ${ep.port} is on no selected Service`);
  }
  if (expect.bundledRedis) {
    const redis = (byKind.StatefulSet ?? []).find((s) => s.metadata.labels?.['app.kubernetes.io/component'] === 'redis');
    const conf = (byKind.ConfigMap ?? []).find((c) => c.data?.['redis.conf'])?.data['redis.conf'] ?? '';
    must(redis, variant, 'no bundled Redis StatefulSet');
    must(/^appendonly yes$/m.test(conf) && /^maxmemory-policy noeviction$/m.test(conf), variant, 'bundled redis.conf lacks appendonly yes / maxmemory-policy noeviction');
    must(/^appendfsync (everysec|always)$/m.test(conf), variant, 'bundled redis.conf appendfsync is not everysec/always');
  }
  if (problems.length === before) ok(`${variant}: kinds, non-root security contexts, probes, resources, env/secret/volume references, selectors, node-worker StatefulSet`);
}

// ---------------------------------------------------------------------------------------------
// docker-compose.yml
function checkCompose(file) {
  const where = relative(ROOT, file);
  const text = readFileSync(file, 'utf8');
  let doc;
  try {
    doc = YAML.parse(text, { merge: true });
  } catch (err) {
    return fail(where, `not valid YAML: ${err.message}`);
  }
  ok(`${where} parses as YAML`);
  const before = problems.length;
  must(!PRIVATE_IP.test(text), where, 'a private (non-loopback) IP address appears');
  const services = doc?.services ?? {};
  const want = ['redis', 'controller', 'fifo-worker', 'node-worker-1', 'node-worker-2'];
  must(JSON.stringify(Object.keys(services).sort()) === JSON.stringify([...want].sort()), where, `services are ${Object.keys(services).join(', ')}; want ${want.join(', ')}`);
  const redisCmd = [].concat(services.redis?.command ?? []).join(' ');
  must(/--appendonly yes/.test(redisCmd) && /--maxmemory-policy noeviction/.test(redisCmd), where, 'redis runs without --appendonly yes and --maxmemory-policy noeviction');
  must(services.redis?.volumes?.some((v) => String(v).endsWith(':/data')), where, 'redis has no volume on /data (AOF would not survive the container)');
  const nodeNames = new Set();
  for (const name of want.filter((n) => n !== 'redis')) {
    const s = services[name];
    if (!s) continue;
    const id = `${where} ${name}`;
    const env = s.environment ?? {};
    must(!Array.isArray(env), id, 'environment should be a mapping');
    for (const k of Object.keys(env)) checkEnvName(id, k);
    must(String(env.NETPULSE_SERVER__API_KEY ?? '').includes('${NETPULSE_API_KEY'), id, 'NETPULSE_SERVER__API_KEY does not come from ${NETPULSE_API_KEY}');
    must(env.NETPULSE_REDIS__HOST === 'redis', id, 'NETPULSE_REDIS__HOST is not the redis service');
    must(s.depends_on?.redis?.condition === 'service_healthy', id, 'does not wait for a healthy redis');
    must(s.read_only === true && s.init === true, id, 'should run read_only with init: true');
    const app = name.replace(/-\d+$/, '');
    must(s.build?.dockerfile === `deploy/docker/${app}.Dockerfile` && existsSync(join(dirname(file), s.build?.context ?? '.', s.build?.dockerfile ?? '')), id, `build.dockerfile should be deploy/docker/${app}.Dockerfile in context ..`);
    must(String(s.image ?? '').startsWith(`netpulse/${app}:`), id, `image should be netpulse/${app}:<tag>`);
    if (app === 'controller') {
      must((s.ports ?? []).includes('127.0.0.1:9000:9000'), id, 'port 9000 is not published on 127.0.0.1');
    } else {
      must(env.NETPULSE_METRICS__PORT === (app === 'fifo-worker' ? '9101' : '9102'), id, 'NETPULSE_METRICS__PORT should be 9101 (fifo) / 9102 (node)');
      must(/^\d+s$/.test(s.stop_grace_period ?? '') && parseInt(s.stop_grace_period, 10) >= 310, id, 'stop_grace_period should cover job.timeout (300 s) plus shutdown');
    }
    if (app === 'fifo-worker') must(s.deploy?.replicas === 2, id, 'deploy.replicas should be 2');
    if (app === 'node-worker') {
      must(env.NETPULSE_WORKER__NODE_NAME && !nodeNames.has(env.NETPULSE_WORKER__NODE_NAME), id, 'needs its own NETPULSE_WORKER__NODE_NAME');
      nodeNames.add(env.NETPULSE_WORKER__NODE_NAME);
    }
  }
  if (problems.length === before) ok(`${where}: services ${want.join(', ')}; redis AOF + noeviction; env names known; distinct node names`);
}

// ---------------------------------------------------------------------------------------------
// Dockerfiles
const INSTRUCTIONS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);
const APPS = { controller: 9000, 'fifo-worker': 9101, 'node-worker': 9102 };

/** Instructions with line continuations joined and comments dropped: [{line, cmd, args}]. */
export function parseDockerfile(text) {
  const out = [];
  let buf = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!buf && /^\s*(#.*)?$/.test(line)) return;
    if (buf && /^\s*#/.test(line)) return; // comment inside a continuation
    if (!buf) start = i + 1;
    if (/\\\s*$/.test(line)) {
      buf += line.replace(/\\\s*$/, ' ');
      return;
    }
    buf += line;
    const m = buf.trim().match(/^(\S+)\s*(.*)$/s);
    out.push({ line: start, cmd: m[1].toUpperCase(), args: m[2].trim() });
    buf = '';
  });
  if (buf) out.push({ line: start, cmd: 'UNTERMINATED', args: buf });
  return out;
}

/** A .dockerignore as moby's patternmatcher reads it: last matching pattern wins, parents count. */
function dockerignoreMatcher(text) {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pat = (negate ? l.slice(1) : l).trim().replace(/^\/+/, '').replace(/\/+$/, '');
      let re = '';
      for (let i = 0; i < pat.length; i++) {
        const ch = pat[i];
        if (ch === '*' && pat[i + 1] === '*') {
          if (pat[i + 2] === '/') {
            re += '(?:.*/)?';
            i += 2;
          } else {
            re += '.*';
            i += 1;
          }
        } else if (ch === '*') re += '[^/]*';
        else if (ch === '?') re += '[^/]';
        else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      }
      return { negate, re: new RegExp(`^${re}$`) };
    });
  return (path) => {
    const parts = path.split('/');
    let excluded = false;
    for (const r of rules) {
      let hit = false;
      for (let n = parts.length; n >= 1 && !hit; n--) hit = r.re.test(parts.slice(0, n).join('/'));
      if (hit) excluded = !r.negate;
    }
    return excluded;
  };
}

function filesUnder(rel) {
  const abs = join(ROOT, rel);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [rel];
  const out = [];
  for (const name of readdirSync(abs)) {
    if (name === 'node_modules' || name === 'dist') continue;
    out.push(...filesUnder(`${rel}/${name}`));
  }
  return out;
}

function checkDocker(dir) {
  const before = problems.length;
  const ignores = {};
  const stagePrefix = {};
  for (const [app, port] of Object.entries(APPS)) {
    const rel = relative(ROOT, join(dir, `${app}.Dockerfile`));
    const file = join(ROOT, rel);
    if (!must(existsSync(file), rel, 'missing')) continue;
    const text = readFileSync(file, 'utf8');
    const ins = parseDockerfile(text);
    const at = (i) => `${rel}:${i.line}`;
    must(!PRIVATE_IP.test(text), rel, 'a private (non-loopback) IP address appears');
    const ignorePath = `${file}.dockerignore`;
    if (must(existsSync(ignorePath), rel, `no ${relative(ROOT, ignorePath)} (BuildKit's per-Dockerfile ignore file)`)) ignores[app] = readFileSync(ignorePath, 'utf8');
    const excluded = dockerignoreMatcher(ignores[app] ?? '');

    for (const i of ins) must(INSTRUCTIONS.has(i.cmd), at(i), `unknown instruction ${i.cmd}`);
    const firstReal = ins.find((i) => i.cmd !== 'ARG');
    must(firstReal?.cmd === 'FROM', rel, 'the first instruction after ARGs must be FROM');
    const args = Object.fromEntries(ins.filter((i) => i.cmd === 'ARG' && ins.indexOf(i) < ins.indexOf(firstReal)).map((i) => i.args.split('=')));
    const stages = [];
    for (const i of ins) {
      if (i.cmd === 'FROM') {
        const m = i.args.match(/^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i);
        if (!must(m, at(i), `cannot read FROM ${i.args}`)) continue;
        const image = m[1].replace(/^\$\{?(\w+)\}?$/, (_, v) => args[v] ?? `<unset ARG ${v}>`);
        must(!m[2] || !stages.some((s) => s.name === m[2]), at(i), `stage name ${m[2]} used twice`);
        stages.push({ name: m[2] ?? `#${stages.length}`, image, ins: [], line: i.line });
      } else if (stages.length) stages[stages.length - 1].ins.push(i);
    }
    for (const s of stages) must(s.image === 'node:20-bookworm-slim' || stages.some((p) => p.name === s.image), `${rel}:${s.line}`, `stage ${s.name} is FROM ${s.image}, want node:20-bookworm-slim`);
    const final = stages[stages.length - 1];
    if (!final) continue;
    const names = stages.map((s) => s.name);
    stages.forEach((s, si) => {
      for (const i of s.ins) {
        if (i.cmd !== 'COPY' && i.cmd !== 'ADD') continue;
        must(i.cmd === 'COPY', at(i), 'use COPY, not ADD');
        const from = i.args.match(/--from=(\S+)/)?.[1];
        const words = i.args.split(/\s+/).filter((w) => !w.startsWith('--'));
        if (from) {
          must(names.slice(0, si).includes(from), at(i), `COPY --from=${from}: no earlier stage of that name`);
          continue;
        }
        for (const src of words.slice(0, -1)) {
          const files = filesUnder(src.replace(/\/+$/, ''));
          if (!must(files.length > 0, at(i), `COPY source ${src} does not exist in the repository`)) continue;
          must(files.some((f) => !excluded(f)), at(i), `COPY source ${src} is excluded by the .dockerignore`);
        }
      }
    });
    const all = stages.flatMap((s) => s.ins.map((i) => ({ ...i, stage: s.name })));
    must(all.some((i) => i.cmd === 'RUN' && /\bnpm ci\b.*--omit=dev/.test(i.args) && i.stage !== final.name), rel, 'no stage runs npm ci --omit=dev');
    must(all.some((i) => i.cmd === 'RUN' && /\bnpm run build\b/.test(i.args)), rel, 'no stage runs npm run build');
    must(!final.ins.some((i) => i.cmd === 'RUN' && /\bnpm (ci|install)\b/.test(i.args)), rel, 'the final stage installs packages itself (copy them from a deps stage)');
    const copiedDst = final.ins.filter((i) => i.cmd === 'COPY').map((i) => i.args);
    for (const want of ['./node_modules', './dist', './libs/templates/ntc-templates']) must(copiedDst.some((a) => a.endsWith(` ${want}`)), rel, `final stage does not copy ${want}`);
    must(copiedDst.some((a) => /--from=manifests\s+\/out\/\s+\.\/$/.test(a)), rel, 'final stage does not copy the workspace stubs (libs/*/package.json, index.js)');
    const user = [...final.ins].reverse().find((i) => i.cmd === 'USER');
    must(user && /^[1-9]\d*(:\d+)?$/.test(user.args), rel, `final stage USER ${user?.args ?? '(none)'} is not a numeric non-root uid (Kubernetes runAsNonRoot needs one)`);
    const userIdx = final.ins.indexOf(user);
    must(!final.ins.slice(userIdx + 1).some((i) => i.cmd === 'RUN'), rel, 'RUN after USER in the final stage');
    must(final.ins.some((i) => i.cmd === 'HEALTHCHECK' && /CMD/.test(i.args)), rel, 'final stage has no HEALTHCHECK');
    must(final.ins.some((i) => i.cmd === 'EXPOSE' && i.args.split(/\s+/).includes(String(port))), rel, `final stage does not EXPOSE ${port}`);
    const cmd = [...final.ins].reverse().find((i) => i.cmd === 'CMD');
    let argv = null;
    try {
      argv = JSON.parse(cmd?.args ?? 'null');
    } catch {
      /* shell form */
    }
    const wantCmd = ['node', `dist/apps/${app}/src/main.js`];
    must(JSON.stringify(argv) === JSON.stringify(wantCmd), rel, `CMD ${cmd?.args} should be the exec form ${JSON.stringify(wantCmd)}`);
    must(existsSync(join(ROOT, 'apps', app, 'src', 'main.ts')), rel, `apps/${app}/src/main.ts does not exist`);
    const wd = [...final.ins].reverse().find((i) => i.cmd === 'WORKDIR');
    must(wd?.args === '/app', rel, 'final WORKDIR should be /app (CMD and healthcheck paths are relative to it)');
    // Every stage before the runtime stage is shared by the three images, byte for byte.
    stagePrefix[app] = text.slice(text.indexOf('ARG NODE_IMAGE'), text.indexOf('FROM ${NODE_IMAGE} AS runtime'));
  }
  const prefixes = Object.values(stagePrefix);
  must(prefixes.every((p) => p === prefixes[0]), 'deploy/docker', 'the build stages differ between the three Dockerfiles (keep them identical)');
  const ig = Object.values(ignores);
  must(ig.every((t) => t === ig[0]), 'deploy/docker', 'the three <app>.Dockerfile.dockerignore files differ');
  const m = dockerignoreMatcher(ig[0] ?? '');
  for (const [path, want] of [
    ['node_modules/yaml/package.json', true],
    ['dist/apps/controller/src/main.js', true],
    ['.git/HEAD', true],
    ['.netpulse/api-key', true],
    ['libs/config/src/config.loader.spec.ts', true],
    ['libs/config/src/config.loader.ts', false],
    ['libs/templates/ntc-templates/index', false],
    ['deploy/docker/healthcheck.mjs', false],
    ['package-lock.json', false],
  ]) {
    must(m(path) === want, 'deploy/docker/*.dockerignore', `${path} should be ${want ? 'excluded from' : 'in'} the build context`);
  }
  if (problems.length === before) ok('Dockerfiles: syntax, stages, COPY sources in the context, npm ci --omit=dev, numeric non-root USER, HEALTHCHECK, CMD, identical build stages and .dockerignore');
}

// ---------------------------------------------------------------------------------------------
const [mode, ...rest] = process.argv.slice(2);
if (mode === 'manifests') checkManifests(rest[0], rest[1]);
else if (mode === 'compose') checkCompose(resolve(rest[0]));
else if (mode === 'docker') checkDocker(resolve(rest[0]));
else {
  console.error('usage: validate.mjs manifests <variant> <file> | compose <file> | docker <dir>');
  process.exit(2);
}
for (const p of problems) console.log(`  FAIL ${p}`);
process.exit(problems.length ? 1 : 0);
