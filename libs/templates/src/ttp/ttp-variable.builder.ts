import { parseCalls, TtpCall } from './ttp-attributes.parser';
import { PyDict, PyValue } from './ttp-python.values';
import { pyReEscape } from './ttp-regex';
import { ttpPattern } from './ttp-regex.patterns';
import type { TtpGroupModel, TtpSaveAction, TtpVariable } from './ttp-template.types';

const VAR_RE = /\{\{([\S\s]+?)\}\}/g;
const SKIP_DEFAULTS = new Set(['_end_', '_line_', 'ignore', '_start_']);
const FROM_VARS = new Set(['contains_re', 'startswith_re', 'endswith_re', 'notstartswith_re', 'notendswith_re', 'exclude_re', 'exclude', 'contains', 'equal', 'notequal', 'sformat']);
const END_OF_LINE = '[\\t ]*(?=\\n|\\r\\n)';

/** A variable while its line's regex is built. */
export interface BuiltVariable extends TtpVariable {
  readonly skipVariable: boolean;
  readonly skipRegex: boolean;
  readonly subVariables: Map<string, BuiltVariable>;
}

/**
 * Builds one match variable of a template line and its part of the line's regex, as TTP does:
 * indicators (`_start_`, `_end_`, `_line_`, `ignore`, `_headers_`), regex formatters, functions.
 */
export class VariableBuilder {
  private name: string;
  private readonly original: string;
  private readonly functions: TtpCall[] = [];
  private saveAction: TtpSaveAction = 'add';
  private isLine = false;
  private skipVariable = false;
  private skipRegex = false;
  private readonly varRes: string[] = [];
  private readonly head: TtpCall;
  private subVariables = new Map<string, BuiltVariable>();

  constructor(
    private readonly variable: string,
    private readonly line: string,
    private readonly group: TtpGroupModel,
    private readonly vars: PyDict,
  ) {
    const calls = parseCalls(variable);
    this.head = calls[0];
    this.original = this.head.name;
    this.name = this.original.replace(/\W+|^(?=\d)/gu, '_');
    const groupDefault = group.groupDefault;
    if (typeof groupDefault === 'string' && !(this.original in group.defaults) && !SKIP_DEFAULTS.has(this.original)) {
      group.defaults[this.original] = groupDefault;
    }
    if (this.indicator(this.name, this.head)) {
      // handled
    }
    for (const call of calls.slice(1)) this.attribute(call);
  }

  get built(): BuiltVariable {
    return {
      functions: this.functions,
      isLine: this.isLine,
      name: this.name,
      original: this.original,
      saveAction: this.saveAction,
      skipRegex: this.skipRegex,
      skipVariable: this.skipVariable,
      subVariables: this.subVariables,
    };
  }

  private attribute(call: TtpCall): void {
    if (this.indicator(call.name, call)) return;
    if (ttpPattern(call.name) !== undefined) this.addRe(call);
    else this.functions.push(call);
  }

  /** @returns whether `name` is one TTP handles while reading the template */
  private indicator(name: string, call: TtpCall): boolean {
    switch (name) {
      case '_start_':
        this.saveAction = this.name === '_start_' ? 'startempty' : 'start';
        return true;
      case '_end_':
        this.saveAction = 'end';
        return true;
      case '_line_':
        this.saveAction = 'join';
        this.isLine = true;
        this.addRe(call);
        return true;
      case 'ignore':
        this.skipVariable = true;
        return true;
      case '_exact_':
      case '_exact_space_':
        return true;
      case '_headers_':
        this.saveAction = 'start';
        return true;
      case 'chain':
        this.chain(call);
        return true;
      case 'set':
        this.set(call);
        return true;
      case 'default':
        if (!SKIP_DEFAULTS.has(this.original)) this.group.defaults[this.original] = call.args.length === 1 ? call.args[0] : 'None';
        return true;
      case 'joinmatches':
        this.functions.push(call);
        this.saveAction = 'join';
        return true;
      case 're':
        this.addRe(call);
        return true;
      default:
        if (FROM_VARS.has(name)) {
          call.args = call.args.map((arg) => (typeof arg === 'string' && arg in this.vars ? this.vars[arg] : arg));
          this.functions.push(call);
          return true;
        }
        return false;
    }
  }

  private set(call: TtpCall): void {
    const matchLine = this.line.replace(VAR_RE, '').trimEnd();
    if (matchLine) {
      call.kwargs.match_line = `\n${matchLine}`;
      this.functions.push(call);
    } else {
      this.group.defaults[this.original] = call.args[0] ?? null;
      this.skipRegex = true;
    }
  }

  private chain(call: TtpCall): void {
    const value = this.vars[String(call.args[0])];
    if (value === undefined) return;
    const texts: PyValue[] = Array.isArray(value) ? value : [value];
    for (const text of texts) for (const item of parseCalls(String(text))) this.attribute(item);
  }

  private addRe(call: TtpCall): void {
    const regex = call.args.length > 0 ? String(call.args[0]) : call.name;
    const fromVar = this.vars[regex];
    if (typeof fromVar === 'string' && fromVar !== '') this.varRes.push(fromVar);
    else this.varRes.push(ttpPattern(regex) ?? regex);
  }

  /** Adds this variable to the line's regex (`regex` is `''` for the first variable of the line). */
  formRegex(regex: string): string {
    const escVar = `{{${this.variable}}}`;
    let out = regex === '' ? this.lineRegex() : regex;
    if (this.name === 'ignore') out = this.ignoreRegex(out, escVar);
    else if (this.name === '_start_' || this.name === '_end_') out = deleteVar(out, escVar);
    else if (this.name === '_headers_') out = this.headersRegex(escVar);
    if (this.functions.some((f) => f.name === 'set')) out = deleteVar(out, escVar);
    if (this.varRes.length === 0) this.varRes.push(ttpPattern('WORD') ?? '\\S+');
    if (this.name !== 'ignore') out = out.replace(escVar, () => `(?P<${this.name}>(?:${this.varRes.join(')|(?:')}))`);
    return out;
  }

  private lineRegex(): string {
    const noIndent = this.line.trimStart();
    const chunks: string[] = [];
    let last = 0;
    for (const m of noIndent.matchAll(VAR_RE)) {
      chunks.push(this.escapeChunk(noIndent.slice(last, m.index)), m[0]);
      last = m.index + m[0].length;
    }
    chunks.push(this.escapeChunk(noIndent.slice(last)));
    const indent = this.line.slice(0, this.line.length - noIndent.length);
    return `\\n${indent}${chunks.join('')}${END_OF_LINE}`;
  }

  private escapeChunk(text: string): string {
    if (text === '') return '';
    let out = pyReEscape(text);
    if (!this.line.includes('_exact_space_')) out = out.replace(/(?:\\[ \t])+/g, '[\\t ]+');
    if (!this.line.includes('_exact_')) out = out.replace(/\d+/g, '\\d+');
    return out;
  }

  private ignoreRegex(regex: string, escVar: string): string {
    if (this.head.args.length === 0) return regex.replace(escVar, () => '\\S+');
    const pattern = String(this.head.args[0]);
    const fromVar = this.vars[pattern];
    const source = typeof fromVar === 'string' && fromVar !== '' ? fromVar : (ttpPattern(pattern) ?? pattern);
    return regex.replace(escVar, () => `(?:${source})`);
  }

  /**
   * One group per column, as wide as its header: the first `required` columns must be there (the
   * last of them at least one character), the rest may be short. `columns(n)` sets it; all but two by default.
   */
  private headerColumns(headers: string[], required: number): string[] {
    const last = headers.length - 1;
    return headers.map((h, i) => {
      const name = h.trim();
      if (i < required - 1) return i === last ? `(?P<${name}>.*)` : `(?P<${name}>.{${h.length}})`;
      if (i === required - 1) return i === last ? `(?P<${name}>.+)` : `(?P<${name}>.{1,${h.length}})`;
      return i === last ? `(?P<${name}>.*)` : `(?P<${name}>.{0,${h.length}})`;
    });
  }

  private headersRegex(escVar: string): string {
    const index = this.line.indexOf(escVar);
    let text = this.line.slice(0, index).trimEnd();
    const headers = text.match(/\S+\s+|\S+/g) ?? [];
    text = text.replace(/\t/g, '    ');
    headers[0] = ' '.repeat(text.length - text.trimStart().length) + headers[0];
    const columns = this.functions.find((f) => f.name === 'columns');
    const wanted = columns === undefined ? headers.length - 2 : Number(columns.args[0] ?? 0);
    const parts = this.headerColumns(headers, Math.min(headers.length, Math.max(1, wanted)));
    this.subVariables = new Map();
    for (const header of headers) {
      const name = header.trim();
      const sub = new VariableBuilder(`${name} | strip | exclude(${name})`, '', this.group, this.vars);
      this.subVariables.set(name, sub.built);
    }
    this.skipVariable = true;
    return `\\n${parts.join('')}(?=\\n|\\r\\n)`;
  }
}

function deleteVar(regex: string, escVar: string): string {
  const index = regex.indexOf(escVar);
  if (index < 0) return regex;
  return regex.slice(0, index).replace(/(\\ \+|\[\\t \]\+)$/, '') + END_OF_LINE;
}
