import type { PyDict } from './ttp-python.values';

/** State one parse of one input shares between functions: template vars, records, lookups. */
export interface TtpRunContext {
  /** The template's vars for this input (a copy; `record` and getters update it). */
  readonly vars: PyDict;
  /** Values saved with `record` for every group and input of this run. */
  readonly globalVars: PyDict;
  readonly lookups: PyDict;
  /** Name of the input text (`text_data` for inline text). */
  readonly dataName: string;
  /** The whole input text being parsed. */
  readonly dataText: string;
  /** `lookup(..., group=...)`: the results of that group so far, merged; `template=...`: that template's. */
  readonly lookupResults: (kind: 'group' | 'template', name: string, current: unknown) => PyDict;
}
