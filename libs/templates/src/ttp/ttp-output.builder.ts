import { parseCall, parseCalls, TtpCall } from './ttp-attributes.parser';
import { isDict, PyDict, PyValue } from './ttp-python.values';
import { loadStruct } from './ttp-struct.loader';
import type { TtpOutputModel } from './ttp-template.model';

export const OUTPUT_FUNCTIONS = new Set(['is_equal', 'dict_to_list', 'traverse']);

/** Builds an output from `<output>` attributes (or `result()` keyword arguments) and tag text. */
export function buildOutput(attrib: Readonly<Record<string, PyValue>>, text: string | null): TtpOutputModel {
  const attributes: PyDict = { format: 'raw', load: 'python', returner: 'self', ...attrib };
  const functions: TtpCall[] = [];
  let tagLoad: unknown = {};
  if (text !== null && text.trim() !== '') {
    const load = attributes.format === 'jinja2' ? 'text' : String(attributes.load);
    let loaded: PyValue;
    try {
      loaded = loadStruct(text, load);
    } catch {
      loaded = null;
    }
    tagLoad = loaded ?? text;
  }
  const all: Record<string, PyValue> = isDict(tagLoad) ? { ...attrib, ...tagLoad } : { ...attrib };
  Object.assign(attributes, all);
  for (const [name, value] of Object.entries(all)) {
    const key = name.toLowerCase();
    if (key === 'functions') functions.push(...parseCalls(String(value)).filter((c) => OUTPUT_FUNCTIONS.has(c.name)));
    else if (key === 'path') attributes.path = String(value).split('.').map((p) => p.trim());
    else if (key === 'headers') attributes.headers = Array.isArray(value) ? value : String(value).split(',').map((h) => h.trim());
    else if (key === 'condition') attributes.condition = parseCall(`condition(${String(value)})`).args;
    else if (OUTPUT_FUNCTIONS.has(name)) functions.push(parseCall(`${name}(${String(value)})`));
  }
  const returner = attributes.returner;
  return {
    attributes,
    functions,
    name: typeof all.name === 'string' ? all.name : null,
    returners: Array.isArray(returner) ? returner.map(String) : String(returner).split(',').map((r) => r.trim()),
    tagLoad,
  };
}
