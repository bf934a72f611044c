import { runInputFunctions } from './ttp-input.functions';
import { MatchRunner, RawMatch } from './ttp-match.runner';
import { buildOutput } from './ttp-output.builder';
import { runOutput } from './ttp-output.runner';
import { deepCopy, isDict, PyDict, PyValue } from './ttp-python.values';
import { ResultsBuilder } from './ttp-results.builder';
import type { TtpRunContext } from './ttp-run.context';
import { addInput, loadTemplates } from './ttp-template.loader';
import type { TtpTemplateModel } from './ttp-template.model';
import type { TtpGroupModel } from './ttp-template.types';
import { VAR_GETTERS } from './ttp-var.getters';
import { TtpError } from './ttp.error';

/** Further input for a template, like TTP's `add_input(data, input_name, template_name, groups)`. */
export interface TtpExtraInput {
  readonly data: string;
  readonly input_name?: string;
  readonly template_name?: string;
  readonly groups?: string[];
}

export interface TtpRunOptions {
  /** Text parsed by every template's default input (`ttp(data=...)`); `''` adds none. */
  readonly data?: string;
  readonly inputs?: readonly TtpExtraInput[];
  /** Variables every template sees (`ttp(vars=...)`). */
  readonly vars?: PyDict;
  /** Files templates may read with `<extend template="...">`, by path. */
  readonly files?: Readonly<Record<string, string>>;
  /** `result()` arguments: `structure` (`list`, `dictionary`, `flat_list`), `templates`, output attributes. */
  readonly result?: Readonly<Record<string, PyValue>>;
}

/**
 * Parses text with a TTP template, as TTP's `ttp(data, template).parse(); result(...)` does.
 * A pure function: all state lives in this call.
 * @throws TtpError naming what is wrong in the template or the arguments
 */
export function runTtp(template: string, options: TtpRunOptions = {}): unknown {
  if (typeof template !== 'string' || template.trim() === '') throw new TtpError('template is empty');
  const templates = loadTemplates(template, { files: options.files ?? {}, vars: options.vars ?? {} });
  if (options.data !== undefined && options.data !== '') for (const t of templates) addInput(t, 'Default_Input', [options.data], ['all']);
  for (const extra of options.inputs ?? []) {
    const name = extra.template_name ?? '_root_template_';
    for (const t of templates) if (t.name === name || name === '_all_') addInput(t, extra.input_name ?? 'Default_Input', [extra.data], extra.groups ?? ['all']);
  }
  const globalVars: PyDict = {};
  for (const t of templates) {
    parseTemplate(t, templates, globalVars);
    for (const output of t.outputs) t.results = runOutput(output, t.results as PyValue, t.vars.values);
  }
  return result(templates, options.result ?? {});
}

function parseTemplate(template: TtpTemplateModel, all: readonly TtpTemplateModel[], globalVars: PyDict): void {
  const perTemplate = template.resultsMethod.toLowerCase() === 'per_template';
  let shared: PyValue = {};
  template.results = [];
  for (const input of template.inputs.values()) {
    for (const text of input.data) {
      const main = parseOne(template, all, runInputFunctions(`\n${text}\n\n`, input.functions), input.groupsIndexes, perTemplate ? shared : {}, globalVars);
      if (perTemplate) shared = main;
      else formResults(template, main, false);
    }
  }
  if (perTemplate) formResults(template, shared, true);
}

function setRuns(group: TtpGroupModel): void {
  group.runs = deepCopy(group.defaults);
  group.children.forEach(setRuns);
}

function updateRuns(group: TtpGroupModel, data: PyDict): void {
  for (const [k, v] of Object.entries(data)) {
    for (const [dk, dv] of Object.entries(group.runs)) if (dv === k) group.runs[dk] = v;
  }
  for (const child of group.children) updateRuns(child, data);
}

/** Dicts found at `path` anywhere in `data` (lists walked), merged into one lookup table. */
function mergeDicts(data: unknown, path: readonly string[]): PyDict {
  const out: PyDict = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isDict(node)) {
      let at: unknown = node;
      for (const key of path) at = isDict(at) ? at[key] : undefined;
      if (isDict(at)) Object.assign(out, at);
      else if (Array.isArray(at)) at.forEach((item) => isDict(item) && Object.assign(out, item));
    }
  };
  walk(data);
  return out;
}

function parseOne(template: TtpTemplateModel, all: readonly TtpTemplateModel[], text: string, indexes: number[], main: PyValue, globalVars: PyDict): PyValue {
  const vars: PyDict = { ...template.vars.values };
  for (const [name, value] of Object.entries(vars)) {
    const getter = typeof value === 'string' ? VAR_GETTERS[value] : undefined;
    if (getter) {
      const got = getter(text, 'text_data');
      if (got) vars[name] = got;
      else delete vars[name];
    }
  }
  const lookupResults = (kind: 'group' | 'template', name: string, current: unknown): PyDict => {
    if (kind === 'template') return mergeDicts(all.find((t) => t.name === name)?.results, []);
    return mergeDicts([template.results, current], name.split('.'));
  };
  const ctx: TtpRunContext = { dataName: 'text_data', dataText: text, globalVars, lookupResults, lookups: template.lookups, vars };
  template.groups.forEach(setRuns);
  const runner = new MatchRunner(text, ctx);
  const plain: RawMatch[][][] = [];
  const withOutputs: [RawMatch[][], TtpGroupModel][] = [];
  for (const index of indexes) {
    const group = template.groups[index];
    if (!group) continue;
    const raw = runner.run(group);
    const sorted = [...raw.keys()].sort((a, b) => a - b).map((k) => raw.get(k) ?? []);
    if (group.outputs.length === 0) {
      if (sorted.length > 0) plain.push(sorted);
    } else if (sorted.length > 0) withOutputs.push([sorted, group]);
  }
  for (const group of template.groups) {
    updateRuns(group, globalVars);
    updateRuns(group, vars);
  }
  const builder = new ResultsBuilder(main, template.vars, ctx);
  builder.make(plain);
  let results = builder.results;
  for (const [sorted, group] of withOutputs) {
    const own = new ResultsBuilder({}, template.vars, ctx);
    own.make([sorted]);
    let data = own.results;
    for (const name of group.outputs) {
      const output = template.groupOutputs.find((o) => o.name === name);
      if (output) data = runOutput(output, data, vars);
    }
    results = Array.isArray(results) ? results : isDict(results) && Object.keys(results).length > 0 ? [results] : [];
    results.push(data);
  }
  return results;
}

function formResults(template: TtpTemplateModel, result: PyValue, perTemplate: boolean): void {
  let datum: PyValue = result;
  if (isDict(result) && '_anonymous_' in result) {
    datum = result._anonymous_;
    delete result._anonymous_;
    if (Object.keys(result).length > 0 && Array.isArray(datum)) datum.push(result);
  }
  if (perTemplate) template.results = datum;
  else (template.results as PyValue[]).push(datum);
}

function result(templates: TtpTemplateModel[], kwargs: Readonly<Record<string, PyValue>>): unknown {
  const { structure: rawStructure, templates: names, ...rest } = kwargs;
  const structure = String(rawStructure ?? 'list').toLowerCase();
  const wanted = typeof names === 'string' ? [names] : Array.isArray(names) ? names.map(String) : [];
  const selected = wanted.length > 0 ? templates.filter((t) => wanted.includes(t.name)) : templates;
  const outputter = Object.keys(rest).length > 0 ? buildOutput({ returner: 'self', ...rest }, null) : undefined;
  const of = (t: TtpTemplateModel): PyValue => (outputter ? runOutput(outputter, t.results as PyValue, t.vars.values) : (t.results as PyValue));
  if (structure === 'list') return selected.map(of);
  if (structure === 'dictionary') {
    const out: PyDict = {};
    for (const t of selected) if (t.name) out[t.name] = of(t);
    return out;
  }
  if (structure === 'flat_list') {
    const out: PyValue[] = [];
    for (const t of selected) {
      const r = of(t);
      if (Array.isArray(r)) for (const item of r) out.push(...(Array.isArray(item) ? item : [item]));
      else out.push(r);
    }
    return out;
  }
  throw new TtpError(`unsupported result structure ${JSON.stringify(structure)} (use list, dictionary or flat_list)`);
}

