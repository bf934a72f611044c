import { parseCall, parseCalls, TtpCall } from './ttp-attributes.parser';
import { isDict, PyDict, PyValue } from './ttp-python.values';
import { TtpRegex } from './ttp-regex';
import type { TtpGroupModel, TtpLineRegex, TtpVariable } from './ttp-template.types';
import { VariableBuilder } from './ttp-variable.builder';
import type { XmlElement } from './ttp-xml.reader';

export interface GroupBuildOptions {
  readonly top: boolean;
  readonly path: readonly string[];
  readonly pathchar: string;
  readonly vars: PyDict;
  readonly grpIndex: number;
  readonly parentGroupId: string | null;
  readonly parent?: TtpGroupModel | null;
}

export function groupKey(name: string, index: number): string {
  return `${name}\u0000${index}`;
}

export function groupKeyName(key: string): string {
  return key.split('\u0000')[0];
}

/** Builds a `<group>` element into its model: attributes, line regexes, children. */
export function buildGroup(element: XmlElement, options: GroupBuildOptions): TtpGroupModel {
  const group: TtpGroupModel = {
    children: [],
    defaults: {},
    endRe: [],
    funcs: [],
    groupDefault: undefined,
    groupId: '',
    grpIndex: options.grpIndex,
    hasStartReDefault: false,
    inputs: [],
    method: 'group',
    name: '',
    outputs: [],
    parent: options.parent ?? null,
    parentGroupId: options.parentGroupId,
    path: [...options.path],
    re: [],
    runs: {},
    startRe: [],
    top: options.top,
  };
  const mutable = group as { -readonly [K in keyof TtpGroupModel]: TtpGroupModel[K] };
  for (const [attr, value] of Object.entries(element.attrib)) {
    switch (attr.toLowerCase()) {
      case 'method':
        mutable.method = value.toLowerCase().trim();
        break;
      case 'input':
        if (group.top) group.inputs.push(...value.split(',').map((i) => i.trim()));
        break;
      case 'output':
        if (group.top) group.outputs.push(...value.split(',').map((i) => i.trim()));
        break;
      case 'name':
        setName(group, value, options.pathchar);
        break;
      case 'default': {
        const fromVars = options.vars[value];
        mutable.groupDefault = fromVars !== undefined ? fromVars : value;
        break;
      }
      case 'chain':
      case 'functions':
        group.funcs.push(...chainCalls(value, options.vars).filter((c) => !applyOption(group, c, options)));
        break;
      default:
        group.funcs.push(parseCall(`${attr}(${value})`));
    }
  }
  if (group.name === '') {
    group.path = group.top ? ['_anonymous_*'] : group.path;
    group.name = group.path.join('.');
    group.groupId = groupKey(group.name, group.grpIndex);
  }
  addRegexes(group, element.text ?? '', options.vars, false);
  element.children.forEach((child, index) => {
    group.children.push(buildGroup(child, { ...options, grpIndex: index, parent: group, parentGroupId: group.groupId, path: group.path, top: false }));
    if ((child.tail ?? '').trim()) addRegexes(group, child.tail ?? '', options.vars, true);
  });
  return group;
}

function chainCalls(value: string, vars: PyDict): TtpCall[] {
  const fromVars: PyValue = vars[value] ?? value;
  const texts = Array.isArray(fromVars) ? fromVars : [fromVars];
  return texts.flatMap((text) => parseCalls(String(text)));
}

function applyOption(group: TtpGroupModel, call: TtpCall, options: GroupBuildOptions): boolean {
  if (call.name === 'name' || call.name === 'method' || call.name === 'default') {
    const value = String(call.args[0] ?? '');
    if (call.name === 'name') setName(group, value, options.pathchar);
    return true;
  }
  return false;
}

function setName(group: TtpGroupModel, value: string, pathchar: string): void {
  if (value.startsWith('/')) {
    if (group.path.includes('_anonymous_')) group.path = ['_anonymous_*', ...value.replace(/^\/+/, '').split(pathchar)];
    else if (value === '/') group.path = ['_anonymous_*'];
    else group.path = value.replace(/^\/+/, '').split(pathchar);
  } else {
    group.path = [...group.path, ...value.split(pathchar)];
  }
  group.name = group.path.join('.');
  group.groupId = groupKey(group.name, group.grpIndex);
}

function addRegexes(group: TtpGroupModel, text: string, vars: PyDict, tail: boolean): void {
  const regexes: TtpLineRegex[] = [];
  for (const raw of text.split(/\r\n|\n|\r/)) {
    if (!raw.trim() || raw.trimStart().startsWith('##')) continue;
    const line = raw.trimEnd();
    const found = [...line.matchAll(/\{\{([\S\s]+?)\}\}/g)].map((m) => m[1]);
    if (found.length === 0) continue;
    let regex = '';
    const variables = new Map<string, TtpVariable>();
    let action: TtpLineRegex['action'] = 'add';
    let isLine = false;
    let skip = false;
    for (const text of found) {
      const builder = new VariableBuilder(text, line, group, vars);
      let built = builder.built;
      if (built.skipRegex) {
        skip = true;
        continue;
      }
      regex = builder.formRegex(regex);
      built = builder.built;
      if (!built.skipVariable) {
        variables.set(built.name, built);
        variables.set(built.original, built);
      }
      for (const [name, sub] of built.subVariables) variables.set(name, sub);
      isLine ||= built.isLine;
      if (!action.includes('start') && built.name !== 'ignore') action = built.saveAction;
    }
    if (skip) continue;
    regexes.push({ action, group, isLine, regex: new TtpRegex(regex), variables });
  }
  regexes.forEach((entry, index) => {
    if (entry.action.includes('end')) group.endRe.push(entry);
    else if (tail) group.re.push(entry);
    else if (index === 0 || group.method === 'table') {
      if (!entry.action.includes('start')) entry.action = 'start';
      group.startRe.push(entry);
    } else if (entry.action.includes('start')) group.startRe.push(entry);
    else group.re.push(entry);
  });
  if (isDict(group.groupDefault)) {
    Object.assign(group.defaults, group.groupDefault);
    if (group.startRe.length === 0) group.hasStartReDefault = true;
  }
  for (const start of group.startRe) {
    if (group.hasStartReDefault) break;
    if ([...start.variables.keys()].some((name) => name in group.defaults)) group.hasStartReDefault = true;
  }
}
