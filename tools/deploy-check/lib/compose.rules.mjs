// Rules for deploy/docker-compose.yml.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { checkEnvName, fail, loadYaml, must, ok, PRIVATE_IP, problems, ROOT } from './report.mjs';

const YAML = loadYaml();

export function checkCompose(file) {
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
