// Rules for the manifests `helm template` renders from deploy/helm/netpulse, per values variant.
import { readFileSync } from 'node:fs';
import { checkAlerts } from './alerts.rules.mjs';
import { checkDashboard } from './dashboard.rules.mjs';
import { checkConfigKey, checkEnvName, fail, flattenKeys, loadYaml, must, ok, PRIVATE_IP, problems } from './report.mjs';

const YAML = loadYaml();

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
  PrometheusRule: 'monitoring.coreos.com/v1',
  Ingress: 'networking.k8s.io/v1',
};
// helm template --namespace in check.sh.
const RELEASE_NAMESPACE = 'netpulse';
const ALL_ALERTS = ['NetpulseQueueBacklog', 'NetpulseNoLiveNodeWorker', 'NetpulseWebhookDeliveryFailures', 'NetpulseControllerErrorRate', 'NetpulseEventLoopLag'];
const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

// What each values variant must render (check.sh renders tools/deploy-check/values-<variant>.yaml).
const VARIANTS = {
  default: {
    kinds: { Deployment: 2, StatefulSet: 1, Service: 3, ConfigMap: 1, Secret: 1, PodDisruptionBudget: 3, ServiceAccount: 1, Pod: 1 },
    env: { NETPULSE_REDIS__HOST: 'redis', NETPULSE_REDIS__PORT: '6379', NETPULSE_REDIS__DB: '0' },
    absentEnv: ['NETPULSE_REDIS__PASSWORD', 'NETPULSE_REDIS__TLS__ENABLED', 'NETPULSE_REDIS__SENTINEL__ENABLED'],
    externalSecrets: {},
    controllers: 2,
    nodeWorkers: 2,
  },
  full: {
    kinds: { Deployment: 2, StatefulSet: 2, Service: 5, ConfigMap: 2, Secret: 1, PodDisruptionBudget: 3, ServiceAccount: 1, Pod: 1, HorizontalPodAutoscaler: 1, ServiceMonitor: 1 },
    env: { NETPULSE_REDIS__HOST: 'release-netpulse-redis', NETPULSE_REDIS__PORT: '6379', NETPULSE_CREDENTIAL__FILE_ROOT: '/etc/netpulse-credentials' },
    secretEnv: ['NETPULSE_REDIS__PASSWORD', 'NETPULSE_CREDENTIAL__SECRET_ID'],
    externalSecrets: { 'vault-approle': ['secret-id'] },
    externalSecretVolumes: ['core-sw-credentials'],
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
    controllers: 2,
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
    controllers: 2,
    nodeWorkers: 2,
  },
  cluster: {
    kinds: { Deployment: 2, StatefulSet: 1, Service: 3, ConfigMap: 1, Secret: 1, PodDisruptionBudget: 3, ServiceAccount: 1, Pod: 1 },
    env: {
      NETPULSE_REDIS__CLUSTER__ENABLED: 'true',
      NETPULSE_REDIS__CLUSTER__NODES: 'redis-cluster-0.redis-cluster-headless.redis.svc:6379,redis-cluster-1.redis-cluster-headless.redis.svc:6379,redis-cluster-2.redis-cluster-headless.redis.svc:6379',
      NETPULSE_REDIS__DB: '0',
      NETPULSE_REDIS__WAIT_REPLICAS: '1',
      NETPULSE_REDIS__WAIT_TIMEOUT: '0.5',
    },
    absentEnv: ['NETPULSE_REDIS__HOST', 'NETPULSE_REDIS__PORT', 'NETPULSE_REDIS__SENTINEL__ENABLED'],
    secretEnv: ['NETPULSE_REDIS__PASSWORD'],
    externalSecrets: { 'netpulse-redis': ['password'] },
    controllers: 2,
    nodeWorkers: 2,
  },
  // The HA configuration of issue 6: 3 controllers, Sentinel, ServiceMonitor, PrometheusRule, Ingress.
  ha: {
    kinds: { Deployment: 2, StatefulSet: 1, Service: 3, ConfigMap: 2, Secret: 1, PodDisruptionBudget: 3, ServiceAccount: 1, Pod: 1, ServiceMonitor: 1, PrometheusRule: 1, Ingress: 1 },
    env: {
      NETPULSE_REDIS__SENTINEL__ENABLED: 'true',
      NETPULSE_REDIS__SENTINEL__HOST: 'redis-sentinel.redis.svc',
      NETPULSE_REDIS__SENTINEL__MASTER_NAME: 'netpulse',
    },
    absentEnv: ['NETPULSE_REDIS__HOST', 'NETPULSE_REDIS__PORT'],
    secretEnv: ['NETPULSE_REDIS__PASSWORD', 'NETPULSE_REDIS__SENTINEL__PASSWORD'],
    externalSecrets: { 'netpulse-api-key': ['api-key'] },
    controllers: 3,
    fifoWorkers: 3,
    nodeWorkers: 3,
    alerts: ALL_ALERTS,
    dashboard: true,
    ingressHosts: ['netpulse.example.com'],
  },
};

const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);

function podSpecOf(doc) {
  if (doc.kind === 'Pod') return { spec: doc.spec, labels: doc.metadata?.labels ?? {}, annotations: doc.metadata?.annotations ?? {} };
  const t = doc.spec?.template;
  return t ? { spec: t.spec, labels: t.metadata?.labels ?? {}, annotations: t.metadata?.annotations ?? {} } : null;
}

/** Checks one rendered variant; problems go to report.mjs. */
export function checkManifests(variant, file) {
  const expect = VARIANTS[variant];
  if (!expect) return fail(variant, `unknown variant (known: ${Object.keys(VARIANTS).join(', ')})`);
  const text = readFileSync(file, 'utf8');
  const docs = parseRendered(variant, text);
  if (!docs) return;
  ok(`${variant}: ${docs.length} manifests parse as YAML`);
  const before = problems.length;
  const ctx = { variant, expect, byKind: indexByKind(variant, expect, docs, text), pods: [] };
  collectReferences(ctx);
  for (const w of workloadsOf(ctx.byKind)) checkWorkload(ctx, w);
  checkCrossReferences(ctx);
  if (problems.length === before) {
    const extra = [ctx.byKind.Ingress && 'Ingress backends and TLS hosts', ctx.byKind.PrometheusRule && `${(expect.alerts ?? []).length} alerts against the exported metrics`].filter(Boolean);
    ok(`${variant}: kinds, non-root security contexts, probes, resources, env/secret/volume references, selectors, node-worker StatefulSet${extra.map((e) => `, ${e}`).join('')}`);
  }
}

const workloadsOf = (byKind) => [...(byKind.Deployment ?? []), ...(byKind.StatefulSet ?? []), ...(byKind.Pod ?? [])];

export function parseRendered(variant, text) {
  try {
    return YAML.parseAllDocuments(text)
      .map((d, i) => {
        if (d.errors.length) throw new Error(`document ${i + 1}: ${d.errors[0].message}`);
        return d.toJS();
      })
      .filter((d) => d !== null && d !== undefined);
  } catch (err) {
    fail(variant, `rendered manifests are not valid YAML: ${err.message}`);
    return null;
  }
}

/** Identity, apiVersion, unique names, labels, expected kinds and counts, no private addresses. */
function indexByKind(variant, expect, docs, text) {
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

  return byKind;
}

/** Secrets (rendered or expected to exist), ConfigMaps, and the app config.yaml. */
function collectReferences(ctx) {
  const { byKind, expect, variant } = ctx;
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
  ctx.jobTimeout = 300;
  const appConfigMap = (byKind.ConfigMap ?? []).find((c) => c.data?.['config.yaml'] !== undefined);
  if (must(appConfigMap, variant, 'no ConfigMap with config.yaml')) {
    try {
      const cfg = YAML.parse(appConfigMap.data['config.yaml']) ?? {};
      for (const key of flattenKeys(cfg)) checkConfigKey(`ConfigMap/${appConfigMap.metadata.name} config.yaml`, key);
      ctx.jobTimeout = cfg.job?.timeout ?? 300;
    } catch (err) {
      fail(`ConfigMap/${appConfigMap.metadata.name}`, `config.yaml is not valid YAML: ${err.message}`);
    }
  }

  Object.assign(ctx, { secrets, configMaps });
}

/** Pod security, probes, resources, env, volumes of one Deployment/StatefulSet/Pod. */
function checkWorkload(ctx, w) {
  const { byKind, configMaps, expect, jobTimeout, secrets } = ctx;
  const id = `${w.kind}/${w.metadata.name}`;
  const pod = podSpecOf(w);
  if (!must(pod?.spec, id, 'no pod spec')) return;
  ctx.pods.push({ w, ...pod });
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
        if (expect.controllers !== undefined) must(w.spec.replicas === expect.controllers, id, `replicas ${w.spec.replicas}, want ${expect.controllers}`);
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
        if (component === 'fifo-worker' && expect.fifoWorkers !== undefined) must(w.spec.replicas === expect.fifoWorkers, id, `replicas ${w.spec.replicas}, want ${expect.fifoWorkers}`);
      }
    }
  }
}

/** Component kinds, Services, PDBs, HPA, ServiceMonitor, PrometheusRule, Ingress and bundled Redis against each other. */
function checkCrossReferences(ctx) {
  const { byKind, expect, pods, variant } = ctx;
  const workloads = workloadsOf(byKind);
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
  const scraped = (byKind.Service ?? []).filter((s) => (byKind.ServiceMonitor ?? []).some((sm) => matches(sm.spec.selector?.matchLabels, s.metadata.labels)));
  checkDashboard(ctx, byKind.ConfigMap ?? [], { enabled: expect.dashboard === true });
  if (byKind.PrometheusRule) {
    must(byKind.ServiceMonitor, variant, 'a PrometheusRule without the ServiceMonitor: its alerts select series by the job labels the ServiceMonitor sets');
    checkAlerts(ctx, byKind.PrometheusRule, { metricServices: scraped.map((s) => s.metadata.name), namespace: RELEASE_NAMESPACE });
  } else {
    must(!(expect.alerts ?? []).length, variant, 'no PrometheusRule rendered');
  }
  for (const ing of byKind.Ingress ?? []) {
    const id = `Ingress/${ing.metadata.name}`;
    const ruleHosts = (ing.spec.rules ?? []).map((r) => r.host);
    must(JSON.stringify(ruleHosts) === JSON.stringify(expect.ingressHosts ?? []), id, `hosts ${ruleHosts.join(', ')}, want ${(expect.ingressHosts ?? []).join(', ')}`);
    for (const tls of ing.spec.tls ?? []) {
      for (const h of tls.hosts ?? []) must(ruleHosts.includes(h), id, `TLS host ${h} has no rule`);
      must(tls.secretName, id, 'a TLS entry without secretName');
    }
    for (const r of ing.spec.rules ?? []) {
      for (const p of r.http?.paths ?? []) {
        const svc = (byKind.Service ?? []).find((s) => s.metadata.name === p.backend?.service?.name);
        if (!must(svc, id, `path ${p.path}: backend Service ${p.backend?.service?.name} is not rendered`)) continue;
        must(svc.metadata.labels?.['app.kubernetes.io/component'] === 'controller', id, `path ${p.path}: backend ${svc.metadata.name} is not the controller Service`);
        const port = p.backend.service.port ?? {};
        must(svc.spec.ports.some((sp) => (port.name !== undefined ? sp.name === port.name : sp.port === port.number)), id, `path ${p.path}: port ${port.name ?? port.number} is not a port of ${svc.metadata.name}`);
        must(svc.spec.clusterIP !== 'None', id, `path ${p.path}: backend ${svc.metadata.name} is headless`);
      }
    }
  }
  if (expect.bundledRedis) {
    const redis = (byKind.StatefulSet ?? []).find((s) => s.metadata.labels?.['app.kubernetes.io/component'] === 'redis');
    const conf = (byKind.ConfigMap ?? []).find((c) => c.data?.['redis.conf'])?.data['redis.conf'] ?? '';
    must(redis, variant, 'no bundled Redis StatefulSet');
    must(/^appendonly yes$/m.test(conf) && /^maxmemory-policy noeviction$/m.test(conf), variant, 'bundled redis.conf lacks appendonly yes / maxmemory-policy noeviction');
    must(/^appendfsync (everysec|always)$/m.test(conf), variant, 'bundled redis.conf appendfsync is not everysec/always');
  }
}
