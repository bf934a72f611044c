import { parseCalls } from './ttp-attributes.parser';
import { buildGroup } from './ttp-group.builder';
import { buildOutput } from './ttp-output.builder';
import { isDict, PyDict } from './ttp-python.values';
import { expandExtends, readFile } from './ttp-extend.expander';
import { loadStruct } from './ttp-struct.loader';
import type { TtpInputModel, TtpTemplateModel } from './ttp-template.model';
import { XmlElement, XmlReader } from './ttp-xml.reader';
import { TtpError } from './ttp.error';

const TAGS: Readonly<Record<string, string>> = {
  doc: 'doc',
  g: 'group',
  group: 'group',
  grp: 'group',
  i: 'input',
  in: 'input',
  input: 'input',
  lookup: 'lookup',
  macro: 'macro',
  o: 'output',
  out: 'output',
  output: 'output',
  template: 'template',
  v: 'vars',
  variables: 'vars',
  vars: 'vars',
};

export interface TemplateLoadOptions {
  readonly vars: PyDict;
  /** Files a template may read (`<extend template="...">`), by path. */
  readonly files: Readonly<Record<string, string>>;
}

/** Reads TTP template text into template models (one, or one per `<template>` child). */
export function loadTemplates(text: string, options: TemplateLoadOptions): TtpTemplateModel[] {
  const top = loadTemplate(text, '_root_template_', options);
  return top.templates.length > 0 ? top.templates : [top];
}

function emptyTemplate(name: string, vars: PyDict): TtpTemplateModel {
  return { groups: [], inputs: new Map(), lookups: {}, groupOutputs: [], name, outputs: [], pathchar: '.', results: [], resultsMethod: 'per_input', templates: [], vars: { toResults: new Map(), values: { ...vars } } };
}

function parseXml(text: string): XmlElement {
  let root: XmlElement;
  try {
    root = XmlReader.parse(text);
  } catch {
    try {
      return XmlReader.parse(`<template>\n${text}\n</template>`);
    } catch (error) {
      throw new TtpError(`template is not valid TTP XML: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (root.tag.toLowerCase() !== 'template') return { attrib: {}, children: [root], tag: 'template', tail: null, text: null };
  return root;
}

function loadElement(element: XmlElement, name: string, options: TemplateLoadOptions): TtpTemplateModel {
  const template = emptyTemplate(name, options.vars);
  for (const [attr, value] of Object.entries(element.attrib)) {
    if (attr === 'name') template.name = value;
    else if (attr === 'results') template.resultsMethod = value;
    else if (attr === 'pathchar') template.pathchar = value;
  }
  if (element.children.length === 0) {
    const anonymous: XmlElement = { attrib: { name: '_anonymous_' }, children: [], tag: 'g', tail: null, text: `\n${element.text ?? ''}\n` };
    template.groups.push(buildGroup(anonymous, { grpIndex: 0, parentGroupId: null, path: [], pathchar: template.pathchar, top: true, vars: template.vars.values }));
    finish(template, []);
    return template;
  }
  const byKind: Record<string, XmlElement[]> = { group: [], input: [], lookup: [], output: [], template: [], vars: [] };
  for (const child of element.children) {
    const kind = TAGS[child.tag.toLowerCase()];
    if (kind === 'macro') throw new TtpError('<macro> holds Python code, which this TTP engine does not run');
    if (kind && kind in byKind) byKind[kind].push(child);
  }
  byKind.template.forEach((child, index) => template.templates.push(loadElement(child, String(index), options)));
  for (const v of byKind.vars) loadVars(template, v);
  for (const o of byKind.output) template.outputs.push(buildOutput(o.attrib, o.text ?? ''));
  for (const l of byKind.lookup) {
    if (!l.attrib.name) continue;
    const text = l.attrib.include !== undefined ? readFile(options.files, l.attrib.include, '<lookup include>') : (l.text ?? '');
    template.lookups[l.attrib.name] = loadStruct(text, l.attrib.load ?? 'python', l.attrib);
  }
  byKind.group.forEach((g, index) =>
    template.groups.push(buildGroup(g, { grpIndex: index, parentGroupId: null, path: [], pathchar: template.pathchar, top: true, vars: template.vars.values })),
  );
  const groupOutputs = new Set(template.groups.flatMap((g) => g.outputs));
  template.groupOutputs.push(...template.outputs.filter((o) => o.name !== null && groupOutputs.has(o.name)));
  template.outputs.splice(0, template.outputs.length, ...template.outputs.filter((o) => !template.groupOutputs.includes(o)));
  finish(template, byKind.input);
  return template;
}

function loadTemplate(text: string, name: string, options: TemplateLoadOptions): TtpTemplateModel {
  return loadElement(parseXml(expandExtends(text, options.files)), name, options);
}

function loadVars(template: TtpTemplateModel, element: XmlElement): void {
  const loaded = loadStruct(element.text ?? '', element.attrib.load ?? 'python', element.attrib);
  if (!isDict(loaded)) return;
  Object.assign(template.vars.values, loaded);
  const path = element.attrib.name;
  if (path !== undefined) {
    const list = template.vars.toResults.get(path) ?? [];
    list.push(...Object.keys(loaded));
    template.vars.toResults.set(path, list);
  }
}

function finish(template: TtpTemplateModel, inputs: XmlElement[]): void {
  for (const element of inputs) {
    const name = (element.attrib.name ?? 'Default_Input').trim();
    const load = element.attrib.load ?? 'python';
    const data = load === 'text' && element.text ? [element.text] : [];
    const input = addInput(template, name, data, splitGroups(element.attrib.groups ?? 'all'));
    for (const [attr, value] of Object.entries(element.attrib)) {
      if (attr === 'functions') input.functions.push(...parseCalls(value));
      else if (attr === 'extract_commands') input.functions.push({ args: value.split(',').map((c) => c.trim()).filter(Boolean), kwargs: {}, name: 'extract_commands' });
    }
  }
  for (const group of template.groups) {
    for (const name of group.inputs) if (!template.inputs.has(name)) addInput(template, name, [], ['all']);
  }
}

function splitGroups(value: string | string[]): string[] {
  return Array.isArray(value) ? value : value.split(',').map((g) => g.trim());
}

/** Adds texts to a template input, creating it (and its group indexes) when new. */
export function addInput(template: TtpTemplateModel, name: string, data: string[], groups: string[]): TtpInputModel {
  const inputGroups = template.groups.filter((g) => g.inputs.length === 0 && (groups.includes('all') || groups.includes(g.name))).map((g) => g.grpIndex);
  const groupInputs = template.groups.filter((g) => g.inputs.includes(name)).map((g) => g.grpIndex);
  const indexes = [...new Set(groupInputs.length > 0 ? groupInputs : inputGroups)].sort((a, b) => a - b);
  const existing = template.inputs.get(name);
  if (existing) {
    for (const d of data) if (!existing.data.includes(d)) existing.data.push(d);
    existing.groupsIndexes = [...new Set([...existing.groupsIndexes, ...indexes])].sort((a, b) => a - b);
    return existing;
  }
  const input: TtpInputModel = { data: [...data], functions: [], groupsIndexes: indexes, name };
  template.inputs.set(name, input);
  return input;
}
