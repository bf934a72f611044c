import type { SimulatedDevice } from '../device/simulated-device';

const HEAD = ['#', 'host', 'port', 'platform', 'hostname', 'username', 'password', 'secret'];
/** Extra columns when any device serves eAPI. */
const EAPI_HEAD = ['eapi https', 'eapi http'];

/** Rows shown at each end of a long fleet when not listing everything. */
const EDGE = 10;

/**
 * The devices as an aligned text table; long fleets show both ends and a count of the rest. When a
 * device serves eAPI, its HTTPS and HTTP ports are listed too (`-` for an endpoint that is off).
 */
export function fleetTable(devices: readonly SimulatedDevice[], listAll: boolean): string {
  const withEapi = devices.some((d) => d.eapi !== undefined);
  const head = withEapi ? [...HEAD, ...EAPI_HEAD] : HEAD;
  const eapiCells = (d: SimulatedDevice): string[] => (withEapi ? [String(d.eapi?.httpsPort ?? '-'), String(d.eapi?.httpPort ?? '-')] : []);
  const row = (d: SimulatedDevice, i: number): string[] => [
    String(i + 1),
    d.host,
    String(d.port),
    d.platform,
    d.hostname,
    d.options.username,
    d.options.password,
    d.options.secret,
    ...eapiCells(d),
  ];
  const all = devices.map(row);
  const shown: Array<string[] | undefined> =
    listAll || all.length <= EDGE * 2 ? all : [...all.slice(0, EDGE), undefined, ...all.slice(-EDGE)];
  const widths = head.map((h, c) => Math.max(h.length, ...all.map((r) => r[c].length)));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
  const body = shown.map((r) => (r ? line(r) : `... ${all.length - EDGE * 2} more (use --list to print all) ...`));
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body].join('\n');
}
