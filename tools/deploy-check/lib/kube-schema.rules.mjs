// Kubernetes schema validation of rendered manifests, offline.
//
// Built-in kinds: the model classes of `kubernetes-models` (OpenAPI schemas of the Kubernetes API,
// compiled to validate functions) and `validate()`: types, enums, required fields, formats. Those
// schemas allow unknown fields, which the API server refuses (strict field validation, kubectl's and
// Helm's default), so unknown fields are checked too, against the property lists of the same models'
// type declarations (*.d.ts). CRDs (ServiceMonitor, PrometheusRule) get a structural check of our own
// (crdSpecs below, from the prometheus-operator CRDs). validate() of the models runs on
// @kubernetes-models/validate (Ajv and the Kubernetes formats), pinned in the root package.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fail, ok, ROOT } from './report.mjs';

const MODELS_DIR = join(ROOT, 'node_modules', 'kubernetes-models');

// kind -> [apiVersion, module of kubernetes-models, class name (= its .d.ts file)].
export const MODEL_KINDS = {
  Deployment: ['apps/v1', 'apps/v1', 'Deployment'],
  StatefulSet: ['apps/v1', 'apps/v1', 'StatefulSet'],
  Service: ['v1', 'v1', 'Service'],
  Secret: ['v1', 'v1', 'Secret'],
  ConfigMap: ['v1', 'v1', 'ConfigMap'],
  ServiceAccount: ['v1', 'v1', 'ServiceAccount'],
  Pod: ['v1', 'v1', 'Pod'],
  HorizontalPodAutoscaler: ['autoscaling/v2', 'autoscaling/v2', 'HorizontalPodAutoscaler'],
  PodDisruptionBudget: ['policy/v1', 'policy/v1', 'PodDisruptionBudget'],
  Ingress: ['networking.k8s.io/v1', 'networking.k8s.io/v1', 'Ingress'],
};

/** The model modules, loaded once; exits 2 with a hint when `npm ci` has not run. */
async function loadModels() {
  try {
    // One class module each: a group's index module would load every model of the group (seconds).
    const models = {};
    for (const [kind, [, mod, cls]] of Object.entries(MODEL_KINDS)) models[kind] = (await import(`kubernetes-models/${mod}/${cls}`))[cls];
    return models;
  } catch (err) {
    console.error(`deploy-check: cannot load kubernetes-models (${err.message}): run npm ci first`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------------------------------------
// Unknown fields, from the models' type declarations. Each model's .d.ts declares one interface whose
// properties are the object's fields; a property's type names another model (imported), an
// Array<...> or a { [key: string]: ... } map of them, or a leaf (string, number, union, alias).

const interfaces = new Map(); // .d.ts path -> { props: Map<name, typeRef> } | null (a type alias: a leaf)

function findPackageDir(fromDir, pkg) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', pkg);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

function resolveImport(fromFile, spec) {
  if (spec.startsWith('.')) return join(dirname(fromFile), `${spec}.d.ts`);
  const parts = spec.split('/');
  const pkg = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const dir = findPackageDir(dirname(fromFile), pkg);
  return dir ? join(dir, `${spec.slice(pkg.length + 1)}.d.ts`) : null;
}

function typeRef(text, imports) {
  const t = text.replace(/\s+/g, ' ').trim().replace(/;$/, '').trim();
  let m = /^Array<(.+)>$/.exec(t);
  if (m) return { array: typeRef(m[1], imports) };
  m = /^\{ \[key: string\]: (.+?);? \}$/.exec(t);
  if (m) return { map: typeRef(m[1], imports) };
  if (imports.has(t)) return { file: imports.get(t) };
  return null; // string, number, boolean, a literal union, an alias: no fields below
}

function loadInterface(file) {
  if (interfaces.has(file)) return interfaces.get(file);
  interfaces.set(file, null);
  if (!file || !existsSync(file)) return null;
  const src = readFileSync(file, 'utf8');
  const imports = new Map();
  for (const m of src.matchAll(/^import \{([^}]+)\} from "([^"]+)";$/gm)) {
    const target = resolveImport(file, m[2]);
    for (const name of m[1].split(',').map((s) => s.trim()).filter(Boolean)) imports.set(name, target);
  }
  const body = /^export interface I\w+(?: extends [\w, ]+)? \{\n([\s\S]*?)^\}$/m.exec(src);
  if (!body) return null;
  const props = new Map();
  const lines = body[1].split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^ {4}"([^"]+)"\??: (.*)$/.exec(lines[i]);
    if (!m) continue;
    let type = m[2];
    if (type.endsWith('{')) while (i + 1 < lines.length && !/^ {4}\};?$/.test(lines[i])) type += ` ${lines[++i].trim()}`;
    props.set(m[1], typeRef(type, imports));
  }
  const result = { props };
  interfaces.set(file, result);
  return result;
}

function unknownFields(value, ref, path, out) {
  if (!ref || value === null || typeof value !== 'object') return out;
  if (ref.array) {
    if (Array.isArray(value)) value.forEach((v, i) => unknownFields(v, ref.array, `${path}/${i}`, out));
  } else if (ref.map) {
    if (!Array.isArray(value)) for (const [k, v] of Object.entries(value)) unknownFields(v, ref.map, `${path}/${k}`, out);
  } else if (ref.file && !Array.isArray(value)) {
    const iface = loadInterface(ref.file);
    if (!iface) return out;
    for (const [k, v] of Object.entries(value)) {
      if (!iface.props.has(k)) out.push({ instancePath: `${path}/${k}`, schemaPath: '#/additionalProperties', keyword: 'additionalProperties', params: { additionalProperty: k }, message: 'is an unknown field' });
      else unknownFields(v, iface.props.get(k), `${path}/${k}`, out);
    }
  }
  return out;
}

/** The root type of a kind, or a problem when the declarations cannot be read (a package layout change). */
function rootRef(kind) {
  const [, mod, cls] = MODEL_KINDS[kind];
  const file = join(MODELS_DIR, mod, `${cls}.d.ts`);
  const iface = loadInterface(file);
  return iface && ['apiVersion', 'kind', 'metadata'].every((k) => iface.props.has(k)) ? { file } : null;
}

// ---------------------------------------------------------------------------------------------
// CRDs: a structural check of our own, from the prometheus-operator CRDs (monitoring.coreos.com/v1).
// Spec language: { type, props, required, items, values, pattern, enum, min, minItems, check }.

const DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const str = (extra = {}) => ({ type: 'string', ...extra });
const duration = str({ pattern: DURATION, min: 1 });
const stringMap = { type: 'object', values: str() };
const labelSelector = {
  type: 'object',
  props: {
    matchLabels: stringMap,
    matchExpressions: { type: 'array', items: { type: 'object', required: ['key', 'operator'], props: { key: str(), operator: str({ enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }), values: { type: 'array', items: str() } } } },
  },
};
const anyObject = { type: 'object', any: true };
const anyArray = { type: 'array' };
const endpoint = {
  type: 'object',
  props: {
    port: str({ min: 1 }), targetPort: { type: 'int-or-string' }, path: str({ pattern: /^\// }), scheme: str({ enum: ['http', 'https', 'HTTP', 'HTTPS'] }),
    params: anyObject, interval: duration, scrapeTimeout: duration, honorLabels: { type: 'boolean' }, honorTimestamps: { type: 'boolean' },
    trackTimestampsStaleness: { type: 'boolean' }, relabelings: anyArray, metricRelabelings: anyArray, tlsConfig: anyObject,
    bearerTokenFile: str(), bearerTokenSecret: anyObject, authorization: anyObject, basicAuth: anyObject, oauth2: anyObject,
    followRedirects: { type: 'boolean' }, enableHttp2: { type: 'boolean' }, filterRunning: { type: 'boolean' }, proxyUrl: str(),
    noProxy: str(), proxyFromEnvironment: { type: 'boolean' }, proxyConnectHeader: anyObject,
  },
  check: (ep, at, err) => {
    if (!ep.port && ep.targetPort === undefined) err(at, 'required', 'needs port or targetPort');
    const secs = (d) => [...d.matchAll(/([0-9]+)(ms|y|w|d|h|m|s)/g)].reduce((t, [, n, u]) => t + Number(n) * { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 }[u], 0);
    if (typeof ep.interval === 'string' && typeof ep.scrapeTimeout === 'string' && secs(ep.scrapeTimeout) > secs(ep.interval)) err(`${at}/scrapeTimeout`, 'maximum', `(${ep.scrapeTimeout}) must not exceed interval (${ep.interval})`);
  },
};
const metadata = { type: 'object', required: ['name'], props: { name: str({ pattern: /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/ }), namespace: str(), labels: stringMap, annotations: stringMap } };
const rule = {
  type: 'object',
  required: ['expr'],
  props: { alert: str({ pattern: LABEL_NAME }), record: str({ pattern: /^[a-zA-Z_:][a-zA-Z0-9_:]*$/ }), expr: { type: 'int-or-string', min: 1 }, for: duration, keep_firing_for: duration, labels: { type: 'object', values: str(), keys: LABEL_NAME }, annotations: { type: 'object', values: str(), keys: LABEL_NAME } },
  check: (r, at, err) => {
    if ((r.alert === undefined) === (r.record === undefined)) err(at, 'oneOf', 'needs exactly one of alert and record');
    if (r.record !== undefined && (r.for !== undefined || r.annotations !== undefined)) err(at, 'not', 'a recording rule takes no for or annotations');
  },
};
const group = {
  type: 'object',
  required: ['name', 'rules'],
  props: { name: str({ min: 1 }), interval: duration, query_offset: duration, limit: { type: 'integer' }, partial_response_strategy: str({ pattern: /^(abort|warn)?$/i }), labels: stringMap, rules: { type: 'array', minItems: 1, items: rule } },
};
export const crdSpecs = {
  ServiceMonitor: {
    apiVersion: 'monitoring.coreos.com/v1',
    spec: {
      type: 'object',
      required: ['apiVersion', 'kind', 'metadata', 'spec'],
      props: {
        apiVersion: str(), kind: str(), metadata,
        spec: {
          type: 'object',
          required: ['selector'],
          props: {
            selector: labelSelector, endpoints: { type: 'array', items: endpoint },
            namespaceSelector: { type: 'object', props: { any: { type: 'boolean' }, matchNames: { type: 'array', items: str({ min: 1 }) } } },
            jobLabel: str(), targetLabels: { type: 'array', items: str() }, podTargetLabels: { type: 'array', items: str() },
            sampleLimit: { type: 'integer' }, targetLimit: { type: 'integer' }, labelLimit: { type: 'integer' }, labelNameLengthLimit: { type: 'integer' },
            labelValueLengthLimit: { type: 'integer' }, keepDroppedTargets: { type: 'integer' }, attachMetadata: anyObject, scrapeClass: str(),
            scrapeProtocols: { type: 'array', items: str() }, bodySizeLimit: str(), selectorMechanism: str({ enum: ['RelabelConfig', 'RoleSelector'] }),
          },
        },
      },
    },
  },
  PrometheusRule: {
    apiVersion: 'monitoring.coreos.com/v1',
    spec: {
      type: 'object',
      required: ['apiVersion', 'kind', 'metadata', 'spec'],
      props: {
        apiVersion: str(), kind: str(), metadata,
        spec: {
          type: 'object',
          props: { groups: { type: 'array', items: group } },
          check: (s, at, err) => {
            const names = (s.groups ?? []).map((g) => g?.name);
            names.forEach((n, i) => names.indexOf(n) !== i && err(`${at}/groups/${i}/name`, 'uniqueItems', `group name ${n} is used twice`));
          },
        },
      },
    },
  },
};

function checkStructure(value, spec, at, errors) {
  const err = (path, keyword, message) => errors.push({ instancePath: path, schemaPath: `#/${keyword}`, keyword, params: {}, message });
  const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  switch (spec.type) {
    case 'object':
      if (!isObj(value)) return err(at, 'type', 'must be object');
      for (const r of spec.required ?? []) if (value[r] === undefined) err(at, 'required', `must have required property ${r}`);
      for (const [k, v] of Object.entries(value)) {
        if (spec.keys && !spec.keys.test(k)) err(`${at}/${k}`, 'propertyNames', 'is not a valid label name');
        if (spec.props?.[k]) checkStructure(v, spec.props[k], `${at}/${k}`, errors);
        else if (spec.values) checkStructure(v, spec.values, `${at}/${k}`, errors);
        else if (!spec.any) err(`${at}/${k}`, 'additionalProperties', 'is an unknown field');
      }
      break;
    case 'array':
      if (!Array.isArray(value)) return err(at, 'type', 'must be array');
      if (spec.minItems && value.length < spec.minItems) err(at, 'minItems', `must NOT have fewer than ${spec.minItems} items`);
      if (spec.items) value.forEach((v, i) => checkStructure(v, spec.items, `${at}/${i}`, errors));
      break;
    case 'string':
    case 'int-or-string':
      if (spec.type === 'int-or-string' && Number.isInteger(value)) break;
      if (typeof value !== 'string') return err(at, 'type', 'must be string');
      if (spec.min && value.trim().length < spec.min) err(at, 'minLength', 'must not be empty');
      if (spec.pattern && !spec.pattern.test(value)) err(at, 'pattern', `must match pattern "${spec.pattern.source}"`);
      if (spec.enum && !spec.enum.includes(value)) err(at, 'enum', `must be one of ${spec.enum.join(', ')}`);
      break;
    case 'integer':
      if (!Number.isInteger(value)) err(at, 'type', 'must be integer');
      break;
    case 'boolean':
      if (typeof value !== 'boolean') err(at, 'type', 'must be boolean');
      break;
    default:
      break;
  }
  if (spec.check && (spec.type !== 'object' || isObj(value))) spec.check(value, at, err);
  return errors;
}

// ---------------------------------------------------------------------------------------------

/**
 * Validates each document; returns the problems as strings ("Kind/name: message"). An object of a kind
 * with neither a model nor a CRD spec is a problem too, so a new template cannot skip validation.
 */
export async function schemaProblems(docs) {
  const models = await loadModels();
  const out = [];
  for (const doc of docs) {
    const id = `${doc?.kind ?? '?'}/${doc?.metadata?.name ?? '?'}`;
    const model = MODEL_KINDS[doc?.kind];
    try {
      if (model) {
        const [apiVersion, , cls] = model;
        if (doc.apiVersion !== apiVersion) throw new Error(`apiVersion ${doc.apiVersion}, want ${apiVersion}`);
        const messages = [];
        try {
          new models[doc.kind](doc).validate();
        } catch (err) {
          messages.push(err.message);
        }
        const root = rootRef(doc.kind);
        if (!root) messages.push(`cannot read the field list of ${cls} from kubernetes-models' type declarations`);
        else messages.push(...unknownFields(doc, root, '', []).map((e) => `data${e.instancePath} ${e.message}`));
        if (messages.length) throw new Error(messages.join(', '));
      } else if (crdSpecs[doc?.kind]) {
        if (doc.apiVersion !== crdSpecs[doc.kind].apiVersion) throw new Error(`apiVersion ${doc.apiVersion}, want ${crdSpecs[doc.kind].apiVersion}`);
        const errors = checkStructure(doc, crdSpecs[doc.kind].spec, '', []);
        if (errors.length) throw new Error(errors.map((e) => `data${e.instancePath} ${e.message}`).join(', '));
      } else {
        throw new Error('no schema for this kind (add it to MODEL_KINDS or crdSpecs in lib/kube-schema.rules.mjs)');
      }
    } catch (err) {
      out.push(`${id}: ${err.message}`);
    }
  }
  return out;
}

/** check.sh entry: every rendered object of one variant against its schema. */
export async function checkSchemas(variant, docs) {
  const found = await schemaProblems(docs);
  for (const p of found) fail(variant, p);
  if (!found.length) {
    const kinds = [...new Set(docs.map((d) => d.kind))].sort();
    ok(`${variant}: ${docs.length} objects valid against the Kubernetes schemas (kubernetes-models; unknown fields refused) and the CRD structure checks: ${kinds.join(', ')}`);
  }
}

/**
 * The check must not be vacuous: each broken copy of a rendered object (one mistake each, of the
 * kinds a template edit makes) must be refused with the expected message. Needs a render with an
 * Ingress, a ServiceMonitor and a PrometheusRule (the ha variant).
 */
export async function schemaSelfTest(docs) {
  const find = (kind) => docs.find((d) => d.kind === kind);
  const cases = [
    ['Deployment', 'unknown container field', (d) => (d.spec.template.spec.containers[0].imagePullPolice = 'Always'), 'containers/0/imagePullPolice is an unknown field'],
    ['Deployment', 'containerPort as a string', (d) => (d.spec.template.spec.containers[0].ports[0].containerPort = '9000'), 'containerPort must be integer'],
    ['Deployment', 'misspelt pod spec field', (d) => (d.spec.template.spec.terminationGracePeriodSecond = 30), 'spec/template/spec/terminationGracePeriodSecond is an unknown field'],
    ['Deployment', 'no selector', (d) => delete d.spec.selector, 'spec must have required property selector'],
    ['StatefulSet', 'imagePullPolicy outside its enum', (d) => (d.spec.template.spec.containers[0].imagePullPolicy = 'Sometimes'), 'imagePullPolicy must be equal to one of the allowed values'],
    ['Service', 'port without its number', (d) => delete d.spec.ports[0].port, 'ports/0 must have required property port'],
    ['Secret', 'a data value that is not a string', (d) => (d.data = { key: 5 }), 'data/key must be string'],
    ['ConfigMap', 'data as a list', (d) => (d.data = ['x']), 'data must be object'],
    ['PodDisruptionBudget', 'misspelt spec field', (d) => (d.spec.maxUnavailible = 1), 'spec/maxUnavailible is an unknown field'],
    ['ServiceAccount', 'a label value that is not a string', (d) => (d.metadata.labels.tier = 1), 'metadata/labels/tier must be string'],
    ['Pod', 'a container without a name', (d) => delete d.spec.containers[0].name, 'containers/0 must have required property name'],
    ['Ingress', 'pathType outside its enum', (d) => (d.spec.rules[0].http.paths[0].pathType = 'Prefixx'), 'pathType must be equal to one of the allowed values'],
    ['Ingress', 'backend port as a bare string', (d) => (d.spec.rules[0].http.paths[0].backend.service.port = 'http'), 'backend/service/port must be object'],
    ['ServiceMonitor', 'misspelt endpoint field', (d) => (d.spec.endpoints[0].intervall = '30s'), 'endpoints/0/intervall is an unknown field'],
    ['ServiceMonitor', 'scrapeTimeout above interval', (d) => (d.spec.endpoints[0].scrapeTimeout = '2m'), 'must not exceed interval'],
    ['PrometheusRule', 'rule without expr', (d) => delete d.spec.groups[0].rules[0].expr, 'rules/0 must have required property expr'],
    ['PrometheusRule', 'bad for duration', (d) => (d.spec.groups[0].rules[0].for = '10 minutes'), 'rules/0/for must match pattern'],
    ['PrometheusRule', 'alert and record in one rule', (d) => (d.spec.groups[0].rules[0].record = 'x:y'), 'exactly one of alert and record'],
  ];
  const synthetic = [
    ['HorizontalPodAutoscaler', 'minReplicas as a string', { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'x' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'x' }, minReplicas: '2', maxReplicas: 3 } }, 'minReplicas must be integer'],
    ['NetworkPolicy', 'a kind without a schema', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'x' } }, 'no schema for this kind'],
    ['Deployment', 'a wrong apiVersion', { apiVersion: 'apps/v1beta1', kind: 'Deployment', metadata: { name: 'x' } }, 'apiVersion apps/v1beta1, want apps/v1'],
  ];
  const missed = [];
  let ran = 0;
  const expectRefused = async (kind, what, doc, want) => {
    ran++;
    const found = await schemaProblems([doc]);
    if (!found.some((p) => p.includes(want))) missed.push(`${kind}, ${what}: want a problem containing "${want}", got ${found.length ? found.join('; ') : 'none'}`);
  };
  const clean = await schemaProblems(docs);
  if (clean.length) return fail('selftest', `the unbroken render is not clean: ${clean.join('; ')}`);
  for (const [kind, what, mutate, want] of cases) {
    const base = find(kind);
    if (!base) {
      missed.push(`${kind}: not in the render the self-test got`);
      continue;
    }
    const doc = structuredClone(base);
    mutate(doc);
    await expectRefused(kind, what, doc, want);
  }
  for (const [kind, what, doc, want] of synthetic) await expectRefused(kind, what, doc, want);
  for (const m of missed) fail('schema self-test', m);
  if (!missed.length) ok(`schema check refuses each of ${ran} broken objects (one mistake each, ${new Set([...cases, ...synthetic].map((c) => c[0])).size} kinds)`);
}
