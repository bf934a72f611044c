import { isDict } from './ttp-python.values';

function str(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Python's `json.dumps(data, indent=indent, sort_keys=sortKeys)`. */
export function pythonJsonDumps(data: unknown, indent: number, sortKeys: boolean, level = 0): string {
  const pad = ' '.repeat(indent * (level + 1));
  const end = ' '.repeat(indent * level);
  if (data === null || data === undefined) return 'null';
  if (data === true) return 'true';
  if (data === false) return 'false';
  if (typeof data === 'number') return Number.isInteger(data) ? String(data) : String(data);
  if (typeof data === 'string') return str(data);
  if (Array.isArray(data)) {
    if (data.length === 0) return '[]';
    return `[\n${data.map((v) => pad + pythonJsonDumps(v, indent, sortKeys, level + 1)).join(',\n')}\n${end}]`;
  }
  if (isDict(data)) {
    const keys = Object.keys(data);
    if (keys.length === 0) return '{}';
    if (sortKeys) keys.sort();
    return `{\n${keys.map((k) => `${pad}${str(k)}: ${pythonJsonDumps(data[k], indent, sortKeys, level + 1)}`).join(',\n')}\n${end}}`;
  }
  return str(String(data));
}
