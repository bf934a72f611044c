import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CliError } from '../cli.context';

/** One inventory row: its connection_args overrides (and its own command/config), or why it is unusable. */
export type InventoryRow = { line: number; device: Record<string, unknown> } | { line: number; error: string };

const NUMERIC = new Set(['port', 'timeout', 'keepalive', 'conn_timeout']);

/**
 * Devices from a CSV (header row: `host,port,device_type,username,...`; columns map to
 * connection_args, `command`/`config` cells override the payload, several lines split on `;`) or a
 * YAML/JSON list of mappings (or `{devices: [...]}`). A malformed row is reported, not sent.
 */
export function readInventory(path: string): InventoryRow[] {
  const text = readFileSync(path, 'utf8');
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return fromCsv(text);
  if (ext === '.yaml' || ext === '.yml' || ext === '.json') return fromYaml(text);
  throw new CliError(`--inventory: ${path} is not .csv, .yaml, .yml or .json`);
}

function fromYaml(text: string): InventoryRow[] {
  const doc: unknown = parseYaml(text);
  const list = Array.isArray(doc) ? doc : doc && typeof doc === 'object' && Array.isArray((doc as { devices?: unknown }).devices) ? (doc as { devices: unknown[] }).devices : null;
  if (!list) throw new CliError('--inventory: expected a list of devices (or a mapping with a devices: list)');
  return list.map((d, i) => (d && typeof d === 'object' && !Array.isArray(d) ? { line: i + 1, device: d as Record<string, unknown> } : { line: i + 1, error: 'not a mapping' }));
}

function fromCsv(text: string): InventoryRow[] {
  const records = csvRecords(text);
  if (records.length === 0) throw new CliError('--inventory: the CSV file is empty');
  const head = records[0].cells.map((h) => h.trim());
  if (!head.includes('host')) throw new CliError('--inventory: the CSV header has no host column');
  const rows: InventoryRow[] = [];
  for (const r of records.slice(1)) {
    if (r.cells.every((c) => c.trim() === '')) continue;
    if (r.cells.length !== head.length) {
      rows.push({ line: r.line, error: `line ${r.line}: ${r.cells.length} columns, the header has ${head.length}` });
      continue;
    }
    const device: Record<string, unknown> = {};
    let bad: string | null = null;
    head.forEach((col, i) => {
      const v = r.cells[i].trim();
      if (v === '' || col === '') return;
      if (col === 'command' || col === 'config') device[col] = v.split(';').map((s) => s.trim()).filter((s) => s !== '');
      else if (NUMERIC.has(col)) {
        const n = Number(v);
        if (!Number.isFinite(n)) bad = `line ${r.line}: ${col} must be a number (got ${v})`;
        device[col] = n;
      } else device[col] = v;
    });
    rows.push(bad ? { line: r.line, error: bad } : { line: r.line, device });
  }
  return rows;
}

/** RFC 4180 records: quoted cells may hold commas, quotes ("") and newlines. */
function csvRecords(text: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      out.push({ line: start, cells });
      cells = [];
      cell = '';
      line++;
      start = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    out.push({ line: start, cells });
  }
  return out;
}
