import type { TtpCall } from './ttp-attributes.parser';
import { runGroupFunction } from './ttp-group.functions';
import type { RawMatch } from './ttp-match.runner';
import { assignOwn, deepCopy, getOwn, hasOwn, isDict, PyDict, pyEqual, PyValue, pyStr, setOwn } from './ttp-python.values';
import { dictByPath, mergeRecursively, PathItem, valueToList } from './ttp-results.paths';
import type { TtpRunContext } from './ttp-run.context';
import type { TtpLineRegex, TtpVars } from './ttp-template.types';
import { groupKeyName } from './ttp-group.builder';

interface RecordState {
  result: PyDict;
  path: string[];
  functions: TtpCall[];
  defaults: PyDict;
  groupId: string | null;
  mergeWithLast?: boolean;
}

const PATH_VAR = /\{\{\s*(\S+)\s*\}\}/g;

function emptyRecord(): RecordState {
  return { defaults: {}, functions: [], groupId: null, path: [], result: {} };
}

/** Turns one input's sorted matches into TTP's nested results (TTP's results object). */
export class ResultsBuilder {
  results: PyValue;
  private startedGroups: string[] = [];
  private readonly endedGroups = new Set<string>();
  private lock: { on: boolean; path: string } = { on: false, path: '' };
  private record: RecordState = emptyRecord();
  private readonly dynPathCache: PyDict = {};

  constructor(
    main: PyValue,
    private readonly vars: TtpVars,
    private readonly ctx: TtpRunContext,
  ) {
    this.results = main;
  }

  make(rawResults: RawMatch[][][]): void {
    if (rawResults.length > 0) this.saveVars();
    for (const groupResults of rawResults) {
      this.lock = { on: false, path: '' };
      for (const matches of groupResults) this.one(matches);
    }
    if (this.processGroup()) this.saveCurrent(this.record.result, this.record.path as unknown as PathItem[]);
  }

  private one(matches: RawMatch[]): void {
    const [re, data] = this.pick(matches);
    const group = re.group;
    const path = group.path.join('.');
    if (data === false) {
      this.lock = { on: true, path };
      return;
    }
    if (this.lock.on) {
      if (re.action.startsWith('start')) {
        if (path === this.lock.path) this.lock = { on: false, path: '' };
        else if (path.startsWith(this.lock.path)) return;
        else this.lock = { on: false, path: '' };
      } else if (path.startsWith(this.lock.path)) return;
    }
    if (this.blocked(re)) return;
    const args = { data, path: [...group.path], re };
    switch (re.action) {
      case 'start':
        this.start(args.data, args.path, re, false);
        break;
      case 'startempty':
        this.start(args.data, args.path, re, true);
        break;
      case 'add':
        this.add(args.data, args.path, re);
        break;
      case 'join':
        this.join(args.data, args.path, re);
        break;
      case 'end':
        this.end(args.path, re);
        break;
    }
  }

  /** Whether a match belongs to a group that has ended (or sits under one). */
  private blocked(re: TtpLineRegex): boolean {
    if ((re.action === 'add' || re.action === 'join') && this.endedGroups.has(re.group.groupId)) return true;
    for (let g = re.group.parent; g; g = g.parent) if (this.endedGroups.has(g.groupId)) return true;
    return false;
  }

  private pick(all: RawMatch[]): RawMatch {
    if (all.length === 1) return all[0];
    const open = all.filter(([re]) => !this.blocked(re));
    const matches = open.length > 0 ? open : all;
    if (matches.length === 1) return matches[0];
    const line: number[] = [];
    const start: number[] = [];
    const normal: number[] = [];
    matches.forEach(([re], i) => {
      if (re.isLine) line.push(i);
      else if (re.action.startsWith('start')) start.push(i);
      else normal.push(i);
    });
    const current = this.record.groupId;
    let picked = matches[0];
    if (start.length > 0) {
      const valid = start.filter((i) => matches[i][1] !== false);
      picked = matches[valid[0] ?? start[start.length - 1]];
      for (const i of valid) {
        if (matches[i][0].group.groupId === current) return matches[i];
        if (current !== null && groupKeyName(matches[i][0].group.groupId).startsWith(groupKeyName(current))) return matches[i];
      }
    } else {
      const candidates = normal.length > 0 ? normal : line;
      picked = matches[candidates[candidates.length - 1]];
      const exact = candidates.find((i) => matches[i][0].group.groupId === current);
      if (exact !== undefined) return matches[exact];
      for (const id of [...this.startedGroups].reverse()) {
        const started = candidates.find((i) => matches[i][0].group.groupId === id);
        if (started !== undefined) return matches[started];
      }
    }
    return picked;
  }

  private trace(re: TtpLineRegex): void {
    while (this.startedGroups.length > 0) {
      if (re.group.parentGroupId === this.startedGroups[this.startedGroups.length - 1]) {
        this.startedGroups.push(re.group.groupId);
        return;
      }
      this.startedGroups.pop();
    }
    this.startedGroups.push(re.group.groupId);
  }

  private start(result: PyDict, path: string[], re: TtpLineRegex, empty: boolean): void {
    this.trace(re);
    this.endedGroups.delete(re.group.groupId);
    if (this.processGroup()) this.saveCurrent(this.record.result, this.record.path as unknown as PathItem[]);
    this.record = { defaults: { ...re.group.runs }, functions: re.group.funcs, groupId: re.group.groupId, path, result: empty ? {} : result };
  }

  private add(result: PyDict, path: string[], re: TtpLineRegex): void {
    if (pyEqual(this.record.path, path)) {
      this.record.result = { ...result, ...this.record.result };
      return;
    }
    if (!this.startedGroups.includes(re.group.groupId)) return;
    if (this.processGroup()) this.saveCurrent(this.record.result, this.record.path as unknown as PathItem[]);
    this.record = { defaults: {}, functions: re.group.funcs, groupId: re.group.groupId, mergeWithLast: true, path, result };
  }

  private join(result: PyDict, path: string[], re: TtpLineRegex): void {
    if (!pyEqual(this.record.path, path)) {
      this.add(result, path, re);
      return;
    }
    let joinchar = '\n';
    for (const name of Object.keys(result)) {
      const variable = re.variables.get(name);
      if (!variable) continue;
      const fn = variable.functions.find((f) => f.name === 'joinmatches');
      if (fn) {
        joinchar = fn.args.length > 0 ? pyStr(fn.args[0]) : joinchar;
        break;
      }
    }
    const rec = this.record.result;
    for (const [key, value] of Object.entries(result)) {
      const old = getOwn(rec, key);
      if (!hasOwn(rec, key)) setOwn(rec, key, value);
      else if (typeof old === 'string') setOwn(rec, key, old + joinchar + pyStr(value));
      else if (Array.isArray(old)) {
        if (Array.isArray(value)) old.push(...value);
        else old.push(value);
      } else setOwn(rec, key, [old ?? null, value]);
    }
  }

  private end(path: string[], re: TtpLineRegex): void {
    if (!pyEqual(this.record.path, path) && re.group.groupId === this.startedGroups[this.startedGroups.length - 1]) return;
    this.endedGroups.add(re.group.groupId);
  }

  private saveVars(): void {
    for (const pathText of [...this.vars.toResults.keys()].sort()) {
      if (!pathText) continue;
      const result: PyDict = {};
      for (const name of this.vars.toResults.get(pathText) ?? []) if (hasOwn(this.ctx.vars, name)) setOwn(result, name, this.ctx.vars[name]);
      this.record = { ...emptyRecord(), path: pathText.split('.').map((p) => p.trim()), result };
      const formed = this.formPath(this.record.path);
      if (formed) this.saveCurrent(result, formed);
    }
    this.record = emptyRecord();
  }

  private formPath(path: readonly string[]): PathItem[] | false {
    const out: PathItem[] = [];
    for (const raw of path) {
      const trimmed = raw.replace(/\*+$/, '');
      const stars = raw.slice(trimmed.length);
      let item = trimmed;
      for (const m of [...trimmed.matchAll(PATH_VAR)]) {
        const name = m[1];
        const pattern = new RegExp(`\\{\\{\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\}\\}`, 'g');
        let repl: string;
        if (hasOwn(this.record.result, name)) {
          setOwn(this.dynPathCache, name, this.record.result[name]);
          repl = pyStr(this.record.result[name]);
          delete this.record.result[name];
        } else if (hasOwn(this.dynPathCache, name)) repl = pyStr(this.dynPathCache[name]);
        else if (hasOwn(this.ctx.vars, name)) repl = pyStr(this.ctx.vars[name]);
        else return false;
        item = item.replace(pattern, () => repl);
      }
      out.push({ name: item, stars });
    }
    return out;
  }

  /** Defaults, group functions and the dynamic path of the current record; false drops it. */
  private processGroup(): boolean {
    const rec = this.record;
    for (const [key, value] of Object.entries(rec.defaults)) if (!hasOwn(rec.result, key)) setOwn(rec.result, key, deepCopy(value));
    if (rec.mergeWithLast) {
      const formed = this.formPath(rec.path);
      if (formed && formed.length > 0) rec.result = this.reconstructLast(rec.result, formed);
    }
    if (Object.keys(rec.result).length === 0) return false;
    for (const call of rec.functions) {
      if (call.name === 'itemize') {
        if (!this.itemize(call)) return false;
        continue;
      }
      if (call.name === 'lookup') {
        this.groupLookup(call);
        continue;
      }
      const [out, flag] = runGroupFunction(call, rec.result, this.ctx, this.results);
      rec.result = out;
      if (flag === false && rec.mergeWithLast !== true) return false;
    }
    const formed = this.formPath(rec.path);
    if (!formed || formed.length === 0) return false;
    rec.path = formed as unknown as string[];
    return true;
  }

  /** Group function `itemize(key, path)`: appends the key's value to a list at `path`; false without a path. */
  private itemize(call: TtpCall): boolean {
    const key = pyStr(call.kwargs.key ?? call.args[0]);
    const pathText = call.kwargs.path ?? call.args[1];
    if (hasOwn(this.record.result, key)) {
      const raw = pathText === undefined || pathText === null ? [...this.record.path] : pyStr(pathText).split('.');
      const formed = this.formPath(raw);
      if (formed && formed.length > 0) {
        const last = formed[formed.length - 1];
        formed[formed.length - 1] = { name: last.name, stars: '*' };
        const element = dictByPath(formed, this.results);
        if (Array.isArray(element)) element.push(this.record.result[key]);
      }
    }
    return pathText !== undefined && pathText !== null;
  }

  /** Group function `lookup(key, name|group|template, add_field, update)`: adds what the key finds. */
  private groupLookup(call: TtpCall): void {
    const key = pyStr(call.kwargs.key ?? call.args[0]);
    const value = getOwn(this.record.result, key);
    if (value === undefined) return;
    const { kwargs } = call;
    let table: PyValue | undefined;
    if (kwargs.group !== undefined) table = this.ctx.lookupResults('group', pyStr(kwargs.group), this.results);
    else if (kwargs.template !== undefined) table = this.ctx.lookupResults('template', pyStr(kwargs.template), this.results);
    else {
      table = this.ctx.lookups;
      for (const part of pyStr(kwargs.name ?? call.args[1] ?? '').split('.')) table = isDict(table) ? getOwn(table, part) : undefined;
    }
    const found = isDict(table) ? getOwn(table, pyStr(value)) : undefined;
    if (found === undefined) return;
    if (kwargs.add_field !== undefined && kwargs.add_field !== false) setOwn(this.record.result, pyStr(kwargs.add_field), deepCopy(found));
    else if (kwargs.update === true && isDict(found)) this.record.result = { ...this.record.result, ...deepCopy(found) };
  }

  private reconstructLast(result: PyDict, path: PathItem[]): PyDict {
    const element = dictByPath([...path], this.results);
    const last = Array.isArray(element) ? element[element.length - 1] : element;
    return { ...(isDict(last) ? last : {}), ...result };
  }

  private saveCurrent(data: PyDict, path: PathItem[]): void {
    const element = dictByPath(path, this.results);
    if (Array.isArray(element)) {
      const last = element[element.length - 1];
      if (this.record.mergeWithLast && isDict(last)) mergeRecursively(last, data);
      else element.push(data);
    } else if (isDict(element)) {
      if (this.record.mergeWithLast) mergeRecursively(element, data);
      else if (path[path.length - 1]?.stars === '**') assignOwn(element, { ...data, ...element });
      else if (Object.keys(element).length > 0) this.results = valueToList(this.results, path, data) ?? this.results;
      else assignOwn(element, data);
    }
  }
}
