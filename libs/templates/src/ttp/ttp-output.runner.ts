import { deepCopy, isDict, PyDict, pyEqual, PyValue, pyStr } from './ttp-python.values';
import { pythonJsonDumps } from './ttp-python-json.writer';
import type { TtpOutputModel } from './ttp-template.model';

function atPath(data: PyValue, path: readonly string[]): PyValue {
  let node: PyValue = data;
  for (const key of path) {
    if (isDict(node) && key in node) node = node[key];
    else return null;
  }
  return node;
}

function collectRows(data: PyValue, path: readonly string[], out: PyDict[]): void {
  if (Array.isArray(data)) {
    for (const item of data) collectRows(item, path, out);
    return;
  }
  if (!isDict(data)) return;
  const at = path.length > 0 ? atPath(data, path) : data;
  if (Array.isArray(at)) for (const item of at) collectRows(item, [], out);
  else if (isDict(at)) out.push(at);
}

function table(data: PyValue, attributes: PyDict): PyValue[][] {
  const rows: PyDict[] = [];
  collectRows(data, Array.isArray(attributes.path) ? attributes.path.map(String) : [], rows);
  let headers = Array.isArray(attributes.headers) ? attributes.headers.map(String) : [];
  if (headers.length === 0) headers = [...new Set(rows.flatMap((r) => Object.keys(r)))].sort();
  const missing = attributes.missing ?? '';
  return [headers, ...rows.map((r) => headers.map((h) => (h in r ? r[h] : missing)))];
}

function format(data: PyValue, attributes: PyDict): PyValue | undefined {
  switch (pyStr(attributes.format)) {
    case 'raw':
      return data;
    case 'json':
      return pythonJsonDumps(data, 4, true);
    case 'table':
      return table(data, attributes);
    case 'csv': {
      const sep = pyStr(attributes.sep ?? ',');
      const quote = pyStr(attributes.quote ?? '"');
      return table(data, attributes)
        .map((row) => row.map((cell) => `${quote}${pyStr(cell)}${quote}`).join(sep))
        .join('\n');
    }
    default:
      return undefined;
  }
}

function dictToList(data: PyValue, keyName: string, path: string[]): PyValue {
  if (Array.isArray(data)) return data.map((item) => dictToList(item, keyName, path));
  if (!isDict(data)) return data;
  const target = path.length > 0 ? atPath(data, path) : data;
  if (!isDict(target)) return data;
  const list = Object.entries(target).map(([key, value]) => (isDict(value) ? { ...value, [keyName]: key } : value));
  if (path.length === 0) return list;
  let node: PyValue = data;
  for (const key of path.slice(0, -1)) node = (node as PyDict)[key];
  (node as PyDict)[path[path.length - 1]] = list;
  return data;
}

function traverse(data: PyValue, path: string[]): PyValue {
  if (Array.isArray(data)) return data.map((item) => traverse(item, path));
  return atPath(data, path);
}

/**
 * Runs an output over a template's results: condition, functions, formatter, returners. Only the
 * `self` returner gives its formatted data back; others leave the results as they were.
 */
export function runOutput(output: TtpOutputModel, data: PyValue, templateVars: PyDict): PyValue {
  const condition = output.attributes.condition;
  if (Array.isArray(condition) && condition.length >= 2) {
    const value = condition[0] !== undefined && pyStr(condition[0]) in templateVars ? templateVars[pyStr(condition[0])] : '_undef_';
    if (!pyEqual(value, condition[1])) return data;
  }
  let results: PyValue = deepCopy(data);
  for (const fn of output.functions) {
    if (fn.name === 'is_equal') {
      results = { is_equal: pyEqual(output.tagLoad, results), output_description: output.attributes.description ?? '', output_name: output.name };
    } else if (fn.name === 'dict_to_list') {
      const path = fn.kwargs.path ?? fn.args[1];
      results = dictToList(results, pyStr(fn.kwargs.key_name ?? fn.args[0] ?? 'key'), path === undefined || path === null ? [] : pyStr(path).split('.'));
    } else if (fn.name === 'traverse') {
      results = traverse(results, pyStr(fn.kwargs.path ?? fn.args[0] ?? '').split('.'));
    }
  }
  const formatted = format(results, output.attributes);
  if (formatted !== undefined) results = formatted;
  return output.returners.includes('self') ? results : data;
}
