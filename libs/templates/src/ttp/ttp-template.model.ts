import type { TtpCall } from './ttp-attributes.parser';
import type { PyDict } from './ttp-python.values';
import type { TtpGroupModel, TtpVars } from './ttp-template.types';

/** An input of a template: its texts and the indexes of the top groups that parse them. */
export interface TtpInputModel {
  readonly name: string;
  readonly data: string[];
  groupsIndexes: number[];
  readonly functions: TtpCall[];
}

/** An `<output>` (or the `result()` arguments): functions, formatter, returners. */
export interface TtpOutputModel {
  readonly name: string | null;
  readonly attributes: PyDict;
  readonly functions: TtpCall[];
  readonly returners: string[];
  readonly tagLoad: unknown;
}

/** A loaded template: its groups, inputs, vars, lookups, outputs and child templates. */
export interface TtpTemplateModel {
  name: string;
  pathchar: string;
  resultsMethod: string;
  readonly vars: TtpVars;
  readonly groups: TtpGroupModel[];
  readonly inputs: Map<string, TtpInputModel>;
  readonly outputs: TtpOutputModel[];
  /** Outputs named by a group's `output` attribute: they run on that group's results only. */
  readonly groupOutputs: TtpOutputModel[];
  readonly lookups: PyDict;
  readonly templates: TtpTemplateModel[];
  results: unknown;
}
