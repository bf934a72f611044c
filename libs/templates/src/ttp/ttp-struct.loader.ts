import { PythonLiteralParser } from './ttp-python-literal.parser';
import { PyDict, PyValue } from './ttp-python.values';
import { TtpError } from './ttp.error';
import { parseSimpleYaml } from './ttp-yaml.reader';

/** TTP's `load` attribute of `<vars>`, `<lookup>` and `<input>`: text into a structure. */
export function loadStruct(text: string, load: string, attrib: Record<string, string> = {}): PyValue {
  switch (load) {
    case 'text':
      return text;
    case 'json':
      try {
        return JSON.parse(text) as PyValue;
      } catch (error) {
        throw new TtpError(`invalid JSON in load="json": ${error instanceof Error ? error.message : String(error)}`);
      }
    case 'yaml':
      return parseSimpleYaml(text);
    case 'csv':
      return loadCsv(text, attrib.key);
    case 'ini':
      return loadIni(text);
    case 'python':
      try {
        return PythonLiteralParser.assignments(text);
      } catch (error) {
        throw new TtpError(
          `only \`name = value\` assignments of Python literals are supported in load="python" (Python code is not executed): ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    default:
      throw new TtpError(`unsupported load ${JSON.stringify(load)} (supported: python, yaml, json, csv, ini, text)`);
  }
}

function loadCsv(text: string, key: string | undefined): PyDict {
  const rows = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => l.split(',').map((c) => c.trim()));
  const headers = rows.shift() ?? [];
  const keyCol = key ?? headers[0];
  const out: PyDict = {};
  for (const row of rows) {
    const item: PyDict = {};
    headers.forEach((h, i) => {
      if (h !== keyCol) item[h] = row[i] ?? '';
    });
    out[row[headers.indexOf(keyCol)] ?? ''] = item;
  }
  return out;
}

function loadIni(text: string): PyDict {
  const out: PyDict = {};
  let section: PyDict | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const head = /^\[(.+)\]$/.exec(line);
    if (head) {
      section = {};
      out[head[1]] = section;
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (kv && section) section[kv[1].toLowerCase()] = kv[2];
  }
  return out;
}
