import { PythonRegex } from '../regex/python-regex';
import { TtpIp } from './ttp-ip.address';
import { matchFunction } from './ttp-match.functions';
import { assignOwn, isDict, PyDict, PyValue, setOwn } from './ttp-python.values';
import type { TtpRunContext } from './ttp-run.context';
import type { TtpGroupModel, TtpLineRegex } from './ttp-template.types';
import { TtpError } from './ttp.error';

export type MatchResult = PyDict | false;
export type RawMatch = [TtpLineRegex, MatchResult];
/** Matches by their offset in the input text. */
export type RawResults = Map<number, RawMatch[]>;

/** A value the results may hold: IP objects become their text, as TTP's JSON output has them. */
function finalValue(value: unknown): PyValue {
  if (value instanceof TtpIp) return value.toString();
  if (Array.isArray(value)) return value.map(finalValue);
  if (isDict(value)) {
    const out: PyDict = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, finalValue(v));
    return out;
  }
  return value as PyValue;
}

/**
 * Runs a group's line regexes over one input text, TTP's way: start lines bound where the group
 * starts, end lines where it ends, the other lines and child groups search in between.
 */
export class MatchRunner {
  private readonly ascii: boolean;

  constructor(
    private readonly text: string,
    private readonly ctx: TtpRunContext,
  ) {
    this.ascii = PythonRegex.isAscii(text);
  }

  run(group: TtpGroupModel, results: RawResults = new Map(), startAt = 0, endAt = -1): RawResults {
    let start = startAt;
    let end = endAt;
    let s = 0;
    let found = false;
    let lastStart = -1;
    for (const R of group.startRe) {
      const matches = this.find(R, start, end);
      if (matches.length === 0) continue;
      this.check(R, matches, results, start);
      lastStart = Math.max(lastStart, start + matches[matches.length - 1].start);
      if (s > matches[0].start || !found) {
        found = true;
        s = matches[0].start;
      }
    }
    start += s;
    if (!found) {
      if (group.hasStartReDefault) {
        let key = 10000000;
        while (results.has(key)) key += 1;
        const startRe: TtpLineRegex = group.startRe[0] ?? { action: 'start', group, isLine: false, regex: undefined as never, variables: new Map() };
        results.set(key, [[startRe, {}]]);
      }
      for (const child of group.children) this.run(child, results, start, end);
      return results;
    }
    let e = -1;
    for (const R of group.endRe) {
      const matches = this.find(R, start, end);
      if (matches.length === 0) continue;
      this.check(R, matches, results, start);
      if (e < matches[matches.length - 1].end) e = matches[matches.length - 1].end;
    }
    // The group ends at its last end line, unless it starts again after it (then the text runs on).
    if (e !== -1 && start + e > lastStart) {
      end = start + e;
      for (const [key, items] of [...results.entries()]) {
        const kept = items.filter((item) => !(item[0].group === group && key > end));
        if (kept.length === 0) results.delete(key);
        else results.set(key, kept);
      }
    }
    for (const R of group.re) this.check(R, this.find(R, start, end), results, start);
    for (const child of group.children) this.run(child, results, start, end);
    return results;
  }

  private find(R: TtpLineRegex, start: number, end: number): { start: number; end: number; text: string; groups: Readonly<Record<string, string | undefined>> }[] {
    const stop = end < 0 ? this.text.length + end : end;
    return R.regex.finditer(this.text.slice(start, Math.max(start, stop)), this.ascii);
  }

  private check(R: TtpLineRegex, matches: ReturnType<MatchRunner['find']>, results: RawResults, start: number): void {
    for (const match of matches) {
      let result: MatchResult = {};
      const named = Object.entries(match.groups).filter(([, v]) => v !== undefined) as [string, string][];
      const temp: [string, unknown][] = Object.keys(match.groups).length > 0 ? named : [...R.variables.keys()].map((k) => [k, match.text]);
      for (const [varName, value] of temp) {
        const variable = R.variables.get(varName);
        if (!variable) continue;
        let data: unknown = value;
        let newFields: PyDict | undefined;
        for (const call of variable.functions) {
          const fn = matchFunction(call.name);
          if (!fn) throw new TtpError(`unknown match variable function ${JSON.stringify(call.name)} in variable ${JSON.stringify(variable.original)}`);
          const [out, flag] = fn(data, call.args, call.kwargs, this.ctx);
          data = out;
          if (flag === false) {
            result = false;
            break;
          }
          if (isDict(flag) && isDict(flag.new_field)) newFields = { ...(newFields ?? {}), ...flag.new_field };
        }
        if (result === false) break;
        setOwn(result, variable.original, finalValue(data));
        if (newFields) assignOwn(result, finalValue(newFields) as PyDict);
      }
      if (result === false && !R.action.startsWith('start')) continue;
      const key = start + match.start;
      const list = results.get(key);
      if (list) list.push([R, result]);
      else results.set(key, [[R, result]]);
    }
  }
}
