import { field, ntc } from './napalm.values';

/** NAPALM's `get_environment`; `cpu` is keyed by CPU index (JSON object keys are strings). */
export interface NapalmEnvironment {
  fans: Record<string, { status: boolean }>;
  temperature: Record<string, { temperature: number; is_alert: boolean; is_critical: boolean }>;
  power: Record<string, { status: boolean; capacity: number; output: number }>;
  cpu: Record<string, { '%usage': number }>;
  memory: { available_ram: number; used_ram: number };
}

const OK = /^(ok|good|normal|green|on)$/i;

/**
 * IOS environment from `show environment all` (fans `... FAN n is OK`, the system temperature and
 * its yellow/red thresholds, the power supply table), `show processes cpu` (the one-minute average,
 * as CPU 0) and `show memory statistics` (Processor + I/O pools, bytes: `available_ram` is the
 * total, `used_ram` the used part, as NAPALM's ios driver reports them). A supply's `capacity` is its
 * rating from the Watts column; IOS does not print its present output (-1.0).
 */
export function iosEnvironment(env: string, cpu: string, memory: string): NapalmEnvironment {
  const out: NapalmEnvironment = { fans: {}, temperature: {}, power: {}, cpu: {}, memory: { available_ram: -1, used_ram: -1 } };
  let current: { temperature: number; is_alert: boolean; is_critical: boolean } | undefined;
  let inPower = false;
  for (const line of env.split('\n')) {
    let m = /^(.*\bFAN\b.*?) is (\S+)/i.exec(line);
    if (m) {
      out.fans[m[1].trim()] = { status: OK.test(m[2]) };
      continue;
    }
    if ((m = /^(.*?) Temperature Value:\s*(-?\d+(?:\.\d+)?)/i.exec(line))) {
      current = { temperature: Number(m[2]), is_alert: false, is_critical: false };
      out.temperature[m[1].trim().toLowerCase()] = current;
    } else if ((m = /^Yellow Threshold\s*:\s*(-?\d+)/i.exec(line)) && current) current.is_alert = current.temperature >= Number(m[1]);
    else if ((m = /^Red Threshold\s*:\s*(-?\d+)/i.exec(line)) && current) current.is_critical = current.temperature >= Number(m[1]);
    else if (/^SW\s+PID\s+Serial#\s+Status/.test(line)) inPower = true;
    else if (inPower && (m = /^(\d+[A-Z]?)\s+(\S+)\s+(\S+)\s+(.+?)\s{2,}\S+\s+\S+\s+(\d+)\/\d+\s*$/.exec(line))) {
      out.power[m[1]] = { status: OK.test(m[4].trim()), capacity: Number(m[5]), output: -1.0 };
    } else if (inPower && line.trim() === '') inPower = false;
  }
  const oneMinute = /one minute: (\d+(?:\.\d+)?)%/.exec(cpu);
  if (oneMinute) out.cpu['0'] = { '%usage': Number(oneMinute[1]) };
  let total = 0;
  let used = 0;
  let seen = false;
  for (const line of memory.split('\n')) {
    const m = /^\s*(Processor|I\/O)\s+\S+\s+(\d+)\s+(\d+)\s+\d+/.exec(line);
    if (!m) continue;
    seen = true;
    total += Number(m[2]);
    used += Number(m[3]);
  }
  if (seen) out.memory = { available_ram: total, used_ram: used };
  return out;
}

/**
 * EOS environment from `show environment cooling`, `show environment temperature` and `show
 * environment power` (parsed with the ntc-templates), `show processes top once` (CPU 0 usage =
 * 100 - idle) and `show version` (memory in kB: `available_ram` the total, `used_ram` total - free,
 * as NAPALM's eos driver reports them).
 */
export function eosEnvironment(cooling: string, temperature: string, power: string, top: string, version: string): NapalmEnvironment {
  const out: NapalmEnvironment = { fans: {}, temperature: {}, power: {}, cpu: {}, memory: { available_ram: -1, used_ram: -1 } };
  for (const r of ntc('arista_eos', 'show environment cooling', cooling)) out.fans[field(r, 'FAN')] = { status: OK.test(field(r, 'STATUS')) };
  for (const r of ntc('arista_eos', 'show environment temperature', temperature)) {
    const value = Number(field(r, 'CURRENT_VALUE'));
    out.temperature[field(r, 'SENSOR')] = { temperature: value, is_alert: value >= Number(field(r, 'ALERT_LIMIT')), is_critical: value >= Number(field(r, 'CRITICAL_LIMIT')) };
  }
  for (const r of ntc('arista_eos', 'show environment power', power)) {
    const location = field(r, 'POWER_SUPPLY_LOCATION');
    if (location === '') continue;
    out.power[location] = { status: OK.test(field(r, 'POWER_SUPPLY_STATUS')), capacity: Number(field(r, 'POWER_SUPPLY_WATTS')) || -1.0, output: Number(field(r, 'POWER_SUPPLY_WATTS_USING')) || -1.0 };
  }
  const idle = /(\d+(?:\.\d+)?)\s*(?:id,|%id)/.exec(top);
  if (idle) out.cpu['0'] = { '%usage': Math.round((100 - Number(idle[1])) * 10) / 10 };
  const total = /^Total memory:\s*(\d+)/m.exec(version);
  const free = /^Free memory:\s*(\d+)/m.exec(version);
  if (total && free) out.memory = { available_ram: Number(total[1]), used_ram: Number(total[1]) - Number(free[1]) };
  return out;
}

/**
 * NX-OS environment from `show environment` (power supplies with their `Total Capacity` and
 * `Actual Output` in W; fans; module sensors keyed `<sensor>` (`module <n> <sensor>` past module 1)
 * with `is_alert` at the minor and `is_critical` at the major threshold) and `show system
 * resources` (CPU 0 = 100 - idle; memory in kB: `available_ram` the total, `used_ram` the used).
 */
export function nxosEnvironment(env: string, resources: string): NapalmEnvironment {
  const out: NapalmEnvironment = { fans: {}, temperature: {}, power: {}, cpu: {}, memory: { available_ram: -1, used_ram: -1 } };
  let section = '';
  for (const line of env.split('\n')) {
    const head = /^(Power Supply|Fan|Temperature):\s*$/.exec(line);
    if (head) {
      section = head[1];
      continue;
    }
    let m: RegExpExecArray | null;
    if (section === 'Power Supply' && (m = /^(\d+)\s+\S+\s+(\d+(?:\.\d+)?) W\s+\d+(?:\.\d+)? W\s+(\d+(?:\.\d+)?) W\s+(\S+)/.exec(line))) {
      out.power[m[1]] = { status: OK.test(m[4]), capacity: Number(m[3]), output: Number(m[2]) };
    } else if (section === 'Fan' && (m = /^(\S*[Ff]an\S*)\s+\S+\s+\S+\s+\S+\s+(\S+)\s*$/.exec(line)) && m[2] !== 'Status') {
      out.fans[m[1]] = { status: OK.test(m[2]) };
    } else if (section === 'Temperature' && (m = /^(\d+)\s+(\S+)\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)\s+(\S+)/.exec(line))) {
      const current = Number(m[5]);
      out.temperature[m[1] === '1' ? m[2] : `module ${m[1]} ${m[2]}`] = { temperature: current, is_alert: current >= Number(m[4]), is_critical: current >= Number(m[3]) };
    }
  }
  const idle = /^CPU states\s*:.*?(\d+(?:\.\d+)?)% idle/m.exec(resources);
  if (idle) out.cpu['0'] = { '%usage': Math.round((100 - Number(idle[1])) * 100) / 100 };
  const mem = /^Memory usage:\s*(\d+)K total,\s*(\d+)K used/m.exec(resources);
  if (mem) out.memory = { available_ram: Number(mem[1]), used_ram: Number(mem[2]) };
  return out;
}
